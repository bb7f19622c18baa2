import { closeDb, getOpenDatabase } from './db';
import { env } from './lib/env';
import { installLogRedaction } from './lib/log-safe-error';

/**
 * A bad environment ends the server as it starts, naming every variable that is wrong, rather
 * than failing the first request (next.config.mjs validates at build and in `next dev`).
 */
export function validateEnvironmentAtStart(exit: (code: number) => void = (code) => process.exit(code)): boolean {
  try {
    env();
    return true;
  } catch (error) {
    console.error(`[env] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    exit(1);
    return false;
  }
}

/** A failed query's parameters (search text, ids) never reach the log, whoever logs it. */
export function registerLogRedaction() {
  installLogRedaction();
}

/**
 * Opens (and, on PGlite, locks) the database as the server starts. Opened lazily instead, a
 * second `next start` on the same data directory came up, answered every page with a 500
 * and never said why. Now it prints the reason — naming the process that holds the lock —
 * and exits, so a supervisor or the person starting it sees the failure at once.
 */
export async function openDatabaseAtStart(exit: (code: number) => void = (code) => process.exit(code)): Promise<void> {
  try {
    const open = await getOpenDatabase();
    console.log(`[db] ${open.kind === 'pglite' ? 'embedded database (PGlite)' : 'PostgreSQL'} open and migrated`);
  } catch (error) {
    console.error(`[db] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    exit(1);
  }
}

/**
 * `npm start` sets NEXT_MANUAL_SIG_HANDLE=true so Next does not exit on SIGTERM/SIGINT
 * before the database is closed: PGlite must flush and its lock file must go, or the next
 * start finds a stale lock and possibly a damaged directory.
 */
export function registerShutdown() {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    // The queue first: running jobs see their signal abort and commit or roll back their
    // batch while the database is still open; only then does the database close.
    stopJobsAtShutdown()
      .catch((error) => console.error(`[shutdown] stopping the job queue after ${signal} failed`, error))
      .then(() => closeDb())
      .catch((error) => console.error(`[shutdown] closing the database after ${signal} failed`, error))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** How long SIGTERM waits for running jobs; a supervisor's own grace period is usually 30 s. */
const JOB_STOP_TIMEOUT_MS = 20_000;

async function stopJobsAtShutdown(): Promise<void> {
  // The queue itself (not the worker module): nothing to import that a bare process lacks.
  const { stopJobQueue } = await import('./lib/jobs/process-queue');
  await stopJobQueue(JOB_STOP_TIMEOUT_MS);
}

/**
 * Starts this instance's job worker once the database is open: sync runs, the scheduler tick
 * and the Gusto webhook subscription (when APP_URL says where Gusto can reach us). A failure
 * is logged, not fatal: pages still serve, and queued runs wait for the next start.
 */
export async function startJobsAtStart(): Promise<void> {
  try {
    const [{ startWorker }, { executeSyncRun }, { gustoWebhooksConfigured, ensureGustoWebhookSubscription, gustoWebhookSubscriptionNeeded }] = await Promise.all([
      import('./lib/jobs/worker'),
      import('./lib/sync/engine'),
      import('./lib/integrations/gusto-webhook-subscription'),
    ]);
    const queue = await startWorker({
      execute: executeSyncRun,
      ensureGustoWebhooks: gustoWebhooksConfigured() ? () => ensureGustoWebhookSubscription() : undefined,
      gustoWebhooksNeeded: () => gustoWebhookSubscriptionNeeded(),
    });
    console.log(`[jobs] worker started (${queue.kind === 'pg-boss' ? 'pg-boss on PostgreSQL, shared by every instance' : 'in-process queue'})`);
  } catch (error) {
    console.error(`[jobs] the worker did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
