import { describe, expect, test } from 'vitest';
import { CallerAbort, fullJitter, parseRetryAfter, retryDecision, type AttemptOutcome, type RetryOptions } from './retry';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const opts = (over: Partial<RetryOptions> = {}): Partial<RetryOptions> => ({
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  random: () => 0.5,
  now: () => NOW,
  idempotent: true,
  ...over,
});
const res = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({ kind: 'response', status, headers: new Headers(headers) });
const err = (error: unknown): AttemptOutcome => ({ kind: 'error', error });
const socketError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
const timeout = () => new DOMException('timed out', 'TimeoutError');

describe('retryDecision', () => {
  test.each([
    ['429 without Retry-After: backoff with jitter', 1, res(429), true, 500, 'rate_limited'],
    ['429 with Retry-After seconds: waits at least that long', 1, res(429, { 'Retry-After': '7' }), true, 7000, 'rate_limited'],
    ['429 with Retry-After HTTP date', 1, res(429, { 'Retry-After': new Date(NOW + 12_000).toUTCString() }), true, 12_000, 'rate_limited'],
    ['429 with Retry-After shorter than backoff: backoff wins', 4, res(429, { 'Retry-After': '1' }), true, 4000, 'rate_limited'],
    ['429 with Retry-After past the cap: not slept through', 1, res(429, { 'Retry-After': '3600' }), false, 0, 'retry_after_too_long'],
    ['500 retried', 1, res(500), true, 500, 'server'],
    ['502 retried', 2, res(502), true, 1000, 'server'],
    ['503 with Retry-After', 1, res(503, { 'Retry-After': '2' }), true, 2000, 'server'],
    ['504 retried', 3, res(504), true, 2000, 'server'],
    ['501 not retried', 1, res(501), false, 0, 'not_retryable'],
    ['400 not retried', 1, res(400), false, 0, 'not_retryable'],
    ['401 not retried (token manager handles it)', 1, res(401), false, 0, 'not_retryable'],
    ['403 not retried', 1, res(403), false, 0, 'not_retryable'],
    ['404 not retried', 1, res(404), false, 0, 'not_retryable'],
    ['409 not retried', 1, res(409), false, 0, 'not_retryable'],
    ['422 not retried', 1, res(422), false, 0, 'not_retryable'],
    ['200 is not retried', 1, res(200), false, 0, 'not_retryable'],
    ['network reset retried', 1, err(socketError('ECONNRESET')), true, 500, 'network'],
    ['connection refused retried', 1, err(socketError('ECONNREFUSED')), true, 500, 'network'],
    ['plain fetch TypeError retried', 1, err(new TypeError('fetch failed')), true, 500, 'network'],
    ['our timeout retried', 1, err(timeout()), true, 500, 'timeout'],
    ['undici headers timeout retried', 1, err(socketError('UND_ERR_HEADERS_TIMEOUT')), true, 500, 'timeout'],
    ['caller abort never retried', 1, err(new CallerAbort()), false, 0, 'aborted'],
    ['AbortError never retried', 1, err(new DOMException('aborted', 'AbortError')), false, 0, 'aborted'],
    ['cap reached on 429', 5, res(429), false, 0, 'attempts_exhausted'],
    ['cap reached on 500', 5, res(500), false, 0, 'attempts_exhausted'],
    ['cap reached on network error', 5, err(socketError('ECONNRESET')), false, 0, 'attempts_exhausted'],
  ] as const)('%s', (_name, attempt, outcome, retry, delayMs, reason) => {
    const decision = retryDecision(attempt, outcome, opts());
    expect(decision).toMatchObject({ retry, delayMs, reason });
  });

  test('backoff grows exponentially and is capped', () => {
    const ceiling = (attempt: number) => retryDecision(attempt, res(500), opts({ random: () => 0.999999, maxAttempts: 99 })).delayMs;
    expect([1, 2, 3, 4, 5, 6].map(ceiling)).toEqual([999, 1999, 3999, 7999, 15_999, 19_999]);
  });

  test('full jitter spans zero to the ceiling', () => {
    expect(retryDecision(3, res(500), opts({ random: () => 0 })).delayMs).toBe(0);
    expect(fullJitter(3, { baseDelayMs: 1000, maxDelayMs: 20_000, random: () => 0.25 })).toBe(1000);
  });

  test('Retry-After is reported even when declined', () => {
    expect(retryDecision(1, res(429, { 'Retry-After': '3600' }), opts())).toMatchObject({ retry: false, retryAfterMs: 3_600_000 });
  });

  describe('non-idempotent requests (POST add)', () => {
    const post = opts({ idempotent: false });
    test.each([
      ['429 still retried: the app refused before doing anything', res(429), true],
      ['503 with Retry-After retried', res(503, { 'Retry-After': '1' }), true],
      ['500 not retried: it may have happened', res(500), false],
      ['timeout not retried', err(timeout()), false],
      ['reset not retried', err(socketError('ECONNRESET')), false],
      ['refused connection retried: nothing was sent', err(socketError('ECONNREFUSED')), true],
    ] as const)('%s', (_name, outcome, retry) => {
      expect(retryDecision(1, outcome, post).retry).toBe(retry);
    });
  });
});

describe('parseRetryAfter', () => {
  test.each([
    [null, undefined],
    ['', undefined],
    ['0', 0],
    ['30', 30_000],
    ['1.5', 1500],
    ['soon', undefined],
    ['-5', undefined],
  ] as const)('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
  test('an HTTP date in the past means now', () => {
    expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
  });
});
