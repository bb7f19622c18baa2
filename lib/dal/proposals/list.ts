import 'server-only';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { clients, proposals, type ProposalStatus } from '@/db/schema';
import type { ProposalListQuery } from '@/lib/validation/proposal';
import type { Member } from '../session';
import { everyWord } from '@/lib/dal/list-search';
import { type ListPage, pageOf } from '../list-page';

export const PROPOSALS_PAGE_SIZE = 25;

export interface ProposalListRow {
  id: string;
  title: string;
  status: ProposalStatus;
  clientName: string | null;
  totalCents: number;
  updatedAt: Date;
}

export type ProposalListPage = ListPage<ProposalListRow>;

function searchCondition(q: string): SQL | undefined {
  if (!q) return undefined;
  // Each word in the title or the client's name (trigram index expressions: proposals'
  // lower(title), clients' lower(name)), in any order and spacing.
  return everyWord([sql`lower(${proposals.title})`, sql`lower(${clients.name})`], q);
}

export async function listProposals(member: Member, query: ProposalListQuery): Promise<ProposalListPage> {
  const db = await getDb();
  const where = and(eq(proposals.practiceId, member.practiceId), query.status === 'all' ? undefined : eq(proposals.status, query.status), searchCondition(query.q));
  // The client join carries practice_id too, as the composite foreign key does.
  const clientJoin = and(eq(clients.practiceId, proposals.practiceId), eq(clients.id, proposals.clientId));
  const [totals] = await db.select({ total: count() }).from(proposals).leftJoin(clients, clientJoin).where(where);
  const total = totals?.total ?? 0;
  const { page, pageCount, offset } = pageOf(total, query.page, PROPOSALS_PAGE_SIZE);
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      status: proposals.status,
      clientName: clients.name,
      totalCents: proposals.totalCents,
      updatedAt: proposals.updatedAt,
    })
    .from(proposals)
    .leftJoin(clients, clientJoin)
    .where(where)
    .orderBy(desc(proposals.updatedAt), desc(proposals.id))
    .limit(PROPOSALS_PAGE_SIZE)
    .offset(offset);
  return { rows, total, page, pageCount };
}

/** Counts per status, for the filter's labels. */
export async function countProposalsByStatus(member: Member): Promise<Record<ProposalStatus, number>> {
  const db = await getDb();
  const rows = await db.select({ status: proposals.status, n: count() }).from(proposals).where(eq(proposals.practiceId, member.practiceId)).groupBy(proposals.status);
  const counts: Record<ProposalStatus, number> = { draft: 0, sent: 0, accepted: 0, declined: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
