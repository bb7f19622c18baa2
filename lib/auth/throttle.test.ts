import { describe, expect, test } from 'vitest';
import { combineDecisions, decideAttempt, formatWait, LIMITS, type RateDecision, throttleMessage } from './throttle';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const limit = { max: 5, windowMs: 60_000 };

describe('decideAttempt', () => {
  test.each([
    ['the first attempt', 1, 0, { allowed: true }],
    ['the fifth attempt', 5, 30_000, { allowed: true }],
    ['the sixth attempt, at the window start', 6, 0, { allowed: false, retryAfterSeconds: 60 }],
    ['the sixth attempt, 10 s in', 6, 10_000, { allowed: false, retryAfterSeconds: 50 }],
    ['the 40th attempt of a burst, 1 ms before the window ends', 40, 59_999, { allowed: false, retryAfterSeconds: 1 }],
    ['a count past the limit at the very end of the window still waits a second', 7, 60_000, { allowed: false, retryAfterSeconds: 1 }],
  ])('%s', (_label, count, ms, expected) => {
    expect(decideAttempt({ count, windowStartedAt: t0 }, limit, at(ms))).toEqual(expected);
  });

  test('of thirty concurrent attempts, each with its own count, exactly the limit get through', () => {
    const allowed = Array.from({ length: 30 }, (_, i) => decideAttempt({ count: i + 1, windowStartedAt: t0 }, LIMITS.sign_in_email, t0));
    expect(allowed.filter((d) => d.allowed)).toHaveLength(LIMITS.sign_in_email.max);
  });

  test('an address may try more than one email may', () => {
    expect(LIMITS.sign_in_address.max).toBeGreaterThan(LIMITS.sign_in_email.max);
  });
});

describe('combineDecisions', () => {
  const no = (s: number): RateDecision => ({ allowed: false, retryAfterSeconds: s });
  test.each<[string, RateDecision[], RateDecision]>([
    ['all allow', [{ allowed: true }, { allowed: true }], { allowed: true }],
    ['one refuses', [{ allowed: true }, no(12)], no(12)],
    ['both refuse: the longer wait', [no(12), no(40)], no(40)],
    ['nothing to check', [], { allowed: true }],
  ])('%s', (_label, decisions, expected) => {
    expect(combineDecisions(decisions)).toEqual(expected);
  });
});

describe('messages', () => {
  test.each([
    [1, '1 second'],
    [42, '42 seconds'],
    [60, '60 seconds'],
    [61, '2 minutes'],
    [3600, '60 minutes'],
  ])('%i s → %s', (seconds, words) => {
    expect(formatWait(seconds)).toBe(words);
  });

  test('the sign-in message says how long to wait', () => {
    expect(throttleMessage(1)).toBe('Too many sign-in attempts. Try again in 1 second.');
    expect(throttleMessage(42)).toBe('Too many sign-in attempts. Try again in 42 seconds.');
  });
});
