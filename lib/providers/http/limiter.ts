/**
 * At most `max` tasks in flight per key (XPM allows 5 concurrent calls per practice; more
 * just earn 429s). Waiters run in arrival order. A key's state is dropped when it goes idle,
 * so a process serving many practices does not accumulate entries.
 */
export interface KeyedLimiter {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** In flight right now for a key (for tests and diagnostics). */
  active(key: string): number;
}

interface Slot {
  active: number;
  waiting: Array<() => void>;
}

export function createKeyedLimiter(max: number): KeyedLimiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  const slots = new Map<string, Slot>();

  const acquire = (key: string): Promise<void> => {
    let slot = slots.get(key);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      slots.set(key, slot);
    }
    if (slot.active < max) {
      slot.active += 1;
      return Promise.resolve();
    }
    const s = slot;
    // The releaser hands its place straight to the next waiter, so `active` stays counted.
    return new Promise<void>((resolve) => s.waiting.push(resolve));
  };

  const release = (key: string): void => {
    const slot = slots.get(key);
    if (!slot) return;
    const next = slot.waiting.shift();
    if (next) {
      next();
      return;
    }
    slot.active -= 1;
    if (slot.active === 0) slots.delete(key);
  };

  return {
    async run(key, task) {
      await acquire(key);
      try {
        return await task();
      } finally {
        release(key);
      }
    },
    active: (key) => slots.get(key)?.active ?? 0,
  };
}
