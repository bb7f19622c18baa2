import { randomUUID } from 'node:crypto';
import { assertJobName, cronEvery, type EnqueueOptions, type JobHandler, type JobQueue } from './types';

/**
 * The queue for the embedded database: one process owns the data directory, so the queue
 * lives in memory. Jobs lost with the process are not lost work — every job here is
 * re-derivable (the next scheduled tick enqueues due syncs again, and a sync resumes from
 * its committed cursor).
 */
interface Waiting {
  id: string;
  data: object;
  key: string | null;
  startAt: number;
}

interface Queue {
  handler: JobHandler<object>;
  waiting: Waiting[];
  runningKeys: Set<string>;
}

export interface InProcessOptions {
  /** How many jobs run at once in this process, across all names (different keys only). */
  concurrency?: number;
  now?: () => number;
  onError?: (name: string, error: unknown) => void;
}

export function createInProcessQueue(options: InProcessOptions = {}): JobQueue {
  const concurrency = options.concurrency ?? 2;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((name, error) => console.error(`[jobs] ${name} failed:`, error instanceof Error ? error.message : error));
  const queues = new Map<string, Queue>();
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const stopping = new AbortController();
  let wakeTimer: NodeJS.Timeout | null = null;

  function queueOf(name: string): Queue {
    const queue = queues.get(name);
    if (!queue) throw new Error(`No handler is registered for job "${name}"`);
    return queue;
  }

  /** Starts every job that may start now, oldest first, within the concurrency limit. */
  function pump(): void {
    if (stopping.signal.aborted) return;
    let nextStart = Infinity;
    for (const [name, queue] of queues) {
      for (const job of [...queue.waiting]) {
        if (running.size >= concurrency) return;
        if (job.startAt > now()) {
          nextStart = Math.min(nextStart, job.startAt);
          continue;
        }
        if (job.key !== null && queue.runningKeys.has(job.key)) continue;
        queue.waiting.splice(queue.waiting.indexOf(job), 1);
        start(name, queue, job);
      }
    }
    if (nextStart !== Infinity) wakeAt(nextStart);
  }

  function wakeAt(at: number): void {
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = setTimeout(
      () => {
        wakeTimer = null;
        pump();
      },
      Math.max(0, at - now()),
    );
    wakeTimer.unref();
  }

  function start(name: string, queue: Queue, job: Waiting): void {
    if (job.key !== null) queue.runningKeys.add(job.key);
    const run = (async () => {
      try {
        await queue.handler(job.data, { jobId: job.id, signal: stopping.signal });
      } catch (error) {
        onError(name, error);
      } finally {
        if (job.key !== null) queue.runningKeys.delete(job.key);
      }
    })();
    running.add(run);
    void run.finally(() => {
      running.delete(run);
      pump();
    });
  }

  const api: JobQueue = {
    kind: 'in-process',

    async register(name, handler) {
      assertJobName(name);
      queues.set(name, { handler: handler as JobHandler<object>, waiting: queues.get(name)?.waiting ?? [], runningKeys: new Set() });
      pump();
    },

    async enqueue(name, data, enqueueOptions: EnqueueOptions = {}) {
      if (stopping.signal.aborted) return { queued: false };
      const queue = queueOf(name);
      const key = enqueueOptions.key ?? null;
      if (key !== null && queue.waiting.some((job) => job.key === key)) return { queued: false };
      queue.waiting.push({ id: randomUUID(), data, key, startAt: now() + (enqueueOptions.delaySeconds ?? 0) * 1000 });
      // Started on the next turn, as a real queue would: the caller's transaction is done first.
      queueMicrotask(pump);
      return { queued: true };
    },

    async every(name, minutes) {
      cronEvery(minutes); // the same validation as pg-boss's cron
      queueOf(name);
      const period = minutes * 60_000;
      const schedule = () => {
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            void api.enqueue(name, {}, { key: 'schedule' }).finally(schedule);
          },
          period - (now() % period),
        );
        timer.unref();
        timers.add(timer);
      };
      schedule();
    },

    async stop(timeoutMs = 25_000) {
      stopping.abort();
      for (const timer of timers) clearTimeout(timer);
      if (wakeTimer) clearTimeout(wakeTimer);
      let timedOut: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => (timedOut = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timedOut);
    },
  };
  return api;
}
