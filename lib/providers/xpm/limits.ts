import { processWide } from '../process-wide';
import { createRateBudget, type RateBudget } from '../http/budget';
import { createKeyedLimiter, type KeyedLimiter } from '../http/limiter';

/**
 * XPM allows per practice (tenant): 5 concurrent calls, 60 per minute, 5,000 per day.
 * These process-wide instances are shared by every XPM client in the process, keyed by
 * tenant, so two syncs of the same practice together stay under the limits. (Several app
 * processes can still overlap; their excess meets 429 + Retry-After, which the retry
 * layer rides out.)
 */
export const XPM_MAX_CONCURRENT = 5;
/** A little under 60/min, leaving room for clock drift and other callers. */
export const XPM_MINUTE_BUDGET = 55;

// On processWide, not module state: every bundle's XPM client must count against the same limits.
export const sharedXpmLimiter: KeyedLimiter = processWide('providers.xpm.limiter', () => createKeyedLimiter(XPM_MAX_CONCURRENT));
export const sharedXpmBudget: RateBudget = processWide('providers.xpm.minuteBudget', () => createRateBudget({ limit: XPM_MINUTE_BUDGET, windowMs: 60_000 }));

/** What XPM last said about the remaining allowance, for progress displays and schedulers. */
export interface XpmRateLimits {
  minuteRemaining: number | null;
  dayRemaining: number | null;
  observedAt: number;
}

export function readRateLimitHeaders(headers: Headers, now: number): XpmRateLimits | null {
  const minute = toCount(headers.get('x-minlimit-remaining'));
  const day = toCount(headers.get('x-daylimit-remaining'));
  if (minute === null && day === null) return null;
  return { minuteRemaining: minute, dayRemaining: day, observedAt: now };
}

function toCount(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
