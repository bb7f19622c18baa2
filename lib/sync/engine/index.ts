/**
 * The sync engine (docs/sync-engine.md): no React, no Next. Jobs call `executeSyncRun`;
 * "Retry failed records" asks for a run with `failedExternalIds` of the run it retries.
 */
export { executeSyncRun, type ExecuteOptions, type ExecuteResult } from './execute';
export { failedExternalIds } from './run-errors';
