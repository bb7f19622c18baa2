import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { clients, connections, proposals, workflowDeployments, workflowDeploymentSteps, type DeploymentCandidate, type DeploymentChoiceReason } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import { chooseDeploymentClient, requeueFailedDeployment, requestDeployment } from '@/lib/commands/deployments';
import { enqueueDeployment } from '@/lib/jobs/deploy-jobs';
import { taxNumberEnding } from '@/lib/clients/tax-number';
import { ActionError } from '../action';
import type { Member } from '../session';
import { PROPOSAL_NOT_FOUND } from './save';

/**
 * What the proposal page shows about its workflow (issue 11): where the deployment stands,
 * each completed step in words, the XPM client and job with their links, and what a person
 * can do (Retry deployment, Deploy now, an admin's choice). Scoped by the member's practice.
 */
export type DeploymentStatusValue = (typeof workflowDeployments.$inferSelect)['status'];

export interface DeploymentStepView {
  kind: (typeof workflowDeploymentSteps.$inferSelect)['kind'];
  message: string;
  at: Date;
}

export type DeploymentView =
  /** Not accepted yet: nothing to show. */
  | { kind: 'not_accepted' }
  /** Accepted with no deployment: XPM was not connected then (Deploy now when it is). */
  | { kind: 'not_deployed'; xpmConnected: boolean }
  | {
      kind: 'deployment';
      id: string;
      status: DeploymentStatusValue;
      steps: DeploymentStepView[];
      xpmClient: { name: string; url: string | null } | null;
      job: { number: string; url: string | null } | null;
      errorMessage: string | null;
      errorDetail: string | null;
      choiceReason: DeploymentChoiceReason | null;
      candidates: DeploymentCandidate[];
      /** When the choice is because a number differs: the client's own number here, to set beside XPM's (a tax number masked but its ending). */
      clientNumber: string | null;
      updatedAt: Date;
    };

/** The number of the client here that differs from XPM's (reason `*_number_differs`), as typed. */
async function differingClientNumber(practiceId: string, clientId: string, reason: DeploymentChoiceReason | null): Promise<string | null> {
  if (reason !== 'tax_number_differs' && reason !== 'business_number_differs') return null;
  const db = await getDb();
  const [row] = await db
    .select({ taxNumber: clients.taxNumber, taxNumberMasked: clients.taxNumberMasked, businessNumber: clients.businessNumber })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
  if (!row) return null;
  if (reason === 'business_number_differs') return row.businessNumber;
  // A tax number leaves the server as its ending only, masked as XPM masks one: the page says "ending 999".
  const ending = taxNumberEnding(row.taxNumber ?? row.taxNumberMasked);
  return ending ? `*****${ending}` : null;
}

export async function getDeploymentView(member: Member, proposalId: string): Promise<DeploymentView | null> {
  const db = await getDb();
  const [proposal] = await db
    .select({ status: proposals.status })
    .from(proposals)
    .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, proposalId)));
  if (!proposal) return null;
  if (proposal.status !== 'accepted') return { kind: 'not_accepted' };
  const [row] = await db
    .select()
    .from(workflowDeployments)
    .where(and(eq(workflowDeployments.practiceId, member.practiceId), eq(workflowDeployments.proposalId, proposalId), eq(workflowDeployments.app, 'xpm')));
  if (!row) return { kind: 'not_deployed', xpmConnected: await xpmConnected(member.practiceId) };
  const steps = await db
    .select({ kind: workflowDeploymentSteps.kind, message: workflowDeploymentSteps.message, at: workflowDeploymentSteps.at })
    .from(workflowDeploymentSteps)
    .where(and(eq(workflowDeploymentSteps.practiceId, member.practiceId), eq(workflowDeploymentSteps.deploymentId, row.id)))
    .orderBy(asc(workflowDeploymentSteps.id));
  return {
    kind: 'deployment',
    id: row.id,
    status: row.status,
    steps,
    xpmClient: row.externalClientId ? { name: row.externalClientName ?? 'the XPM client', url: row.externalClientUrl } : null,
    job: row.externalJobNumber ? { number: row.externalJobNumber, url: row.externalJobUrl } : null,
    errorMessage: row.errorMessage,
    errorDetail: row.errorDetail,
    choiceReason: row.status === 'needs_choice' ? row.choiceReason : null,
    candidates: row.status === 'needs_choice' ? (row.candidates ?? []) : [],
    clientNumber: row.status === 'needs_choice' ? await differingClientNumber(member.practiceId, row.clientId, row.choiceReason) : null,
    updatedAt: row.updatedAt,
  };
}

async function xpmConnected(practiceId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.practiceId, practiceId), eq(connections.app, 'xpm'), eq(connections.status, 'connected')));
  return Boolean(row);
}

async function deploymentOf(member: Member, proposalId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: workflowDeployments.id, clientId: workflowDeployments.clientId, status: workflowDeployments.status })
    .from(workflowDeployments)
    .where(and(eq(workflowDeployments.practiceId, member.practiceId), eq(workflowDeployments.proposalId, proposalId), eq(workflowDeployments.app, 'xpm')));
  return row ?? null;
}

/** "Retry deployment" (authors and admins): a failed deployment goes again from its last completed step. */
export async function retryDeployment(member: Member, proposalId: string): Promise<void> {
  const deployment = await deploymentOf(member, proposalId);
  if (!deployment) throw new ActionError(PROPOSAL_NOT_FOUND, undefined, 'not_found');
  const db = await getDb();
  const queued = await db.transaction((tx) => requeueFailedDeployment(tx, memberActor(member), deployment.id));
  // Already queued or running (a double click, another member's retry): it goes once; say nothing more.
  if (queued) await enqueueDeployment({ practiceId: member.practiceId, clientId: deployment.clientId, deploymentId: deployment.id });
  else if (deployment.status === 'succeeded') throw new ActionError('This workflow is already deployed.');
}

/** "Deploy now" on an accepted proposal that was accepted while XPM was not connected. */
export async function deployNow(member: Member, proposalId: string): Promise<void> {
  const db = await getDb();
  const requested = await db.transaction(async (tx) => {
    const [proposal] = await tx
      .select({ status: proposals.status, clientId: proposals.clientId })
      .from(proposals)
      .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, proposalId)))
      .for('update');
    if (!proposal) throw new ActionError(PROPOSAL_NOT_FOUND, undefined, 'not_found');
    if (proposal.status !== 'accepted' || !proposal.clientId) throw new ActionError('Only an accepted proposal deploys its workflow.');
    const deployment = await requestDeployment(tx, memberActor(member), { id: proposalId, clientId: proposal.clientId });
    if (!deployment) throw new ActionError('Connect Xero Practice Manager on Integrations first: the workflow is deployed there.');
    return { ...deployment, clientId: proposal.clientId };
  });
  // An existing deployment is left as it is (it has its own Retry); a new one gets its job.
  if (requested.created) await enqueueDeployment({ practiceId: member.practiceId, clientId: requested.clientId, deploymentId: requested.id });
}

export const CHOICE_NOT_WAITING = 'This deployment is no longer waiting for a choice. Reload the page to see where it stands.';
export const CHOICE_NOT_OFFERED = 'Choose one of the XPM clients listed, or create a new client in XPM.';

/** Admins only (checked by the action and again here): which XPM client the proposal's client is. */
export async function chooseDeploymentXpmClient(member: Member, proposalId: string, choice: string): Promise<void> {
  if (member.role !== 'admin') throw new ActionError('Only a practice admin can choose which XPM client this is.', undefined, 'forbidden');
  const deployment = await deploymentOf(member, proposalId);
  if (!deployment) throw new ActionError(PROPOSAL_NOT_FOUND, undefined, 'not_found');
  const db = await getDb();
  const outcome = await db.transaction((tx) => chooseDeploymentClient(tx, memberActor(member), deployment.id, choice));
  if (outcome === 'not_waiting') throw new ActionError(CHOICE_NOT_WAITING);
  if (outcome === 'not_offered') throw new ActionError(CHOICE_NOT_OFFERED);
  await enqueueDeployment({ practiceId: member.practiceId, clientId: deployment.clientId, deploymentId: deployment.id });
}
