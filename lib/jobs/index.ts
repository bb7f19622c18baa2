import { createInProcessQueue } from './in-process-queue';
import { createPgBossQueue } from './pg-boss-queue';
import type { JobQueue } from './types';

export type { EnqueueOptions, JobContext, JobHandler, JobQueue } from './types';

/**
 * The queue for this process's database: pg-boss with PostgreSQL (shared by every
 * instance), in memory with the embedded database (one process). The server holds one
 * (process-queue.ts `getJobQueue`); the worker (worker.ts) registers the jobs on it when
 * instrumentation starts the server.
 */
export function createJobQueue(databaseUrl: string | undefined): Promise<JobQueue> {
  return databaseUrl ? createPgBossQueue({ connectionString: databaseUrl }) : Promise.resolve(createInProcessQueue());
}
