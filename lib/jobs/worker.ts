import 'server-only';
import { processWide } from '@/lib/providers/process-wide';
import { getJobQueue, stopJobQueue } from './process-queue';
import { runSchedulerTick, SYNC_TICK_JOB, SYNC_TICK_MINUTES } from './scheduler';
import { DEPLOY_JOB, deploymentHandler, type DeploymentJobData, resumeStrandedDeployments } from './deploy-jobs';
import { SYNC_RUN_JOB, type SyncRunJobData } from './sync-jobs';
import { createSyncRunHandler, resumeStrandedRuns, type SyncRunExecutor } from './sync-run-job';
import type { JobQueue } from './types';

/** Keeps the deployment's Gusto webhook subscription verified (one instance at a time: the job's key). */
export const GUSTO_WEBHOOKS_JOB = 'gusto-webhooks';

export interface WorkerOptions {
  /** The engine's `executeSyncRun`. */
  execute: SyncRunExecutor;
  /** Ensures the Gusto webhook subscription; absent when Gusto webhooks are not configured here. */
  ensureGustoWebhooks?: () => Promise<unknown>;
  /** Whether the subscription still needs ensuring (checked each tick, so a failed attempt is retried). */
  gustoWebhooksNeeded?: () => Promise<boolean>;
}

interface WorkerState {
  started: Promise<JobQueue> | null;
}

const state = () => processWide<WorkerState>('jobs.worker', () => ({ started: null }));

/**
 * Starts this process's worker once: registers the jobs, schedules the tick (pg-boss keeps
 * one schedule for all instances), re-enqueues runs whose job may have been lost, and asks
 * for the Gusto webhook subscription. Every instance runs one; they share the queue.
 */
export function startWorker(options: WorkerOptions): Promise<JobQueue> {
  const s = state();
  s.started ??= (async () => {
    const queue = await getJobQueue();
    await queue.register<SyncRunJobData>(SYNC_RUN_JOB, createSyncRunHandler(options.execute));
    await queue.register<DeploymentJobData>(DEPLOY_JOB, deploymentHandler);
    const ensure = options.ensureGustoWebhooks;
    if (ensure) {
      await queue.register(GUSTO_WEBHOOKS_JOB, async () => {
        try {
          await ensure();
        } catch (error) {
          // Gusto (or the sandbox) not reachable yet: the next tick asks again.
          console.error(`[jobs] Gusto webhook subscription not ready: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
      await queue.enqueue(GUSTO_WEBHOOKS_JOB, {}, { key: 'subscription' });
    }
    await queue.register(SYNC_TICK_JOB, async () => {
      await runSchedulerTick();
      // A run released by a stopping instance goes back to `queued` with no job behind it
      // (its job ended): any live instance takes it up within a tick, not at its next restart.
      await resumeStrandedRuns();
      await resumeStrandedDeployments();
      if (ensure && (await options.gustoWebhooksNeeded?.())) await queue.enqueue(GUSTO_WEBHOOKS_JOB, {}, { key: 'subscription' });
    });
    await queue.every(SYNC_TICK_JOB, SYNC_TICK_MINUTES);
    await resumeStrandedRuns();
    await resumeStrandedDeployments();
    return queue;
  })();
  s.started.catch(() => {
    s.started = null;
  });
  return s.started;
}

/** Stops taking work and waits (bounded) for running jobs to finish or release their batch. */
export async function stopWorker(timeoutMs?: number): Promise<void> {
  const s = state();
  const started = s.started;
  s.started = null;
  await started?.catch(() => undefined);
  await stopJobQueue(timeoutMs);
}
