import { beforeEach, describe, expect, test } from 'vitest';
import { noteForegroundActivity } from '@/lib/jobs/foreground';
import { FOREGROUND_WINDOW_MS, PACES, paceFor, pauseAfter } from './pace';

const NOW = 1_000_000_000;

describe('paceFor', () => {
  beforeEach(() => noteForegroundActivity(Number.NEGATIVE_INFINITY));

  test('nobody using the app: the large idle batches, no pause', () => {
    expect(paceFor('embedded', undefined, NOW)).toEqual(PACES.embedded.idle);
    expect(paceFor('postgres', undefined, NOW)).toEqual(PACES.postgres.idle);
  });

  test('someone used the app within the window: small batches that leave them time', () => {
    noteForegroundActivity(NOW - FOREGROUND_WINDOW_MS);
    expect(paceFor('embedded', undefined, NOW)).toEqual(PACES.embedded.foreground);
    expect(paceFor('postgres', undefined, NOW)).toEqual(PACES.postgres.foreground);
  });

  test('activity older than the window no longer slows the run', () => {
    noteForegroundActivity(NOW - FOREGROUND_WINDOW_MS - 1);
    expect(paceFor('embedded', undefined, NOW)).toEqual(PACES.embedded.idle);
  });

  test('a fixed batch size wins either way, and is at least one record', () => {
    noteForegroundActivity(NOW);
    expect(paceFor('embedded', 7, NOW)).toEqual({ batchSize: 7, yieldShare: 0, quiet: null });
    expect(paceFor('postgres', 0, NOW)).toEqual({ batchSize: 1, yieldShare: 0, quiet: null });
  });

  test('foreground batches are smaller than idle ones, yield and wait for a quiet database; idle ones do not', () => {
    for (const kind of ['embedded', 'postgres'] as const) {
      expect(PACES[kind].foreground.batchSize).toBeLessThan(PACES[kind].idle.batchSize);
      expect(PACES[kind].foreground.yieldShare).toBeGreaterThan(0);
      expect(PACES[kind].foreground.quiet?.quietMs).toBeGreaterThan(0);
      expect(PACES[kind].foreground.quiet?.maxWaitMs).toBeGreaterThan(PACES[kind].foreground.quiet!.quietMs);
      expect(PACES[kind].idle.yieldShare).toBe(0);
      expect(PACES[kind].idle.quiet).toBeNull();
    }
  });
});

describe('pauseAfter', () => {
  test.each([
    [40, 0, 0],
    [40, -1, 0],
    [40, 0.5, 40], // half the time to others: pause as long as the batch took
    [30, 0.25, 10],
    [10, 0.75, 30],
    [10, 1, 90], // "all the time" is capped at 90%: the run still moves
    [0, 0.5, 0],
  ])('a %d ms batch leaving %d of the time → %d ms', (batchMs, share, expected) => {
    expect(pauseAfter(batchMs, share)).toBe(expected);
  });
});
