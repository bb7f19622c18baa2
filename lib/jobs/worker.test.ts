import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { syncRuns } from '@/db/schema';
import { testDatabases } from '@/test/databases';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { createInProcessQueue } from './in-process-queue';
import { setJobQueueForTests } from './process-queue';
import { connectApp, createPractice } from './testing/fixtures';
import { startWorker, stopWorker } from './worker';

/**
 * The worker as the server starts it: a run left queued by the last process is worked as
 * soon as the worker starts; the Gusto subscription is asked for (a failure is logged, not
 * fatal); starting twice starts once; stopping aborts the running job's signal and waits.
 */
describe.each(testDatabases())('worker on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));
  afterEach(async () => {
    await stopWorker(2_000);
    setJobQueueForTests(null);
  });

  it('works a run left queued by the last process, once, and stops by aborting it', async () => {
    setJobQueueForTests(createInProcessQueue());
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'gusto', { inbound: true });
    const [left] = await database.db
      .insert(syncRuns)
      .values({ practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'webhook' })
      .returning({ id: syncRuns.id });

    const executed: string[] = [];
    let aborted = false;
    let ensured = 0;
    const options = {
      execute: async (runId: string, { signal }: { signal: AbortSignal }) => {
        executed.push(runId);
        await database.db.update(syncRuns).set({ status: 'running', startedAt: new Date() }).where(eq(syncRuns.id, runId));
        if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        aborted = true;
      },
      ensureGustoWebhooks: async () => {
        ensured += 1;
        throw new Error('Gusto is not up yet');
      },
    };
    const [first, second] = await Promise.all([startWorker(options), startWorker(options)]);
    expect(first).toBe(second);
    const deadline = Date.now() + 5_000;
    const running = async () => (await database.db.select({ status: syncRuns.status }).from(syncRuns).where(eq(syncRuns.id, left!.id)))[0]?.status === 'running';
    while ((!(await running()) || ensured === 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(executed).toEqual([left!.id]);
    expect(ensured).toBe(1);

    await stopWorker(2_000);
    expect(aborted).toBe(true);
  });
});
