import { createInProcessQueue } from './in-process-queue';
import { createPgBossQueue } from './pg-boss-queue';
import type { JobQueue } from './types';

export type { EnqueueOptions, JobContext, JobHandler, JobQueue } from './types';

/**
 * The queue for this process's database: pg-boss with PostgreSQL (shared by every
 * instance), in memory with the embedded database (one process). Not yet started by the
 * server: the sync engine (issue 10) registers its jobs and starts it from instrumentation.
 */
export function createJobQueue(databaseUrl: string | undefined): Promise<JobQueue> {
  return databaseUrl ? createPgBossQueue({ connectionString: databaseUrl }) : Promise.resolve(createInProcessQueue());
}
