import type { RateLimitScope } from '@/db/schema';

/**
 * Rate-limit decisions, kept pure so the rules are tested without a database. Every
 * attempt is counted first, atomically (lib/dal/rate-limits.ts), and the attempt that
 * made the count is allowed only if the count is within the limit: concurrent attempts
 * each get a distinct count, so no burst gets more than `max` through.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const LIMITS: Record<RateLimitScope, Limit> = {
  // Five guesses a minute at one account (7,200 a day at most) against bcrypt hashes and a
  // ten-character minimum; a person who mistypes waits a minute at worst.
  sign_in_email: { max: 5, windowMs: MINUTE },
  // One address trying one password across many emails. Higher than per email because an
  // office shares one address: its successful sign-ins are given back (only failures keep
  // counting), and twenty failures a minute is far beyond a team's typing mistakes.
  sign_in_address: { max: 20, windowMs: MINUTE },
  // New practices from one address. A person creates one; an office a handful. The hour
  // keeps junk practices and "someone used your email" notices from being mass-produced.
  // The default is overridden by SIGN_UPS_PER_ADDRESS_PER_HOUR (the e2e server raises it:
  // every spec signs up from 127.0.0.1).
  sign_up_address: { max: 10, windowMs: 60 * MINUTE },
  // Members an admin adds to one practice. A practice onboarding its team adds tens; more
  // than thirty an hour is a script (or a stolen admin session) probing which emails exist.
  add_member_practice: { max: 30, windowMs: 60 * MINUTE },
};

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The counted attempt (its count and the window it fell in) against the limit. */
export function decideAttempt(counted: { count: number; windowStartedAt: Date }, limit: Limit, now: Date): RateDecision {
  if (counted.count <= limit.max) return { allowed: true };
  const windowEnds = counted.windowStartedAt.getTime() + limit.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
}

/** Refused if any limit refuses, for as long as the longest of them. */
export function combineDecisions(decisions: readonly RateDecision[]): RateDecision {
  let wait = 0;
  for (const d of decisions) if (!d.allowed) wait = Math.max(wait, d.retryAfterSeconds);
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

/** "42 seconds", "60 seconds", "2 minutes": waits over a minute are rounded up to minutes. */
export function formatWait(seconds: number): string {
  if (seconds <= 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function throttleMessage(retryAfterSeconds: number): string {
  return `Too many sign-in attempts. Try again in ${formatWait(retryAfterSeconds)}.`;
}

export function signUpLimitMessage(retryAfterSeconds: number): string {
  return `Too many new practices were created from your network. Try again in ${formatWait(retryAfterSeconds)}.`;
}

export function addMemberLimitMessage(retryAfterSeconds: number): string {
  return `Too many members were added in the last hour. Try again in ${formatWait(retryAfterSeconds)}.`;
}
