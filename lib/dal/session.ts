import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getOpenDatabase } from '@/db';
import { practices, users, type MemberRole } from '@/db/schema';
import { sessionFromCookies } from '@/lib/auth/session-cookie';
import { noteForegroundActivity } from '@/lib/jobs/foreground';
import { authSecret } from '@/lib/secrets';
import { memberCacheOf } from './member-cache';

/** Who is acting: everything the DAL scopes by. Never taken from the request. */
export interface Member {
  userId: string;
  practiceId: string;
  role: MemberRole;
  name: string;
  email: string;
  practiceName: string;
  /** IANA zone the practice reads times in (lib/practice-time). */
  practiceTimezone: string;
}

/**
 * The member a session belongs to, if it is still theirs: active, and issued at their
 * current session version (bumped on sign-out, removal and role change). One query, or
 * none when the member cache (lib/dal/member-cache.ts) has it: the cache forgets a member
 * whenever their row or their practice's changes, in every instance, so it answers as the
 * query would. Only found members are cached: a member who did not exist a moment ago may now.
 */
export async function loadMember(userId: string, sessionVersion: number): Promise<Member | null> {
  // A token's subject is only ever our own uuid; anything else would only fail in the query.
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const { db, memberChanges } = await getOpenDatabase();
  const cache = memberCacheOf(memberChanges);
  const cached = cache.get(userId, sessionVersion);
  if (cached) return cached;
  const generation = cache.generation; // before the read: a change announced during it voids the result
  const [row] = await db
    .select({
      userId: users.id,
      practiceId: users.practiceId,
      role: users.role,
      name: users.name,
      email: users.email,
      practiceName: practices.name,
      practiceTimezone: practices.timezone,
    })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion), isNull(users.removedAt)))
    .limit(1);
  if (!row) return null;
  cache.store(generation, sessionVersion, row);
  return row;
}

/**
 * The signed-in member, or null. Cached per request. Every page, action and route handler
 * reads the session through here. The session cookie says who signed in and with which
 * session version (lib/auth/session-cookie); the database says whether that session is
 * still theirs, of which practice, in which role — so sign-out, removal and role changes
 * apply at once, even to a copy of the cookie. Also notes that someone is using the app, so
 * a sync run makes way for them (lib/jobs/foreground.ts).
 */
export const currentMember = cache(async (): Promise<Member | null> => {
  noteForegroundActivity();
  return memberOfSession();
});

/**
 * The signed-in member, without noting that someone is using the app: for the progress poll
 * (app/api/sync-runs/[runId], once a second while a run goes on). Noted as activity, the poll
 * kept the very run it watched in its make-way pace (25-record batches, then pauses): a first
 * sync of 2,360 clients took about a minute instead of seconds (a trial).
 */
export const currentMemberWithoutActivity = cache(async (): Promise<Member | null> => memberOfSession());

async function memberOfSession(): Promise<Member | null> {
  const claims = await sessionFromCookies((await cookies()).getAll(), authSecret());
  if (!claims) return null;
  return loadMember(claims.userId, claims.sessionVersion);
}

/** For pages: the signed-in member, or a redirect to sign-in. */
export async function requireMember(): Promise<Member> {
  const member = await currentMember();
  if (!member) redirect('/sign-in');
  return member;
}

export async function requireAdmin(): Promise<Member> {
  const member = await requireMember();
  if (member.role !== 'admin') redirect('/dashboard?denied=admin');
  return member;
}
