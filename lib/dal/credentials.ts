import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { signInThrottles, users } from '@/db/schema';
import { dummyPasswordHash, verifyPassword } from '@/lib/auth/password';
import { checkThrottle, recordFailure, type ThrottleRecord } from '@/lib/auth/throttle';

export type CredentialsResult =
  | { status: 'ok'; userId: string; name: string; email: string }
  | { status: 'invalid' }
  | { status: 'throttled'; retryAfterSeconds: number };

function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/**
 * Checks an email and password, throttled per email whether or not the account exists,
 * so neither the answer nor the throttle reveals which emails have accounts.
 */
export async function verifyCredentials(email: string, password: string, now = new Date()): Promise<CredentialsResult> {
  const db = await getDb();
  const key = emailKey(email);
  const [existing] = await db
    .select({ failureCount: signInThrottles.failureCount, windowStartedAt: signInThrottles.windowStartedAt })
    .from(signInThrottles)
    .where(eq(signInThrottles.emailKey, key));
  const decision = checkThrottle(existing ?? null, now);
  if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };

  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, isNull(users.removedAt)))
    .limit(1);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (user && valid) {
    if (existing) await db.delete(signInThrottles).where(eq(signInThrottles.emailKey, key));
    return { status: 'ok', userId: user.id, name: user.name, email: user.email };
  }
  const next: ThrottleRecord = recordFailure(existing ?? null, now);
  await db
    .insert(signInThrottles)
    .values({ emailKey: key, ...next })
    .onConflictDoUpdate({ target: signInThrottles.emailKey, set: next });
  return { status: 'invalid' };
}
