import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { proposals } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import { requestDeployment } from '@/lib/commands/deployments';
import { enqueueDeployment } from '@/lib/jobs/deploy-jobs';
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
  const acceptance = await db.transaction(async (tx) => {
    const current = await lockProposal(tx, member, proposalId);
    let deployment: { id: string } | null = null;

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

      // Accepting deploys the workflow (issue 11): recorded here, with the acceptance, and
      // worked by a job after commit — never inside this transaction, which stays short.
      deployment = await requestDeployment(tx, memberActor(member), { id: proposalId, clientId: current.clientId });
    }

    const status = await proposalStatusView(tx, member.practiceId, proposalId);
    if (!status) throw new Error('accepted proposal vanished');
    return { status, firstAcceptance: current.status !== 'accepted', clientId: current.clientId, deployment };
  });
  const { deployment, clientId } = acceptance;
  if (deployment && clientId) await enqueueDeployment({ practiceId: member.practiceId, clientId, deploymentId: deployment.id });
  return { status: acceptance.status, firstAcceptance: acceptance.firstAcceptance };
}
