import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { dummyPasswordHash, verifyPassword } from '@/lib/auth/password';
import { combineDecisions, LIMITS } from '@/lib/auth/throttle';
import { forgetMember } from './member-cache';
import { countAttempt, giveBackAttempt, rateLimitKey, resetAttempts } from './rate-limits';

export type CredentialsResult =
  | { status: 'ok'; userId: string; name: string; email: string; sessionVersion: number }
  | { status: 'invalid' }
  | { status: 'throttled'; retryAfterSeconds: number };

/**
 * Checks an email and password from a client address. Every attempt is counted before the
 * password is looked at — per email and per address, atomically — so a burst cannot slip
 * more than the limit past a read-then-write race, and one password tried across many
 * emails is limited too. Throttled or not, unknown emails take the same path and time as
 * known ones (the throttle comes before the lookup; a dummy hash stands in for a missing
 * account), so neither answer nor timing reveals which emails have accounts.
 */
export async function verifyCredentials(email: string, password: string, address: string, now = new Date()): Promise<CredentialsResult> {
  const normalised = email.trim().toLowerCase();
  const emailKey = rateLimitKey(`email:${normalised}`);
  const addressKey = rateLimitKey(`address:${address}`);
  const decision = combineDecisions([
    await countAttempt('sign_in_email', emailKey, LIMITS.sign_in_email, now),
    await countAttempt('sign_in_address', addressKey, LIMITS.sign_in_address, now),
  ]);
  if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };

  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${normalised}`, isNull(users.removedAt)))
    .limit(1);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) return { status: 'invalid' };
  // The owner got in: their email starts afresh, and their office's address gets this
  // attempt back, so colleagues' sign-ins never use up the allowance for failures.
  await resetAttempts('sign_in_email', emailKey);
  await giveBackAttempt('sign_in_address', addressKey);
  return { status: 'ok', userId: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}

/**
 * Ends every session a member holds: sessions carry the version they were issued with,
 * and lib/dal/session refuses any other. Only the version the caller's own session holds
 * is bumped, so a cookie that has already been refused cannot sign the member out again.
 */
export async function endSessions(userId: string, sessionVersion: number): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)));
  await forgetMember(userId);
}
