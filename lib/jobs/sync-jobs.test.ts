import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { syncRuns } from '@/db/schema';
import { systemActor, type Actor } from '@/lib/commands/actor';
import { testDatabases } from '@/test/databases';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { createInProcessQueue } from './in-process-queue';
import { setJobQueueForTests } from './process-queue';
import { startSyncRun, SYNC_RUN_JOB, type SyncRunJobData } from './sync-jobs';
import { STALE_RUN_MS } from '@/lib/commands/sync-runs';
import { createSyncRunHandler, resumeStrandedRuns } from './sync-run-job';
import { connectApp, createPractice } from './testing/fixtures';
import { recordingQueue } from './testing/recording-queue';

/**
 * startSyncRun on both databases: the run is requested in a transaction and its job enqueued
 * after commit with the practice's app as key; the job hands the run to the engine; runs
 * whose job was lost are enqueued again when a worker starts.
 */
describe.each(testDatabases())('sync jobs on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));
  afterEach(() => setJobQueueForTests(null));

  async function inboundGusto() {
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'gusto', { inbound: true });
    return practiceId;
  }
  // "Sync now" (the member is irrelevant here; lib/dal makes the real one).
  const member = (practiceId: string): Actor => ({ practiceId, memberId: null, trigger: 'manual' });

  it('queues the run, then enqueues `sync-run` {practiceId, app, runId} keyed by practice and app', async () => {
    const recorder = recordingQueue();
    setJobQueueForTests(recorder.queue);
    const practiceId = await inboundGusto();
    const result = await startSyncRun(systemActor(practiceId, 'schedule'), { app: 'gusto' });
    expect(result.kind).toBe('queued');
    const runId = (result as { runId: string }).runId;
    expect(recorder.enqueued).toEqual([{ name: SYNC_RUN_JOB, data: { practiceId, app: 'gusto', runId }, options: { key: `${practiceId}:gusto` } }]);
    // The job finds its run committed.
    const [run] = await database.db.select({ status: syncRuns.status }).from(syncRuns).where(eq(syncRuns.id, runId));
    expect(run?.status).toBe('queued');
  });

  it('enqueues nothing when a run is already in progress or nothing flows in', async () => {
    const recorder = recordingQueue();
    setJobQueueForTests(recorder.queue);
    const practiceId = await inboundGusto();
    const first = await startSyncRun(member(practiceId), { app: 'gusto' });
    const second = await startSyncRun(member(practiceId), { app: 'gusto' });
    expect(second).toEqual({ kind: 'in_progress', runId: (first as { runId: string }).runId });
    expect((await startSyncRun(member(practiceId), { app: 'xpm' })).kind).toBe('not_inbound');
    expect(recorder.enqueued).toHaveLength(1);
  });

  it('a run whose job cannot be enqueued stays queued and is enqueued when a worker starts', async () => {
    setJobQueueForTests({ ...recordingQueue().queue, enqueue: () => Promise.reject(new Error('queue down')) });
    const practiceId = await inboundGusto();
    const result = await startSyncRun(systemActor(practiceId, 'webhook'), { app: 'gusto', onlyExternalIds: ['c-1'] });
    expect(result.kind).toBe('queued');

    const recorder = recordingQueue();
    setJobQueueForTests(recorder.queue);
    await resumeStrandedRuns();
    expect(recorder.enqueued.map((e) => e.data)).toContainEqual({ practiceId, app: 'gusto', runId: (result as { runId: string }).runId });
  });

  it('re-enqueues a running run whose heartbeat went stale, and leaves a live one alone', async () => {
    const now = new Date();
    const stalePractice = await inboundGusto();
    const livePractice = await inboundGusto();
    const [stale] = await database.db
      .insert(syncRuns)
      .values({
        practiceId: stalePractice,
        app: 'gusto',
        direction: 'from_app',
        syncData: 'everything',
        trigger: 'schedule',
        status: 'running',
        heartbeatAt: new Date(now.getTime() - STALE_RUN_MS - 1_000),
      })
      .returning({ id: syncRuns.id });
    const [live] = await database.db
      .insert(syncRuns)
      .values({ practiceId: livePractice, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'running', heartbeatAt: now })
      .returning({ id: syncRuns.id });
    const recorder = recordingQueue();
    setJobQueueForTests(recorder.queue);
    await resumeStrandedRuns(now);
    const runIds = recorder.enqueued.map((e) => (e.data as SyncRunJobData).runId);
    expect(runIds).toContain(stale!.id);
    expect(runIds).not.toContain(live!.id);
  });

  it('the job calls the engine with the run and the stop signal; a run queued meanwhile goes next', async () => {
    const queue = createInProcessQueue();
    setJobQueueForTests(queue);
    const calls: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const signals: AbortSignal[] = [];
    await queue.register<SyncRunJobData>(
      SYNC_RUN_JOB,
      createSyncRunHandler(async (runId, { signal }) => {
        calls.push(runId);
        signals.push(signal);
        // A stand-in engine: claims the run, waits, finishes it.
        await database.db.update(syncRuns).set({ status: 'running', startedAt: new Date() }).where(eq(syncRuns.id, runId));
        if (calls.length === 1) await held;
        await database.db.update(syncRuns).set({ status: 'succeeded', finishedAt: new Date() }).where(eq(syncRuns.id, runId));
      }),
    );
    const practiceId = await inboundGusto();
    const first = (await startSyncRun(member(practiceId), { app: 'gusto' })) as { runId: string };
    // Running (not only called): until the stand-in has claimed it, the first run still holds the one queued place.
    await until(async () => calls.length === 1 && (await database.db.select({ s: syncRuns.status }).from(syncRuns).where(eq(syncRuns.id, first.runId)))[0]?.s === 'running');
    // The follow-up's own job is refused here (as when a queue lost it): the finishing job enqueues it.
    const [followUp] = await database.db
      .insert(syncRuns)
      .values({ practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'webhook' })
      .returning({ id: syncRuns.id });
    release();
    await until(() => calls.length === 2);
    expect(calls).toEqual([first.runId, followUp!.id]);
    expect(signals[0]!.aborted).toBe(false);
    await until(async () => (await database.db.select({ s: syncRuns.status }).from(syncRuns).where(eq(syncRuns.id, followUp!.id)))[0]?.s === 'succeeded');
    await queue.stop();
    expect(signals[0]!.aborted).toBe(true);
  });

  it('a run whose engine call threw still lets the run queued behind it go', async () => {
    const recorder = recordingQueue();
    setJobQueueForTests(recorder.queue);
    const practiceId = await inboundGusto();
    const [failing] = await database.db
      .insert(syncRuns)
      .values({ practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'manual', status: 'running' })
      .returning({ id: syncRuns.id });
    const [waiting] = await database.db
      .insert(syncRuns)
      .values({ practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'webhook' })
      .returning({ id: syncRuns.id });
    const handler = createSyncRunHandler(async () => {
      throw new Error('engine blew up');
    });
    await expect(handler({ practiceId, app: 'gusto', runId: failing!.id }, { jobId: 'j1', signal: new AbortController().signal })).rejects.toThrow('engine blew up');
    expect(recorder.enqueued.map((e) => e.data)).toEqual([{ practiceId, app: 'gusto', runId: waiting!.id }]);

    // Stopping: nothing more is enqueued (the next worker start resumes it).
    const stopping = new AbortController();
    stopping.abort();
    recorder.drain();
    const before = recorder.enqueued.length;
    await createSyncRunHandler(async () => undefined)({ practiceId, app: 'gusto', runId: failing!.id }, { jobId: 'j2', signal: stopping.signal });
    expect(recorder.enqueued.length).toBe(before);
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
