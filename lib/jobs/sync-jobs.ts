import 'server-only';
import { getDb } from '@/db';
import type { AppIdValue } from '@/db/schema';
import type { Actor } from '@/lib/commands/actor';
import { requestSyncRun, type SyncRunRequest, type SyncRunRequestResult } from '@/lib/commands/sync-runs';
import { getJobQueue } from './process-queue';

/**
 * The one way anything starts a sync run — a member's "Sync now", the scheduler, a webhook,
 * "Retry failed records" (docs/sync-engine.md). Requests the run in its own transaction
 * (lib/commands/sync-runs), then, after commit, enqueues job `sync-run` with data
 * {practiceId, app, runId} and key `${practiceId}:${app}` on the process's queue; the job
 * calls the engine's `executeSyncRun(runId, { signal })` (lib/jobs/sync-run-job.ts).
 */
export interface SyncRunJobData {
  practiceId: string;
  app: AppIdValue;
  runId: string;
}

export const SYNC_RUN_JOB = 'sync-run';

/** One practice's app is worked by one job at a time, whichever instance holds it. */
export function syncRunJobKey(practiceId: string, app: AppIdValue): string {
  return `${practiceId}:${app}`;
}

export async function startSyncRun(actor: Actor, request: SyncRunRequest): Promise<SyncRunRequestResult> {
  const db = await getDb();
  const result = await db.transaction((tx) => requestSyncRun(tx, actor, request));
  if (result.kind === 'queued') await enqueueSyncRun({ practiceId: actor.practiceId, app: request.app, runId: result.runId });
  return result;
}

/**
 * Puts a queued run's job on the queue. Never throws: the run is committed as `queued`, and
 * a job that could not be enqueued now (the queue not started yet, PostgreSQL hiccup) is
 * enqueued again by the scheduler's next tick or a worker's start (lib/jobs/worker.ts resumes
 * every queued run) or when the run ahead of it finishes.
 */
export async function enqueueSyncRun(data: SyncRunJobData): Promise<boolean> {
  try {
    const queue = await getJobQueue();
    const { queued } = await queue.enqueue<SyncRunJobData>(SYNC_RUN_JOB, data, { key: syncRunJobKey(data.practiceId, data.app) });
    return queued;
  } catch (error) {
    console.error(`[jobs] could not enqueue sync run ${data.runId}; the next scheduler tick enqueues it again:`, error instanceof Error ? error.message : error);
    return false;
  }
}
