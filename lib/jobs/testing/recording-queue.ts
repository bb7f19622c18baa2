import type { EnqueueOptions, JobQueue } from '../types';

/** A queue that only records what was enqueued (and, like the real ones, refuses a second waiting job per key). */
export function recordingQueue() {
  const enqueued: { name: string; data: object; options: EnqueueOptions }[] = [];
  const waitingKeys = new Set<string>();
  const queue: JobQueue = {
    kind: 'in-process',
    async register() {},
    async enqueue(name, data, options = {}) {
      const key = options.key ? `${name}:${options.key}` : null;
      if (key && waitingKeys.has(key)) return { queued: false };
      if (key) waitingKeys.add(key);
      enqueued.push({ name, data, options });
      return { queued: true };
    },
    async every() {},
    async stop() {},
  };
  return { queue, enqueued, drain: () => waitingKeys.clear() };
}
