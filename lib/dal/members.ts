import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db';
import { users, type MemberRole } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { addMemberLimitMessage, LIMITS } from '@/lib/auth/throttle';
import { ActionError } from './action';
import { forgetMember } from './member-cache';
import { countAttempt } from './rate-limits';
import type { Member } from './session';
import { isUniqueViolation } from './unique-violation';

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  createdAt: Date;
}

export async function listMembers(member: Member): Promise<MemberSummary[]> {
  const db = await getDb();
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.practiceId, member.practiceId), isNull(users.removedAt)))
    .orderBy(asc(users.name));
}

// Clear for the admin without naming where the email is registered. Whether an email has
// an account is still learnable here, which is why adding members is rate limited.
export const EMAIL_TAKEN = 'This email cannot be used for a new member. Use another email address.';

export async function emailInUse(email: string, tx?: Transaction): Promise<boolean> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, isNull(users.removedAt)))
    .limit(1);
  return Boolean(row);
}

export async function addMember(member: Member, input: { name: string; email: string; password: string; role: MemberRole }): Promise<void> {
  // Counted per practice before anything else, failures included: probing which emails
  // have accounts costs attempts like adding members does.
  const decision = await countAttempt('add_member_practice', member.practiceId, LIMITS.add_member_practice);
  if (!decision.allowed) throw new ActionError(addMemberLimitMessage(decision.retryAfterSeconds), undefined, 'rate_limited');
  const db = await getDb();
  if (await emailInUse(input.email)) throw new ActionError(undefined, { email: [EMAIL_TAKEN] });
  const passwordHash = await hashPassword(input.password);
  try {
    await db.insert(users).values({
      practiceId: member.practiceId,
      name: input.name,
      email: input.email,
      passwordHash,
      role: input.role,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ActionError(undefined, { email: [EMAIL_TAKEN] });
    throw error;
  }
}

/**
 * Role changes and removals lock the practice's active admins first, so two admins demoting
 * each other at the same moment cannot leave the practice with none.
 */
async function assertAnotherAdminRemains(tx: Transaction, practiceId: string, userId: string) {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.role, 'admin'), isNull(users.removedAt)))
    .for('update');
  if (!admins.some((a) => a.id !== userId)) {
    throw new ActionError('A practice needs at least one admin. Make someone else an admin first.');
  }
}

async function findActiveMember(tx: Transaction, practiceId: string, userId: string) {
  const [target] = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.practiceId, practiceId), isNull(users.removedAt)))
    .for('update');
  // Another practice's member is "not found", never "forbidden": ids reveal nothing.
  if (!target) throw new ActionError('That member no longer exists.', undefined, 'not_found');
  return target;
}

export async function changeMemberRole(member: Member, userId: string, role: MemberRole): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const target = await findActiveMember(tx, member.practiceId, userId);
    if (target.role === role) return;
    if (target.role === 'admin') await assertAnotherAdminRemains(tx, member.practiceId, userId);
    await tx
      .update(users)
      // A new session version signs the member out everywhere: they come back in their new role.
      .set({ role, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.practiceId, member.practiceId)));
  });
  // After the commit, so that no read can fill the cache from before the change again.
  await forgetMember(userId);
}

export async function removeMember(member: Member, userId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const target = await findActiveMember(tx, member.practiceId, userId);
    if (target.role === 'admin') await assertAnotherAdminRemains(tx, member.practiceId, userId);
    await tx
      .update(users)
      .set({ removedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.practiceId, member.practiceId)));
  });
  await forgetMember(userId);
}
