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
import { ACCEPTED_BY_REQUIRED_MESSAGE } from '@/lib/proposals/messages';
import { refusalOf } from '@/lib/proposals/status-rules';

export interface Acceptance {
  status: ProposalStatusView;
  /** False when the proposal was already accepted: nothing was recorded or deployed again. */
  firstAcceptance: boolean;
}

/**
 * Accepting a proposal: the one idempotent server-side step that records who accepted it for
 * the client (`acceptedBy`, a name the member typed: the client accepts, the member records
 * it), which member recorded it and when, and locks its content. Only a sent proposal with a
 * client and a service line is accepted (lib/proposals/status-rules.ts). Accepting an
 * accepted proposal returns the acceptance already recorded and changes nothing, so a double
 * click, a retried request or two members at once record exactly one acceptance (the row
 * lock orders them).
 *
 * `expectedVersion` (from the editor) refuses to accept content the person has not seen;
 * callers such as a later workflow step may omit it.
 */
export async function acceptProposal(member: Member, proposalId: string, request: { expectedVersion?: number; acceptedBy: string }): Promise<Acceptance> {
  const { expectedVersion } = request;
  const acceptedBy = request.acceptedBy.trim();
  const db = await getDb();
  const acceptance = await db.transaction(async (tx) => {
    const current = await lockProposal(tx, member, proposalId);
    let deployment: { id: string } | null = null;

    if (current.status !== 'accepted') {
      if (expectedVersion !== undefined && current.version !== expectedVersion) throw new ActionError(STALE_PROPOSAL_MESSAGE, undefined, 'stale');
      const hasLine = await hasServiceLine(tx, member.practiceId, proposalId);
      const refused = refusalOf('accept', { status: current.status, hasClient: current.clientId !== null, hasLine });
      if (refused) throw new ActionError(refused.message, undefined, 'refused');
      if (!current.clientId) throw new Error('unreachable: the rules refuse accepting without a client');
      if (acceptedBy === '') throw new ActionError(ACCEPTED_BY_REQUIRED_MESSAGE, { acceptedBy: [ACCEPTED_BY_REQUIRED_MESSAGE] });

      await tx
        .update(proposals)
        .set({
          status: 'accepted',
          acceptedAt: new Date(),
          acceptedByUserId: member.userId,
          acceptedByClientContact: acceptedBy,
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
