import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type OpenDatabase } from '@/db/open';
import { syncRuns } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import { requestSyncRun } from '@/lib/commands/sync-runs';
import { createFreshPostgresDatabase } from '@/test/databases';
import { createPgBossQueue } from './pg-boss-queue';
import { SYNC_RUN_JOB, syncRunJobKey, type SyncRunJobData } from './sync-jobs';
import { createSyncRunHandler } from './sync-run-job';
import { connectApp, createPractice } from './testing/fixtures';
import type { JobQueue } from './types';

/**
 * Two app instances on one PostgreSQL, each with its own pg-boss worker for `sync-run`
 * (the same handler the server registers): while both keep asking for runs of the same
 * practices, one practice's app is never worked twice at once, and every run is executed
 * exactly once. The engine is a stand-in that claims the run as the real one does.
 */
const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('sync-run on two pg-boss workers sharing one PostgreSQL', () => {
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let database: OpenDatabase;
  const queues: JobQueue[] = [];

  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(adminUrl!);
    database = await openPostgres(fresh.url);
    (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(database);
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop(5_000)));
    (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = undefined;
    await database?.close();
    await fresh?.drop();
  });

  it('never runs one practice’s app twice at once, and executes each run exactly once', async () => {
    const running = new Map<string, number>();
    let maxSameKey = 0;
    const executed = new Map<string, number>();
    // Stand-in engine: claim queued → running (as executeSyncRun does), work a while, finish.
    const engine = async (runId: string) => {
      const [run] = await database.db.select({ practiceId: syncRuns.practiceId }).from(syncRuns).where(eq(syncRuns.id, runId));
      const key = run!.practiceId;
      running.set(key, (running.get(key) ?? 0) + 1);
      maxSameKey = Math.max(maxSameKey, running.get(key)!);
      try {
        const [claimed] = await database.db
          .update(syncRuns)
          .set({ status: 'running', startedAt: new Date(), heartbeatAt: new Date() })
          .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, 'queued')))
          .returning({ id: syncRuns.id });
        if (!claimed) return;
        executed.set(runId, (executed.get(runId) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await database.db.update(syncRuns).set({ status: 'succeeded', finishedAt: new Date() }).where(eq(syncRuns.id, runId));
      } finally {
        running.set(key, running.get(key)! - 1);
      }
    };
    for (let i = 0; i < 2; i++) {
      const queue = await createPgBossQueue({ connectionString: fresh.url, pollingIntervalSeconds: 0.5 });
      queues.push(queue);
      await queue.register<SyncRunJobData>(SYNC_RUN_JOB, createSyncRunHandler(engine));
    }
    const practices = [await createPractice(database.db), await createPractice(database.db)];
    for (const p of practices) await connectApp(database.db, p, 'gusto', { inbound: true });

    // What startSyncRun does, through either instance: request in a tx, enqueue after commit.
    const ask = async (queue: JobQueue, practiceId: string, n: number) => {
      const result = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practiceId, 'webhook'), { app: 'gusto', onlyExternalIds: [`company-${n}`] }));
      if (result.kind === 'queued')
        await queue.enqueue<SyncRunJobData>(SYNC_RUN_JOB, { practiceId, app: 'gusto', runId: result.runId }, { key: syncRunJobKey(practiceId, 'gusto') });
    };
    for (let round = 0; round < 5; round++) {
      await Promise.all(queues.flatMap((queue, i) => practices.map((p) => ask(queue, p, round * 2 + i))));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }

    const deadline = Date.now() + 30_000;
    let runs: { id: string; status: string }[] = [];
    for (;;) {
      runs = await database.db.select({ id: syncRuns.id, status: syncRuns.status }).from(syncRuns);
      if (runs.every((r) => r.status === 'succeeded') || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(runs.map((r) => r.status).every((s) => s === 'succeeded')).toBe(true);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThan(20); // the bursts collapsed into follow-ups
    expect(runs.map((r) => executed.get(r.id) ?? 0)).toEqual(runs.map(() => 1));
    expect(maxSameKey).toBe(1);
  }, 60_000);
});
