import { processWide } from '@/lib/providers/process-wide';

/**
 * Whether people are using the app right now, so background work (sync runs) can make way
 * for them (lib/sync/engine/pace.ts). Every page, action and route handler reads the session
 * through lib/dal/session's `currentMember`, which notes the moment here — so "a person is
 * using the app" needs no hook of its own. Process-wide: Next may load this module twice, and
 * the engine and the request handlers must see the same moment.
 */
const foreground = processWide('jobs.foreground', () => ({ lastActivityAt: Number.NEGATIVE_INFINITY }));

export function noteForegroundActivity(now: number = Date.now()): void {
  foreground.lastActivityAt = now;
}

/** True when someone used the app within the last `windowMs`. */
export function foregroundActiveWithin(windowMs: number, now: number = Date.now()): boolean {
  return now - foreground.lastActivityAt <= windowMs;
}
