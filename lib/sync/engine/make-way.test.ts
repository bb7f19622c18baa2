import { describe, expect, test } from 'vitest';
import { waitForQuietDatabase } from './make-way';

/**
 * A fake clock: `sleep` moves it, and `busyAt` says how many requests use the database at
 * each moment — so the waits are exact and the test takes no real time.
 */
function clock(busyAt: (ms: number) => number) {
  let t = 0;
  return {
    busy: () => busyAt(t),
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe('waitForQuietDatabase', () => {
  test('nobody using the database: goes on once the quiet time has passed', async () => {
    expect(await waitForQuietDatabase({ ...clock(() => 0), quietMs: 3, maxWaitMs: 500 })).toBe(3);
  });

  test('a quiet time of 0 does not wait at all', async () => {
    expect(await waitForQuietDatabase({ ...clock(() => 0), quietMs: 0, maxWaitMs: 500 })).toBe(0);
  });

  test('waits while requests are in flight, then for the quiet time after the last one', async () => {
    expect(await waitForQuietDatabase({ ...clock((t) => (t < 20 ? 2 : 0)), quietMs: 3, maxWaitMs: 500 })).toBe(23);
  });

  test('a gap shorter than the quiet time (between two statements of one search) does not count', async () => {
    // busy 0–9 ms, free 10–11 ms, busy again 12–29 ms, then free
    const busyAt = (t: number) => (t < 10 || (t >= 12 && t < 30) ? 1 : 0);
    expect(await waitForQuietDatabase({ ...clock(busyAt), quietMs: 3, maxWaitMs: 500 })).toBe(33);
  });

  test('a database that never goes quiet holds the run no longer than the limit', async () => {
    expect(await waitForQuietDatabase({ ...clock(() => 1), quietMs: 3, maxWaitMs: 250 })).toBe(250);
  });

  test('real timers: resolves (does not spin forever) with a busy count that drops', async () => {
    let busy = 1;
    setTimeout(() => (busy = 0), 5);
    const waited = await waitForQuietDatabase({ busy: () => busy, quietMs: 2, maxWaitMs: 1_000 });
    expect(waited).toBeGreaterThanOrEqual(5);
    expect(waited).toBeLessThan(1_000);
  });
});
