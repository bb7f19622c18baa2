import type { Clock } from './clock';
import { systemClock } from './clock';

/**
 * A client-side rate budget: at most `limit` starts per key in any rolling `windowMs`
 * (a sliding-window log). Kept a little under each app's own limit (XPM 60/min → 55,
 * Gusto 200/min per grant → 180) so ordinary syncs never see a 429; the retry layer still
 * handles the 429s that other processes sharing the same grant can cause.
 */
export interface RateBudget {
  /** Resolves when a start is allowed for `key`, and records it. */
  acquire(key: string, signal?: AbortSignal): Promise<void>;
  /** Starts recorded in the current window (for tests and diagnostics). */
  used(key: string): number;
}

export interface RateBudgetOptions {
  limit: number;
  windowMs: number;
  clock?: Clock;
}

export function createRateBudget({ limit, windowMs, clock = systemClock }: RateBudgetOptions): RateBudget {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const starts = new Map<string, number[]>();

  const prune = (key: string, now: number): number[] => {
    const log = starts.get(key) ?? [];
    let drop = 0;
    while (drop < log.length && log[drop]! <= now - windowMs) drop += 1;
    if (drop > 0) log.splice(0, drop);
    if (log.length === 0) starts.delete(key);
    return log;
  };

  return {
    async acquire(key, signal) {
      for (;;) {
        signal?.throwIfAborted();
        const now = clock.now();
        const log = prune(key, now);
        if (log.length < limit) {
          log.push(now);
          starts.set(key, log);
          return;
        }
        // The oldest start leaves the window at oldest + windowMs; re-check then, because
        // another waiter may take the freed place first.
        const waitMs = log[0]! + windowMs - now;
        await clock.sleep(Math.max(1, waitMs), signal);
      }
    },
    used: (key) => prune(key, clock.now()).length,
  };
}
