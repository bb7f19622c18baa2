import type { Clock } from '../http/clock';

/**
 * A clock for tests: time moves only when the test says so. With `autoAdvance`, every sleep
 * completes on the next macrotask and moves time by its length — handy for retry loops —
 * while anything that settles in microtasks (a fake fetch) still beats a timeout timer.
 * `sleeps` lists the waits that completed.
 */
export class FakeClock implements Clock {
  private time: number;
  private timers: Array<{ at: number; ms: number; resolve: () => void; reject: (reason: unknown) => void; signal?: AbortSignal; onAbort?: () => void }> = [];
  readonly sleeps: number[] = [];

  constructor(
    start = Date.UTC(2026, 0, 1),
    private readonly autoAdvance = false,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.autoAdvance) {
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearImmediate(handle);
          reject(signal?.reason);
        };
        const handle = setImmediate(() => {
          signal?.removeEventListener('abort', onAbort);
          this.time += Math.max(0, ms);
          this.sleeps.push(ms);
          resolve();
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    return new Promise<void>((resolve, reject) => {
      const timer: (typeof this.timers)[number] = { at: this.time + Math.max(0, ms), ms, resolve, reject, signal };
      if (signal) {
        timer.onAbort = () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        };
        signal.addEventListener('abort', timer.onAbort, { once: true });
      }
      this.timers.push(timer);
    });
  }

  /** Move time forward, firing due timers in order (and letting their continuations run). */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.time = next.at;
      this.sleeps.push(next.ms);
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
      await flush();
    }
    this.time = target;
    await flush();
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

/** Let queued promise continuations run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}
