import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { proposals } from '@/db/schema';
import { ActionError } from '../action';
import type { Member } from '../session';
import { proposalStatusView, type ProposalStatusView } from './detail';
import { hasServiceLine, lockProposal, STALE_PROPOSAL_MESSAGE } from './save';
import { ACCEPT_NEEDS_LINE_MESSAGE, ACCEPT_NEEDS_SENT_MESSAGE } from '@/lib/proposals/messages';

export interface Acceptance {
  status: ProposalStatusView;
  /** False when the proposal was already accepted: nothing was recorded or deployed again. */
  firstAcceptance: boolean;
}

/**
 * Accepting a proposal: the one idempotent server-side step that records who accepted it
 * and when, and locks its content. Accepting an accepted proposal returns the acceptance
 * already recorded and changes nothing, so a double click, a retried request or two
 * members at once record exactly one acceptance (the row lock orders them).
 *
 * `expectedVersion` (from the editor) refuses to accept content the person has not seen;
 * callers such as a later workflow step may omit it.
 */
export async function acceptProposal(member: Member, proposalId: string, expectedVersion?: number): Promise<Acceptance> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockProposal(tx, member, proposalId);

    if (current.status !== 'accepted') {
      if (expectedVersion !== undefined && current.version !== expectedVersion) throw new ActionError(STALE_PROPOSAL_MESSAGE, undefined, 'stale');
      if (current.status === 'declined') throw new ActionError('This proposal was declined. Reopen it as a draft before accepting it.');
      if (current.status === 'draft') throw new ActionError(ACCEPT_NEEDS_SENT_MESSAGE);
      if (!current.clientId) throw new ActionError('Choose the client before accepting: accepting deploys the workflow for that client.');
      if (!(await hasServiceLine(tx, member.practiceId, proposalId))) throw new ActionError(ACCEPT_NEEDS_LINE_MESSAGE);

      await tx
        .update(proposals)
        .set({
          status: 'accepted',
          acceptedAt: new Date(),
          acceptedByUserId: member.userId,
          version: sql`${proposals.version} + 1`,
          updatedByUserId: member.userId,
          updatedAt: new Date(),
        })
        .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, proposalId)));

      // HOOK (workflow deployment, a later issue): accepting deploys the proposal's workflow
      // for its client — in XPM, create or match the client first (DESIGN §3 "To XPM").
      // Enqueue that job HERE, inside this transaction (e.g. an outbox row or a lib/jobs
      // call keyed by the proposal id as its singleton key), so it is recorded exactly when
      // the acceptance is and never for a repeated acceptance (this branch runs once).
    }

    const status = await proposalStatusView(tx, member.practiceId, proposalId);
    if (!status) throw new Error('accepted proposal vanished');
    return { status, firstAcceptance: current.status !== 'accepted' };
  });
}
