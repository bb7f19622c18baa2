import { closeDb } from './db';
import { installLogRedaction } from './lib/log-safe-error';

/** A failed query's parameters (search text, ids) never reach the log, whoever logs it. */
export function registerLogRedaction() {
  installLogRedaction();
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
    closeDb()
      .catch((error) => console.error(`[shutdown] closing the database after ${signal} failed`, error))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
