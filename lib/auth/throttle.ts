/**
 * Sign-in throttling decisions, kept pure so the rule is tested without a database:
 * at most MAX_FAILURES failed sign-ins per email in a WINDOW_MS window, then wait until
 * the window ends.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 60_000;

export interface ThrottleRecord {
  failureCount: number;
  windowStartedAt: Date;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function checkThrottle(record: ThrottleRecord | null, now: Date): ThrottleDecision {
  if (!record) return { allowed: true };
  const windowEnds = record.windowStartedAt.getTime() + WINDOW_MS;
  if (now.getTime() >= windowEnds || record.failureCount < MAX_FAILURES) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
}

export function recordFailure(record: ThrottleRecord | null, now: Date): ThrottleRecord {
  if (!record || now.getTime() >= record.windowStartedAt.getTime() + WINDOW_MS) {
    return { failureCount: 1, windowStartedAt: now };
  }
  return { failureCount: record.failureCount + 1, windowStartedAt: record.windowStartedAt };
}

export function throttleMessage(retryAfterSeconds: number): string {
  return `Too many sign-in attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
}
