import { describe, expect, test } from 'vitest';
import { checkThrottle, MAX_FAILURES, recordFailure, throttleMessage, WINDOW_MS } from './throttle';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('sign-in throttle', () => {
  test('allows the first attempts and blocks after the fifth failure within a minute', () => {
    let record = null as ReturnType<typeof recordFailure> | null;
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(checkThrottle(record, at(i * 1000))).toEqual({ allowed: true });
      record = recordFailure(record, at(i * 1000));
    }
    expect(checkThrottle(record, at(10_000))).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  test.each([
    [WINDOW_MS - 1, { allowed: false, retryAfterSeconds: 1 }],
    [WINDOW_MS, { allowed: true }],
    [WINDOW_MS + 5_000, { allowed: true }],
  ])('at %i ms after the window started: %o', (ms, expected) => {
    const record = { failureCount: MAX_FAILURES, windowStartedAt: t0 };
    expect(checkThrottle(record, at(ms))).toEqual(expected);
  });

  test('a failure after the window starts a new window', () => {
    const record = recordFailure({ failureCount: 9, windowStartedAt: t0 }, at(WINDOW_MS + 1));
    expect(record).toEqual({ failureCount: 1, windowStartedAt: at(WINDOW_MS + 1) });
  });

  test('the message says how long to wait', () => {
    expect(throttleMessage(1)).toBe('Too many sign-in attempts. Try again in 1 second.');
    expect(throttleMessage(42)).toBe('Too many sign-in attempts. Try again in 42 seconds.');
  });
});
