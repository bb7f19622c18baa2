/**
 * The one seam background work goes through (DESIGN §5 "Jobs"): scheduled syncs, webhook
 * follow-ups and "Sync now" all enqueue named jobs here, and the same handlers run on
 * either implementation —
 *  - pg-boss on PostgreSQL (lib/jobs/pg-boss-queue.ts), so several app instances share one
 *    queue and a key is never worked twice at once across them;
 *  - an in-process queue on PGlite (lib/jobs/in-process-queue.ts), where there is exactly
 *    one process (the data directory is locked).
 *
 * Semantics both keep (and the shared contract test checks): per job name and key, at most
 * one job waits and one runs — enqueueing while one already waits is a no-op, so a burst of
 * webhooks or double-clicked "Sync now" buttons collapses into one follow-up run.
 */
export interface EnqueueOptions {
  /** At most one waiting and one running job per (name, key): e.g. `${practiceId}:gusto`. */
  key?: string;
  /** Wait this long before the job may start. */
  delaySeconds?: number;
}

export interface JobContext {
  jobId: string;
  /** Aborted when the process is stopping: finish or release the current batch, then return. */
  signal: AbortSignal;
}

export type JobHandler<D> = (data: D, context: JobContext) => Promise<void>;

export interface JobQueue {
  readonly kind: 'in-process' | 'pg-boss';
  /** Declares a job and the function that works it in this process. */
  register<D extends object>(name: string, handler: JobHandler<D>): Promise<void>;
  /** `queued: false` when a job with the same name and key was already waiting. */
  enqueue<D extends object>(name: string, data: D, options?: EnqueueOptions): Promise<{ queued: boolean }>;
  /** Enqueues `name` (with no data) every `minutes` minutes, on the clock's minute boundaries (UTC). */
  every(name: string, minutes: number): Promise<void>;
  /** Stops taking work, aborts running handlers' signals and waits for them (up to `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Job names and keys are plain text in both stores; keep them readable and bounded. */
export function assertJobName(name: string): void {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(name)) throw new Error(`Invalid job name "${name}": lower-case letters, digits and dashes`);
}

export function cronEvery(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60 || 60 % minutes !== 0) {
    throw new Error(`A job runs every 1–60 minutes that divide an hour; got ${minutes}`);
  }
  return minutes === 1 ? '* * * * *' : minutes === 60 ? '0 * * * *' : `*/${minutes} * * * *`;
}
