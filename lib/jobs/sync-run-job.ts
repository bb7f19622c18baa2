import 'server-only';
import { and, eq, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { syncRuns } from '@/db/schema';
import { STALE_RUN_MS } from '@/lib/commands/sync-runs';
import type { JobHandler } from './types';
import { enqueueSyncRun, type SyncRunJobData } from './sync-jobs';

/** The engine's entry point (lib/sync/engine `executeSyncRun`), passed in so tests can record calls. */
export type SyncRunExecutor = (runId: string, options: { signal: AbortSignal }) => Promise<unknown>;

// STALE_RUN_MS: a `running` run whose heartbeat is older lost its worker. The engine decides
// (and marks it) when it claims; the worker only uses it to find runs worth re-enqueueing.

/**
 * The `sync-run` job: hands the run to the engine. When the run is done (not when the
 * process is stopping), a run queued meanwhile whose job the queue refused or lost is
 * enqueued, so a waiting run never depends on a restart to go.
 */
export function createSyncRunHandler(execute: SyncRunExecutor): JobHandler<SyncRunJobData> {
  return async (data, { signal }) => {
    try {
      await execute(data.runId, { signal });
    } finally {
      // Even when the engine threw: the run behind this one must not wait for a restart.
      if (!signal.aborted) await enqueueWaitingRun(data);
    }
  };
}

/** Its own run still queued (the engine did not take it) is left alone: no loop on one run. */
async function enqueueWaitingRun(data: SyncRunJobData): Promise<void> {
  const db = await getDb();
  const [next] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, data.practiceId), eq(syncRuns.app, data.app), eq(syncRuns.status, 'queued')));
  // Refused (queued: false) when its job is already waiting — which is the usual case.
  if (next && next.id !== data.runId) await enqueueSyncRun({ practiceId: data.practiceId, app: data.app, runId: next.id });
}

/**
 * Runs whose job may be gone: every `queued` run (an in-process queue forgets its jobs with
 * the process) and every `running` one whose heartbeat went stale (its worker died; the engine
 * marks it when it claims, and the run resumes from its committed cursor). Enqueued once per
 * (practice, app) — the queue's key would refuse the rest anyway.
 */
export async function resumeStrandedRuns(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  const stale = new Date(now.getTime() - STALE_RUN_MS);
  const rows = await db
    .select({ id: syncRuns.id, practiceId: syncRuns.practiceId, app: syncRuns.app, status: syncRuns.status })
    .from(syncRuns)
    .where(
      or(
        eq(syncRuns.status, 'queued'),
        and(eq(syncRuns.status, 'running'), sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.startedAt}, ${syncRuns.queuedAt}) < ${stale.toISOString()}`),
      ),
    )
    .orderBy(syncRuns.queuedAt);
  // A stale running run first: the engine settles it before the queued one behind it can run.
  rows.sort((a, b) => (a.status === b.status ? 0 : a.status === 'running' ? -1 : 1));
  let enqueued = 0;
  for (const run of rows) {
    if (await enqueueSyncRun({ practiceId: run.practiceId, app: run.app, runId: run.id })) enqueued += 1;
  }
  return enqueued;
}
