import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { assertJobName, cronEvery, type EnqueueOptions, type JobHandler, type JobQueue } from './types';

/**
 * The queue for PostgreSQL: pg-boss 10.4 (the last line that runs on Node 20) in its own
 * `pgboss` schema of the app's database, so every app instance shares it.
 *
 * Every queue uses pg-boss's `stately` policy: per (name, singleton key) at most one job is
 * waiting and one active, enforced by a unique index — so two instances can never work the
 * same practice's app at once, and a burst of enqueues collapses into one waiting job.
 * A job whose process died mid-run expires and is retried (a sync resumes from its
 * committed cursor, so a retry duplicates nothing).
 */
export interface PgBossQueueOptions {
  connectionString: string;
  /** Seconds between polls for new jobs by each worker (pg-boss's default is 2). */
  pollingIntervalSeconds?: number;
  /** Jobs this instance works at once per name (pg-boss 10 runs one job per worker). */
  concurrency?: number;
  onError?: (error: unknown) => void;
}

const JOB_DEFAULTS = {
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  // A sync of a large practice may run for a while; past this, a silent job is presumed dead.
  expireInSeconds: 30 * 60,
} as const;

export async function createPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString: options.connectionString, max: 4, application_name: 'practice-sync-jobs' });
  const onError = options.onError ?? ((error) => console.error('[jobs] pg-boss:', error instanceof Error ? error.message : error));
  boss.on('error', onError);
  await boss.start();
  const stopping = new AbortController();
  const declared = new Set<string>();

  async function declare(name: string): Promise<void> {
    assertJobName(name);
    if (declared.has(name)) return;
    // createQueue is idempotent across instances; updateQueue keeps an older declaration in step.
    // Two instances declaring the same queue at once (both starting on a fresh database) can
    // deadlock in pg-boss's DDL; PostgreSQL aborts one, which then finds the queue made.
    await retryOnConflict(async () => {
      await boss.createQueue(name, { name, policy: 'stately', ...JOB_DEFAULTS });
      await boss.updateQueue(name, { name, policy: 'stately', ...JOB_DEFAULTS });
    });
    declared.add(name);
  }

  return {
    kind: 'pg-boss',

    async register<D extends object>(name: string, handler: JobHandler<D>) {
      await declare(name);
      for (let i = 0; i < (options.concurrency ?? 2); i++) {
        await boss.work<D>(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
          if (!job) return;
          await handler(job.data, { jobId: job.id, signal: stopping.signal });
        });
      }
    },

    async enqueue(name, data, enqueueOptions: EnqueueOptions = {}) {
      await declare(name);
      const id = await boss.send(name, data, {
        // The stately policy treats "no key" as one shared key; a job without a key must not
        // be held back by (or deduplicated against) every other one, so it gets its own.
        singletonKey: enqueueOptions.key ?? `job:${randomUUID()}`,
        ...(enqueueOptions.delaySeconds ? { startAfter: enqueueOptions.delaySeconds } : {}),
      });
      // null: the stately index refused it — one is already waiting for this key.
      return { queued: id !== null };
    },

    async every(name, minutes) {
      await declare(name);
      // The cron is evaluated in UTC; per-practice time zones are the tick handler's business.
      await boss.schedule(name, cronEvery(minutes), {}, { singletonKey: 'schedule' });
    },

    async stop(timeoutMs = 25_000) {
      stopping.abort();
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}

/** Deadlock (40P01) and unique violation (23505): what concurrent declarations of one queue meet. */
const CONFLICT_CODES = new Set(['40P01', '23505']);

async function retryOnConflict(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= attempts || typeof code !== 'string' || !CONFLICT_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
