import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rateLimits, type RateLimitScope } from '@/db/schema';
import { decideAttempt, type Limit, type RateDecision } from '@/lib/auth/throttle';

/** Emails and addresses are stored only as hashes: the table must not become a list of them. */
export function rateLimitKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Counts one attempt and decides it, in one atomic statement: a new key starts at 1, an
 * expired window restarts at 1, anything else is incremented — and the row's new count
 * comes back. The row lock of `on conflict do update` serialises concurrent attempts on
 * both PostgreSQL and PGlite, so thirty at once get the counts 1…30, never thirty 1s.
 */
export async function countAttempt(scope: RateLimitScope, key: string, limit: Limit, now = new Date()): Promise<RateDecision> {
  const db = await getDb();
  const at = now.toISOString();
  const expired = sql`${rateLimits.windowStartedAt} <= ${at}::timestamptz - (${limit.windowMs}::int * interval '1 millisecond')`;
  const [row] = await db
    .insert(rateLimits)
    .values({ scope, key, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [rateLimits.scope, rateLimits.key],
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${at}::timestamptz else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStartedAt: rateLimits.windowStartedAt });
  if (!row) throw new Error('rate limit upsert returned nothing');
  return decideAttempt(row, limit, now);
}

/** Forgets a key's attempts (a successful sign-in clears its email's count). */
export async function resetAttempts(scope: RateLimitScope, key: string): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(and(eq(rateLimits.scope, scope), eq(rateLimits.key, key)));
}

/** Takes back one counted attempt: a success should not use up a shared address's allowance. */
export async function giveBackAttempt(scope: RateLimitScope, key: string): Promise<void> {
  const db = await getDb();
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.scope, scope), eq(rateLimits.key, key)));
}
