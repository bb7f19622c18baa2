/** Runs once when the server starts; the Node-only part lives in instrumentation-node.ts. */
export async function register() {
  // `next build` may load instrumentation too; the database is never opened there.
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { openDatabaseAtStart, registerLogRedaction, registerShutdown, startJobsAtStart, validateEnvironmentAtStart } = await import('./instrumentation-node');
    if (!validateEnvironmentAtStart()) return;
    // Its own import: it brings the client search (the DAL, server-only), which the plain-Node
    // scripts and tests that import instrumentation-node for its shutdown must not load.
    const { registerRequestHooks } = await import('./lib/http/request-hooks');
    registerRequestHooks();
    registerLogRedaction();
    registerShutdown();
    // Not awaited: the lock is taken synchronously as the open begins, so a held data
    // directory still ends the process at once, while opening and migrating do not delay
    // the first page (cold start); requests that need the database await the same open.
    // The worker starts once the database is open (and migrated): its first act is a query.
    void openDatabaseAtStart().then(() => startJobsAtStart());
  }
}
