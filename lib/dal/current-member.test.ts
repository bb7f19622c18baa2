import { beforeEach, expect, test, vi } from 'vitest';
import { foregroundActiveWithin, noteForegroundActivity } from '@/lib/jobs/foreground';

// No request here: an empty cookie jar, as for a visitor who is not signed in.
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => [] }) }));

beforeEach(() => noteForegroundActivity(Number.NEGATIVE_INFINITY));

test('reading the session notes that someone is using the app, signed in or not (a sync run makes way)', async () => {
  process.env.AUTH_SECRET ??= 'a-test-secret-that-is-long-enough-for-auth-js';
  const { currentMember } = await import('./session');
  expect(foregroundActiveWithin(60_000)).toBe(false);
  expect(await currentMember()).toBeNull();
  expect(foregroundActiveWithin(1_000)).toBe(true);
});

test('the progress poll reads the session without noting activity: watching a run must not slow it', async () => {
  process.env.AUTH_SECRET ??= 'a-test-secret-that-is-long-enough-for-auth-js';
  const { currentMemberWithoutActivity } = await import('./session');
  expect(await currentMemberWithoutActivity()).toBeNull();
  expect(foregroundActiveWithin(60_000)).toBe(false);
});
