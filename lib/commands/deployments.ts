import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db';
import { clients, connections, workflowDeployments, workflowDeploymentSteps, type DeploymentCandidate, type DeploymentChoiceReason } from '@/db/schema';
import type { Actor } from './actor';

/**
 * The bookkeeping of workflow deployments (db/schema/deployments.ts; the steps themselves
 * are lib/sync/deploy/run-deployment.ts). Each command takes the transaction it is part of:
 * a step's outcome (a link, a job number) commits with its step row or not at all.
 */

/** A running deployment whose heartbeat is older than this has lost its worker. */
export const STALE_DEPLOYMENT_MS = 2 * 60_000;

export type DeploymentStepKind = (typeof workflowDeploymentSteps.$inferInsert)['kind'];

/**
 * Asks for the deployment of an accepted proposal to XPM, if XPM is connected. Idempotent:
 * one row per (proposal, app), so a second acceptance, a retried request or two instances
 * at once find the first. Returns the deployment to enqueue, or null when XPM is not
 * connected (the proposal says so, and "Deploy now" appears once it is).
 */
export async function requestDeployment(tx: Transaction, actor: Actor, proposal: { id: string; clientId: string }): Promise<{ id: string; created: boolean } | null> {
  const [xpm] = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.practiceId, actor.practiceId), eq(connections.app, 'xpm'), eq(connections.status, 'connected')));
  if (!xpm) return null;
  const inserted = await tx
    .insert(workflowDeployments)
    .values({ practiceId: actor.practiceId, proposalId: proposal.id, clientId: proposal.clientId, app: 'xpm', requestedByUserId: actor.memberId })
    .onConflictDoNothing()
    .returning({ id: workflowDeployments.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await tx
    .select({ id: workflowDeployments.id })
    .from(workflowDeployments)
    .where(and(eq(workflowDeployments.practiceId, actor.practiceId), eq(workflowDeployments.proposalId, proposal.id), eq(workflowDeployments.app, 'xpm')));
  return existing ? { id: existing.id, created: false } : null;
}

/**
 * failed → queued ("Retry deployment"). A deployment that is queued, running or done is left
 * as it is (a double click or a retry racing the worker changes nothing); returns whether
 * this call queued it.
 */
export async function requeueFailedDeployment(tx: Transaction, actor: Actor, deploymentId: string): Promise<boolean> {
  const updated = await tx
    .update(workflowDeployments)
    .set({ status: 'queued', errorMessage: null, errorDetail: null, requestedByUserId: actor.memberId, updatedAt: new Date() })
    .where(and(eq(workflowDeployments.practiceId, actor.practiceId), eq(workflowDeployments.id, deploymentId), eq(workflowDeployments.status, 'failed')))
    .returning({ id: workflowDeployments.id });
  return updated.length > 0;
}

/**
 * An admin's answer to "Choose which XPM client this is": one of the offered candidates
 * that is not linked elsewhere, or `create` for a new XPM client. Only a deployment that
 * is waiting for the choice takes it.
 */
export async function chooseDeploymentClient(tx: Transaction, actor: Actor, deploymentId: string, choice: string): Promise<'queued' | 'not_waiting' | 'not_offered'> {
  const [row] = await tx
    .select({ status: workflowDeployments.status, candidates: workflowDeployments.candidates })
    .from(workflowDeployments)
    .where(and(eq(workflowDeployments.practiceId, actor.practiceId), eq(workflowDeployments.id, deploymentId)))
    .for('update');
  if (!row || row.status !== 'needs_choice') return 'not_waiting';
  if (choice !== 'create' && !(row.candidates ?? []).some((c) => c.uuid === choice && c.linkedClientName === null)) return 'not_offered';
  await tx
    .update(workflowDeployments)
    .set({ status: 'queued', chosenExternalId: choice, requestedByUserId: actor.memberId, updatedAt: new Date() })
    .where(and(eq(workflowDeployments.practiceId, actor.practiceId), eq(workflowDeployments.id, deploymentId)));
  return 'queued';
}

export interface ClaimedDeployment {
  id: string;
  practiceId: string;
  proposalId: string;
  clientId: string;
  externalClientId: string | null;
  externalClientName: string | null;
  chosenExternalId: string | null;
  externalJobNumber: string | null;
}

/**
 * queued → running for one worker; a `running` one with a stale heartbeat lost its worker
 * and is taken over (it continues after its last recorded step). Anything else: null.
 *
 * One client's deployments run one at a time, whichever instance works them: two proposals
 * of a client accepted together must not both find "no XPM client" and create two. The
 * client's row lock orders the claims; the second sees the first running and waits (its job
 * is enqueued again when the first ends, or by the next tick).
 */
export async function claimDeployment(tx: Transaction, deploymentId: string, now: Date, staleMs = STALE_DEPLOYMENT_MS): Promise<ClaimedDeployment | null> {
  const [target] = await tx
    .select({ practiceId: workflowDeployments.practiceId, clientId: workflowDeployments.clientId })
    .from(workflowDeployments)
    .where(eq(workflowDeployments.id, deploymentId));
  if (!target) return null;
  await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.practiceId, target.practiceId), eq(clients.id, target.clientId)))
    .for('update');
  const staleBefore = new Date(now.getTime() - staleMs).toISOString();
  const live = (alias: string) => sql.raw(`coalesce(${alias}.heartbeat_at, ${alias}.created_at)`);
  const [claimed] = await tx
    .update(workflowDeployments)
    .set({ status: 'running', heartbeatAt: now, attempts: sql`${workflowDeployments.attempts} + 1`, updatedAt: now })
    .where(
      and(
        eq(workflowDeployments.id, deploymentId),
        sql`(${workflowDeployments.status} = 'queued' or (${workflowDeployments.status} = 'running' and ${live('workflow_deployments')} < ${staleBefore}))`,
        sql`not exists (select 1 from workflow_deployments other
                        where other.practice_id = ${target.practiceId} and other.client_id = ${target.clientId}
                          and other.id <> ${deploymentId} and other.status = 'running' and ${live('other')} >= ${staleBefore})`,
      ),
    )
    .returning({
      id: workflowDeployments.id,
      practiceId: workflowDeployments.practiceId,
      proposalId: workflowDeployments.proposalId,
      clientId: workflowDeployments.clientId,
      externalClientId: workflowDeployments.externalClientId,
      externalClientName: workflowDeployments.externalClientName,
      chosenExternalId: workflowDeployments.chosenExternalId,
      externalJobNumber: workflowDeployments.externalJobNumber,
    });
  return claimed ?? null;
}

export async function recordDeploymentStep(
  tx: Transaction,
  deployment: { id: string; practiceId: string },
  kind: DeploymentStepKind,
  message: string,
  detail?: string,
): Promise<void> {
  await tx.insert(workflowDeploymentSteps).values({ practiceId: deployment.practiceId, deploymentId: deployment.id, kind, message, detail: detail ?? null });
  await tx
    .update(workflowDeployments)
    .set({ heartbeatAt: new Date(), updatedAt: new Date() })
    .where(and(eq(workflowDeployments.practiceId, deployment.practiceId), eq(workflowDeployments.id, deployment.id)));
}

/** The XPM client is settled (matched, chosen or created): later steps and retries start from it. */
export async function recordDeploymentClient(
  tx: Transaction,
  deployment: { id: string; practiceId: string },
  client: { uuid: string; name: string; webUrl: string | null },
): Promise<void> {
  await tx
    .update(workflowDeployments)
    .set({ externalClientId: client.uuid, externalClientName: client.name, externalClientUrl: client.webUrl, candidates: null, choiceReason: null, updatedAt: new Date() })
    .where(and(eq(workflowDeployments.practiceId, deployment.practiceId), eq(workflowDeployments.id, deployment.id)));
}

export async function finishDeployment(
  tx: Transaction,
  deployment: { id: string; practiceId: string },
  job: { number: string; uuid: string | null; webUrl: string | null },
): Promise<void> {
  const now = new Date();
  await tx
    .update(workflowDeployments)
    .set({
      status: 'succeeded',
      externalJobNumber: job.number,
      externalJobId: job.uuid,
      externalJobUrl: job.webUrl,
      errorMessage: null,
      errorDetail: null,
      finishedAt: now,
      updatedAt: now,
    })
    .where(and(eq(workflowDeployments.practiceId, deployment.practiceId), eq(workflowDeployments.id, deployment.id)));
}

export async function waitForDeploymentChoice(
  tx: Transaction,
  deployment: { id: string; practiceId: string },
  reason: DeploymentChoiceReason,
  candidates: DeploymentCandidate[],
): Promise<void> {
  await tx
    .update(workflowDeployments)
    .set({ status: 'needs_choice', choiceReason: reason, candidates, chosenExternalId: null, updatedAt: new Date() })
    .where(and(eq(workflowDeployments.practiceId, deployment.practiceId), eq(workflowDeployments.id, deployment.id)));
}

export async function failDeployment(tx: Transaction, deployment: { id: string; practiceId: string }, message: string, detail: string): Promise<void> {
  const now = new Date();
  await tx
    .update(workflowDeployments)
    .set({ status: 'failed', errorMessage: message, errorDetail: detail, finishedAt: now, updatedAt: now })
    .where(and(eq(workflowDeployments.practiceId, deployment.practiceId), eq(workflowDeployments.id, deployment.id)));
}

/** A worker stopping mid-step gives the deployment back, to be taken up again from its last step. */
export async function releaseDeployment(tx: Transaction, deployment: { id: string; practiceId: string }): Promise<void> {
  await tx
    .update(workflowDeployments)
    .set({ status: 'queued', heartbeatAt: null, updatedAt: new Date() })
    .where(and(eq(workflowDeployments.practiceId, deployment.practiceId), eq(workflowDeployments.id, deployment.id), eq(workflowDeployments.status, 'running')));
}
