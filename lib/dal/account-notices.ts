import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db';
import { accountNotices, type AccountNoticeKind } from '@/db/schema';
import type { Member } from './session';

export interface AccountNoticeView {
  id: string;
  kind: AccountNoticeKind;
  lastSeenAt: Date;
}

/**
 * Leaves a notice for an account's owner. A repeat while one is still open moves its time
 * rather than adding another, so repeated attempts cannot bury the dashboard.
 */
export async function recordAccountNotice(tx: Transaction, owner: { userId: string; practiceId: string }, kind: AccountNoticeKind, now: Date): Promise<void> {
  await tx
    .insert(accountNotices)
    .values({ practiceId: owner.practiceId, userId: owner.userId, kind, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [accountNotices.userId, accountNotices.kind],
      targetWhere: sql`${accountNotices.dismissedAt} is null`,
      set: { lastSeenAt: now },
    });
}

/** The signed-in member's own open notices: never anyone else's, even in their practice. */
export async function listOpenNotices(member: Member): Promise<AccountNoticeView[]> {
  const db = await getDb();
  return db
    .select({ id: accountNotices.id, kind: accountNotices.kind, lastSeenAt: accountNotices.lastSeenAt })
    .from(accountNotices)
    .where(and(eq(accountNotices.userId, member.userId), eq(accountNotices.practiceId, member.practiceId), isNull(accountNotices.dismissedAt)))
    .orderBy(desc(accountNotices.lastSeenAt));
}

export async function dismissNotice(member: Member, noticeId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(accountNotices)
    .set({ dismissedAt: new Date() })
    .where(and(eq(accountNotices.id, noticeId), eq(accountNotices.userId, member.userId), eq(accountNotices.practiceId, member.practiceId), isNull(accountNotices.dismissedAt)));
}
