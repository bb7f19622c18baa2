import { describe, expect, test } from 'vitest';
import { FakeClock, flush } from '../testing/fake-clock';
import { createRateBudget } from './budget';

describe('createRateBudget', () => {
  test('55 per rolling minute: the 56th waits until the first leaves the window', async () => {
    const clock = new FakeClock();
    const budget = createRateBudget({ limit: 55, windowMs: 60_000, clock });
    const start = clock.now();
    for (let i = 0; i < 55; i += 1) {
      await budget.acquire('t');
      await clock.advance(100); // 55 starts spread over 5.5 s
    }
    let granted: number | null = null;
    const waiting = budget.acquire('t').then(() => {
      granted = clock.now();
    });
    await flush();
    expect(granted).toBeNull();
    await clock.advance(60_000 - 5_500 - 1);
    expect(granted).toBeNull();
    await clock.advance(1);
    await waiting;
    expect(granted).toBe(start + 60_000);
  });

  test('spacing: 3 per second lets through 3 at once, then one per freed slot', async () => {
    const clock = new FakeClock();
    const budget = createRateBudget({ limit: 3, windowMs: 1000, clock });
    const times: number[] = [];
    const all = Array.from({ length: 7 }, () => budget.acquire('k').then(() => times.push(clock.now() - Date.UTC(2026, 0, 1))));
    await flush();
    await clock.advance(3000);
    await Promise.all(all);
    expect(times).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  test('keys have separate budgets', async () => {
    const clock = new FakeClock();
    const budget = createRateBudget({ limit: 1, windowMs: 60_000, clock });
    await budget.acquire('a');
    await budget.acquire('b');
    expect(budget.used('a')).toBe(1);
    expect(budget.used('b')).toBe(1);
  });

  test('an aborted wait rejects', async () => {
    const clock = new FakeClock();
    const budget = createRateBudget({ limit: 1, windowMs: 60_000, clock });
    await budget.acquire('a');
    const controller = new AbortController();
    const waiting = budget.acquire('a', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
