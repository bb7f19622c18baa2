import { appLabel, ProviderError, type ProviderName } from '../errors';
import type { RateBudget } from './budget';
import { systemClock, type Clock } from './clock';
import type { KeyedLimiter } from './limiter';
import { CallerAbort, describeFailure, retryDecision, type RetryOptions } from './retry';

/**
 * One HTTP exchange with retries. Every attempt takes a concurrency slot and a rate-budget
 * start, has its own timeout, and reads the whole body inside that timeout (a stalled body is
 * as dead as a stalled connect). Between attempts the slot is released, so a backing-off
 * request does not block others.
 *
 * It returns the final response whatever its status: turning statuses into typed errors
 * needs each app's error shapes, which the adapters own. It throws only when no HTTP answer
 * came at all (ProviderError kind `network`), or rethrows the caller's own abort reason.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Defaults to true for everything except POST. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** How many attempts it took (diagnostics; 1 when the first one answered). */
  attempts: number;
}

export interface HttpTransportOptions {
  provider: ProviderName;
  fetch?: FetchLike;
  clock?: Clock;
  /** Per attempt, connect to last body byte. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  limiter?: KeyedLimiter;
  budget?: RateBudget;
  /** Limiter and budget key: the XPM tenant or the Gusto company grant. */
  limitKey?: string;
  /** Called after every attempt that got an answer (e.g. to record rate-limit headers). */
  onResponse?: (response: { status: number; headers: Headers }) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export async function sendWithRetry(request: HttpRequest, options: HttpTransportOptions): Promise<HttpResponse> {
  const clock = options.clock ?? systemClock;
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const key = options.limitKey ?? 'default';
  const idempotent = request.idempotent ?? request.method !== 'POST';
  const retryOptions: Partial<RetryOptions> = { now: () => clock.now(), ...options.retry, idempotent };

  for (let attempt = 1; ; attempt += 1) {
    const run = () => attemptOnce(request, options, doFetch, clock);
    const outcome = options.limiter ? await options.limiter.run(key, run) : await run();

    if (outcome.kind === 'response') options.onResponse?.(outcome.response);
    const decision = retryDecision(
      attempt,
      outcome.kind === 'response' ? { kind: 'response', status: outcome.response.status, headers: outcome.response.headers } : { kind: 'error', error: outcome.error },
      retryOptions,
    );

    if (!decision.retry) {
      if (outcome.kind === 'response') return { ...outcome.response, attempts: attempt };
      if (decision.reason === 'aborted') throw request.signal?.reason ?? outcome.error;
      throw networkError(options.provider, outcome.error, attempt);
    }
    await clock.sleep(decision.delayMs, request.signal);
  }
}

type Outcome = { kind: 'response'; response: { status: number; headers: Headers; text: string } } | { kind: 'error'; error: unknown };

async function attemptOnce(request: HttpRequest, options: HttpTransportOptions, doFetch: FetchLike, clock: Clock): Promise<Outcome> {
  const key = options.limitKey ?? 'default';
  if (options.budget) await options.budget.acquire(key, request.signal);

  const controller = new AbortController();
  const stopTimer = new AbortController();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The timer runs on the injected clock so tests can time out without waiting.
  clock.sleep(timeoutMs, stopTimer.signal).then(
    () => controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')),
    () => undefined,
  );
  const onCallerAbort = () => controller.abort(new CallerAbort());
  if (request.signal?.aborted) onCallerAbort();
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    const response = await doFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    const text = await response.text();
    return { kind: 'response', response: { status: response.status, headers: response.headers, text } };
  } catch (error) {
    // fetch rejects with the abort reason (or a bare AbortError); use the reason so timeouts
    // and caller aborts are told apart.
    const aborted = controller.signal.aborted && (error === controller.signal.reason || (error as { name?: unknown } | null)?.name === 'AbortError');
    return { kind: 'error', error: aborted ? controller.signal.reason : error };
  } finally {
    stopTimer.abort();
    request.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function networkError(provider: ProviderName, error: unknown, attempts: number): ProviderError {
  const failure = describeFailure(error);
  const app = appLabel(provider);
  const what = failure === 'timeout' ? `${app} did not answer in time` : failure === 'refused' ? `Could not connect to ${app}` : `The connection to ${app} failed`;
  const tries = attempts > 1 ? ` (tried ${attempts} times)` : '';
  return new ProviderError({
    kind: 'network',
    provider,
    code: failure,
    message: `${what}${tries}. Please try again in a few minutes.`,
  });
}
