import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createFreshPostgresDatabase } from '@/test/databases';
import { createInProcessQueue } from './in-process-queue';
import { createPgBossQueue } from './pg-boss-queue';
import { cronEvery, type JobQueue } from './types';

/**
 * The contract both queues keep, run against each: per (name, key) one waiting and one
 * running job at most; different keys run side by side; stop() lets a running job finish.
 */
interface Target {
  name: string;
  open(): Promise<JobQueue>;
  cleanup(): Promise<void>;
}

const targets: Target[] = [{ name: 'in-process', open: async () => createInProcessQueue({ concurrency: 4 }), cleanup: async () => {} }];
const adminUrl = process.env.TEST_DATABASE_URL;
let pgDatabase: Awaited<ReturnType<typeof createFreshPostgresDatabase>> | null = null;
if (adminUrl) {
  targets.push({
    name: 'pg-boss',
    async open() {
      pgDatabase ??= await createFreshPostgresDatabase(adminUrl);
      return createPgBossQueue({ connectionString: pgDatabase.url, pollingIntervalSeconds: 0.5 });
    },
    async cleanup() {},
  });
}
afterAll(async () => {
  await pgDatabase?.drop();
});

/** A handler that records what runs when, and holds each job until released. */
function recorder() {
  const started: string[] = [];
  const finished: string[] = [];
  const running = new Map<string, number>();
  let maxSameKey = 0;
  let maxAtOnce = 0;
  const gates: Array<() => void> = [];
  const handler = async (data: { key: string; n: number }) => {
    started.push(`${data.key}#${data.n}`);
    running.set(data.key, (running.get(data.key) ?? 0) + 1);
    maxSameKey = Math.max(maxSameKey, running.get(data.key)!);
    maxAtOnce = Math.max(
      maxAtOnce,
      [...running.values()].reduce((a, b) => a + b, 0),
    );
    await new Promise<void>((resolve) => gates.push(resolve));
    running.set(data.key, running.get(data.key)! - 1);
    finished.push(`${data.key}#${data.n}`);
  };
  return {
    handler,
    started,
    finished,
    stats: () => ({ maxSameKey, maxAtOnce }),
    releaseAll: () => gates.splice(0).forEach((release) => release()),
  };
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(targets)('job queue contract: $name', (target) => {
  const opened: JobQueue[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.stop(5_000)));
  });
  const open = async () => {
    const queue = await target.open();
    opened.push(queue);
    return queue;
  };

  it('a burst for one key collapses into one running and one waiting job', async () => {
    const queue = await open();
    const rec = recorder();
    await queue.register('burst', rec.handler);
    expect(await queue.enqueue('burst', { key: 'p1', n: 1 }, { key: 'p1' })).toEqual({ queued: true });
    await until(() => rec.started.length === 1);
    const more = await Promise.all([2, 3, 4, 5].map((n) => queue.enqueue('burst', { key: 'p1', n }, { key: 'p1' })));
    expect(more.filter((r) => r.queued)).toHaveLength(1); // one waits; the rest were already covered
    rec.releaseAll();
    await until(() => rec.started.length === 2);
    rec.releaseAll();
    await until(() => rec.finished.length === 2);
    expect(rec.stats().maxSameKey).toBe(1);
  }, 30_000);

  it('different keys run side by side; one key never runs twice at once', async () => {
    const queue = await open();
    const rec = recorder();
    await queue.register('keys', rec.handler);
    await queue.enqueue('keys', { key: 'a', n: 1 }, { key: 'a' });
    await queue.enqueue('keys', { key: 'b', n: 1 }, { key: 'b' });
    await until(() => rec.started.length === 2);
    expect(rec.stats().maxAtOnce).toBe(2);
    await queue.enqueue('keys', { key: 'a', n: 2 }, { key: 'a' });
    rec.releaseAll();
    await until(() => rec.started.includes('a#2'));
    rec.releaseAll();
    await until(() => rec.finished.length === 3);
    expect(rec.stats().maxSameKey).toBe(1);
  }, 30_000);

  it('stop() aborts the running job’s signal and waits for it to return', async () => {
    const queue = await target.open();
    let sawAbort = false;
    let returned = false;
    await queue.register<{ n: number }>('stopping', async (_data, { signal }) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      sawAbort = true;
      await new Promise((resolve) => setTimeout(resolve, 50)); // releasing the batch
      returned = true;
    });
    await queue.enqueue('stopping', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, target.name === 'pg-boss' ? 1_500 : 20));
    await queue.stop(10_000);
    expect(sawAbort).toBe(true);
    expect(returned).toBe(true);
  }, 30_000);

  it('a failing job is reported and does not stop the queue', async () => {
    const queue = await open();
    const done: number[] = [];
    await queue.register<{ n: number }>('flaky', async ({ n }) => {
      if (n === 1) throw new Error('boom');
      done.push(n);
    });
    await queue.enqueue('flaky', { n: 1 });
    await queue.enqueue('flaky', { n: 2 });
    await until(() => done.includes(2));
  }, 30_000);
});

describe.skipIf(!adminUrl)('pg-boss: two app instances on one PostgreSQL', () => {
  it('never work the same key at once, and lose no accepted job', async () => {
    const instances = [await targets[1]!.open(), await targets[1]!.open()];
    const running = new Map<string, number>();
    let maxSameKey = 0;
    let maxAtOnce = 0;
    let finished = 0;

    await Promise.all(
      instances.map((queue) =>
        queue.register<{ key: string }>('shared', async ({ key }) => {
          running.set(key, (running.get(key) ?? 0) + 1);
          maxSameKey = Math.max(maxSameKey, running.get(key)!);
          maxAtOnce = Math.max(
            maxAtOnce,
            [...running.values()].reduce((a, b) => a + b, 0),
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
          running.set(key, running.get(key)! - 1);
          finished += 1;
        }),
      ),
    );
    // Both instances enqueue for the same two practices, again and again, while jobs run.
    let accepted = 0;
    for (let round = 0; round < 6; round++) {
      for (const queue of instances) {
        for (const key of ['practice-1', 'practice-2']) {
          if ((await queue.enqueue('shared', { key }, { key })).queued) accepted += 1;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await until(() => finished === accepted, 30_000);
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(accepted).toBeLessThan(24); // the bursts collapsed
    expect(maxSameKey).toBe(1);
    expect(maxAtOnce).toBe(2);
    await Promise.all(instances.map((q) => q.stop(5_000)));
  }, 60_000);
});

describe.skipIf(!adminUrl)('pg-boss: two app instances starting at once on a fresh database', () => {
  it('both declare their queues and schedule without failing (pg-boss DDL can deadlock between them)', async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = await createFreshPostgresDatabase(adminUrl!);
      const start = async () => {
        const queue = await createPgBossQueue({ connectionString: fresh.url });
        try {
          await queue.register('sync-run', async () => {});
          await queue.register('sync-tick', async () => {});
          await queue.every('sync-tick', 1);
        } finally {
          await queue.stop(1_000);
        }
      };
      const results = await Promise.allSettled([start(), start()]);
      await fresh.drop();
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    }
  }, 90_000);
});

describe('in-process schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('enqueues on each minute boundary of its period, once per tick even if the last one still waits', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T05:58:30Z') });
    const ticks: number[] = [];
    const queue = createInProcessQueue({ now: () => Date.now() });
    await queue.register('tick', async () => {
      ticks.push(Date.now());
    });
    await queue.every('tick', 15);
    await vi.advanceTimersByTimeAsync(60_000 * 45);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['06:00', '06:15', '06:30']);
    await queue.stop();
  });

  it.each([
    [1, '* * * * *'],
    [15, '*/15 * * * *'],
    [60, '0 * * * *'],
  ])('every %i minutes is the cron %s', (minutes, cron) => {
    expect(cronEvery(minutes)).toBe(cron);
  });

  it.each([0, 7, 90, 1.5])('refuses every %s minutes', (minutes) => {
    expect(() => cronEvery(minutes)).toThrow(/every 1–60 minutes/);
  });
});
