import { env } from '@/lib/env';
import { processWide } from '@/lib/providers/process-wide';
import { createJobQueue } from './index';
import type { JobQueue } from './types';

/**
 * The process's one job queue (pg-boss on PostgreSQL, in memory on PGlite). Process-wide,
 * not module state: the worker registers its handlers from instrumentation's bundle while
 * route handlers and server actions enqueue from theirs, and they must share one queue.
 */
const QUEUE = 'jobs.queue';

interface Holder {
  queue: Promise<JobQueue> | null;
}

function holder(): Holder {
  return processWide<Holder>(QUEUE, () => ({ queue: null }));
}

export function getJobQueue(): Promise<JobQueue> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The job queue must not start during `next build`.');
  }
  const slot = holder();
  if (!slot.queue) {
    const opening = createJobQueue(env().DATABASE_URL);
    slot.queue = opening;
    // A failed start (PostgreSQL unreachable) must not be cached forever.
    opening.catch(() => {
      if (slot.queue === opening) slot.queue = null;
    });
  }
  return slot.queue;
}

/** Tests (and nothing else) put their own queue in place. */
export function setJobQueueForTests(queue: JobQueue | null): void {
  holder().queue = queue ? Promise.resolve(queue) : null;
}

/** Stops the queue if this process started one: running handlers see their signal abort and return. */
export async function stopJobQueue(timeoutMs?: number): Promise<void> {
  const slot = holder();
  const opening = slot.queue;
  if (!opening) return;
  slot.queue = null;
  const queue = await opening.catch(() => null);
  await queue?.stop(timeoutMs);
}
