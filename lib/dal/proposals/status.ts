import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { proposalLines, proposals } from '@/db/schema';
import { ActionError } from '../action';
import type { Member } from '../session';
import { proposalStatusView, type ProposalStatusView } from './detail';
import { LOCKED_STATUS_MESSAGE } from '@/lib/proposals/messages';
import { hasServiceLine, lockProposal, PROPOSAL_NOT_FOUND, STALE_PROPOSAL_MESSAGE } from './save';
import { type ProposalAction, refusalOf } from '@/lib/proposals/status-rules';

/**
 * Status changes other than acceptance (see accept.ts). Accepted is final: the content is
 * locked and the workflow deployed, so nothing here leaves it.
 */
export type StatusChange = 'sent' | 'declined' | 'draft';

const ACTION_OF: Readonly<Record<StatusChange, ProposalAction>> = { sent: 'send', declined: 'decline', draft: 'reopen' };

export async function changeProposalStatus(member: Member, proposalId: string, expectedVersion: number, to: StatusChange): Promise<ProposalStatusView> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockProposal(tx, member, proposalId);
    if (current.status === 'accepted') throw new ActionError(LOCKED_STATUS_MESSAGE);
    if (current.version !== expectedVersion) throw new ActionError(STALE_PROPOSAL_MESSAGE, undefined, 'stale');
    // The editor's rules, checked again under the row lock (lib/proposals/status-rules.ts).
    const hasLine = await hasServiceLine(tx, member.practiceId, proposalId);
    const refused = refusalOf(ACTION_OF[to], { status: current.status, hasClient: current.clientId !== null, hasLine });
    if (refused) throw new ActionError(refused.message, undefined, 'refused');
    const now = new Date();
    await tx
      .update(proposals)
      .set({
        status: to,
        ...(to === 'sent' ? { sentAt: now } : {}),
        // Reopening clears the decline; the sent date stays as history.
        declinedAt: to === 'declined' ? now : null,
        version: sql`${proposals.version} + 1`,
        updatedByUserId: member.userId,
        updatedAt: now,
      })
      .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, proposalId)));
    const status = await proposalStatusView(tx, member.practiceId, proposalId);
    if (!status) throw new Error('proposal vanished');
    return status;
  });
}

/** "A new version is needed to change it": a draft copy of any proposal, with its client and lines. */
export async function copyProposalToDraft(member: Member, proposalId: string): Promise<{ id: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [source] = await tx
      .select({ title: proposals.title, clientId: proposals.clientId, totalCents: proposals.totalCents })
      .from(proposals)
      .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, proposalId)));
    if (!source) throw new ActionError(PROPOSAL_NOT_FOUND, undefined, 'not_found');
    const lines = await tx
      .select({
        description: proposalLines.description,
        quantity: proposalLines.quantity,
        unitPriceCents: proposalLines.unitPriceCents,
        lineTotalCents: proposalLines.lineTotalCents,
        sortOrder: proposalLines.sortOrder,
      })
      .from(proposalLines)
      .where(and(eq(proposalLines.practiceId, member.practiceId), eq(proposalLines.proposalId, proposalId)))
      .orderBy(asc(proposalLines.sortOrder));
    const [copy] = await tx
      .insert(proposals)
      .values({
        practiceId: member.practiceId,
        title: `${source.title} (new version)`.slice(0, 200),
        clientId: source.clientId,
        totalCents: source.totalCents,
        createdByUserId: member.userId,
        updatedByUserId: member.userId,
      })
      .returning({ id: proposals.id });
    if (!copy) throw new Error('proposal insert returned nothing');
    if (lines.length > 0) {
      await tx.insert(proposalLines).values(lines.map((line) => ({ ...line, practiceId: member.practiceId, proposalId: copy.id })));
    }
    return { id: copy.id };
  });
}
