/**
 * When to try a request again, as one pure function so every case is a table-driven test.
 *
 * Retried: 429, 5xx (except 501/505, which no retry fixes), network failures and our own
 * per-attempt timeouts. Never retried: other 4xx (the request itself is wrong, or the token
 * is — that path is handled once by the token manager, not here) and a caller's own abort.
 *
 * Delays are exponential with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): uniform in [0, min(cap, base·2^(attempt-1))]. A `Retry-After` from the app is a
 * floor, never shortened by jitter. A `Retry-After` longer than `maxRetryAfterMs` (XPM's daily
 * limit answers with hours) is not slept through: the caller gets a rate_limited error that
 * says when to come back, and the job system reschedules.
 */

export interface RetryOptions {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After we are willing to wait inside one call. */
  maxRetryAfterMs: number;
  /**
   * Whether repeating the request is harmless. A POST that creates a record is not: after a
   * timeout or 5xx it may have happened, so only answers that prove it did not (429, refused
   * connection) are retried.
   */
  idempotent: boolean;
  random: () => number;
  now: () => number;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  idempotent: true,
  random: Math.random,
  now: Date.now,
};

/** What one attempt produced: an HTTP answer, or no answer at all. */
export type AttemptOutcome = { kind: 'response'; status: number; headers: HeadersLike } | { kind: 'error'; error: unknown };

export interface HeadersLike {
  get(name: string): string | null;
}

export type RetryReason = 'rate_limited' | 'server' | 'network' | 'timeout' | 'not_retryable' | 'attempts_exhausted' | 'retry_after_too_long' | 'aborted';

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: RetryReason;
  /** The app's own Retry-After, when it sent one (also when we decline to wait). */
  retryAfterMs?: number;
}

/**
 * @param attempt how many attempts have been made so far (1 after the first).
 */
export function retryDecision(attempt: number, outcome: AttemptOutcome, options: Partial<RetryOptions> = {}): RetryDecision {
  const opts = { ...defaultRetryOptions, ...options };
  const classified = classify(outcome, opts);
  if (!classified.retryable) return { retry: false, delayMs: 0, reason: classified.reason, retryAfterMs: classified.retryAfterMs };
  if (attempt >= opts.maxAttempts) {
    return { retry: false, delayMs: 0, reason: 'attempts_exhausted', retryAfterMs: classified.retryAfterMs };
  }
  const backoff = fullJitter(attempt, opts);
  if (classified.retryAfterMs !== undefined) {
    if (classified.retryAfterMs > opts.maxRetryAfterMs) {
      return { retry: false, delayMs: 0, reason: 'retry_after_too_long', retryAfterMs: classified.retryAfterMs };
    }
    return {
      retry: true,
      delayMs: Math.max(classified.retryAfterMs, backoff),
      reason: classified.reason,
      retryAfterMs: classified.retryAfterMs,
    };
  }
  return { retry: true, delayMs: backoff, reason: classified.reason };
}

export function fullJitter(attempt: number, opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const exp = opts.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const ceiling = Math.min(opts.maxDelayMs, exp);
  return Math.floor(opts.random() * ceiling);
}

interface Classified {
  retryable: boolean;
  reason: RetryReason;
  retryAfterMs?: number;
}

function classify(outcome: AttemptOutcome, opts: RetryOptions): Classified {
  if (outcome.kind === 'response') {
    const { status, headers } = outcome;
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), opts.now());
    if (status === 429) return { retryable: true, reason: 'rate_limited', retryAfterMs };
    if (status >= 500 && status !== 501 && status !== 505) {
      // A 503 with Retry-After is the server saying "not processed, come back": safe for
      // any method. Other 5xx may have half-happened, so only idempotent requests repeat.
      const safe = opts.idempotent || (status === 503 && retryAfterMs !== undefined);
      return { retryable: safe, reason: safe ? 'server' : 'not_retryable', retryAfterMs };
    }
    return { retryable: false, reason: 'not_retryable' };
  }
  const failure = describeFailure(outcome.error);
  if (failure === 'aborted') return { retryable: false, reason: 'aborted' };
  if (failure === 'timeout') return { retryable: opts.idempotent, reason: opts.idempotent ? 'timeout' : 'not_retryable' };
  if (failure === 'refused') return { retryable: true, reason: 'network' };
  return { retryable: opts.idempotent, reason: opts.idempotent ? 'network' : 'not_retryable' };
}

/** Seconds (`120`) or an HTTP date; `undefined` when absent or unreadable. Never negative. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names a weekday or month; anything else (e.g. "-5") is not one.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export type FailureKind = 'aborted' | 'timeout' | 'refused' | 'network';

/**
 * fetch rejects with a TypeError whose `cause` holds the socket error code; our per-attempt
 * timeout rejects with a DOMException named TimeoutError; a caller's abort with AbortError
 * (or whatever reason the caller gave, which we mark with CallerAbort below).
 */
export function describeFailure(error: unknown): FailureKind {
  // By name, not instanceof: the abort may come from another bundle's copy of this module.
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'CallerAbort') return 'aborted';
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  const code = socketCode(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'refused';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return 'timeout';
  }
  return 'network';
}

function socketCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Wraps a caller's abort so it is never mistaken for a retryable timeout. */
export class CallerAbort extends Error {
  constructor() {
    super('The request was cancelled.');
    this.name = 'CallerAbort';
  }
}
