import 'server-only';
import type { AppIdValue } from '@/db/schema';
import type { Actor } from '@/lib/commands/actor';
import type { SyncRunRequest, SyncRunRequestResult } from '@/lib/commands/sync-runs';

/**
 * CONTRACT (filled in by the jobs work of issue 10; see docs/sync-engine.md):
 * the one way anything starts a sync run — a member's "Sync now", the scheduler, a webhook,
 * "Retry failed records". Requests the run in its own transaction (lib/commands/sync-runs),
 * then, after commit, enqueues job `sync-run` with data {practiceId, app, runId} and key
 * `${practiceId}:${app}` on the process's queue; the job calls the engine's
 * `executeSyncRun(runId, { signal })`.
 */
export interface SyncRunJobData {
  practiceId: string;
  app: AppIdValue;
  runId: string;
}

export const SYNC_RUN_JOB = 'sync-run';

export declare function startSyncRun(actor: Actor, request: SyncRunRequest): Promise<SyncRunRequestResult>;
