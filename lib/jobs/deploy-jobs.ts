import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { getDb } from '@/db';
import { workflowDeployments } from '@/db/schema';
import { STALE_DEPLOYMENT_MS } from '@/lib/commands/deployments';
import { practiceXpmClient } from '@/lib/integrations/grant-clients';
import { executeDeployment, strandedDeployments } from '@/lib/sync/deploy/run-deployment';
import { getJobQueue } from './process-queue';
import type { JobHandler } from './types';

/**
 * Workflow deployments as jobs (issue 11): accepting a proposal, "Retry deployment", "Deploy
 * now" and an admin's choice commit the deployment as `queued`, then enqueue `workflow-deploy`.
 * The key is the client, not the proposal: two proposals of one client accepted at once must
 * not both find "no XPM client" and create two — the second waits, then finds the link.
 */
export interface DeploymentJobData {
  practiceId: string;
  clientId: string;
  deploymentId: string;
}

export const DEPLOY_JOB = 'workflow-deploy';

export function deployJobKey(practiceId: string, clientId: string): string {
  return `${practiceId}:${clientId}`;
}

/** Never throws: a deployment committed as queued whose job could not be enqueued is picked up by the next tick. */
export async function enqueueDeployment(data: DeploymentJobData): Promise<boolean> {
  try {
    const queue = await getJobQueue();
    return (await queue.enqueue<DeploymentJobData>(DEPLOY_JOB, data, { key: deployJobKey(data.practiceId, data.clientId) })).queued;
  } catch (error) {
    console.error(`[jobs] could not enqueue deployment ${data.deploymentId}; the next scheduler tick enqueues it again:`, error instanceof Error ? error.message : error);
    return false;
  }
}

export const deploymentHandler: JobHandler<DeploymentJobData> = async (data, { signal }) => {
  const db = await getDb();
  try {
    await executeDeployment(db, data.deploymentId, { xpmFor: practiceXpmClient }, signal);
  } finally {
    // Another deployment for the same client, refused by the key while this one ran, goes next.
    if (!signal.aborted) {
      const [next] = await db
        .select({ id: workflowDeployments.id })
        .from(workflowDeployments)
        .where(
          and(
            eq(workflowDeployments.practiceId, data.practiceId),
            eq(workflowDeployments.clientId, data.clientId),
            eq(workflowDeployments.status, 'queued'),
            ne(workflowDeployments.id, data.deploymentId),
          ),
        )
        .limit(1);
      if (next) await enqueueDeployment({ ...data, deploymentId: next.id });
    }
  }
};

/** Every queued deployment, and every running one whose worker went quiet, gets a job again. */
export async function resumeStrandedDeployments(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  let enqueued = 0;
  for (const d of await strandedDeployments(db, now, STALE_DEPLOYMENT_MS)) {
    if (await enqueueDeployment({ practiceId: d.practiceId, clientId: d.clientId, deploymentId: d.id })) enqueued += 1;
  }
  return enqueued;
}
