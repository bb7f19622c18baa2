export { systemClock, type Clock } from './clock';
export { createKeyedLimiter, type KeyedLimiter } from './limiter';
export { createRateBudget, type RateBudget, type RateBudgetOptions } from './budget';
export { retryDecision, parseRetryAfter, fullJitter, defaultRetryOptions, describeFailure, CallerAbort } from './retry';
export type { RetryOptions, RetryDecision, RetryReason, AttemptOutcome, HeadersLike } from './retry';
export { sendWithRetry, DEFAULT_TIMEOUT_MS, type FetchLike, type HttpRequest, type HttpResponse, type HttpTransportOptions } from './request';
