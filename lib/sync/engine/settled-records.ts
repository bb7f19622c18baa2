import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';

/**
 * The records a run already settled: applied or sent with a change (a change row), failed
 * (an error row) or left alone (a skip row). A run restarted from its first record (widened
 * while it waited, lib/commands/sync-runs.ts coalesceInto) leaves them out, so that none is
 * applied, sent, failed or skipped twice in one run — a record changed again since waits for
 * the next run, which finds it out of step by its hash.
 *
 * Read once, as ids (a run's own rows, by the run_id indexes), rather than as a correlated
 * check per directory record: a first sync's directory can hold tens of thousands.
 */
export async function settledRecords(db: Database, runId: string): Promise<Set<string>> {
  const rows = await queryRows<{ external_id: string }>(
    db,
    sql`select external_id from sync_run_changes where run_id = ${runId}
        union select external_id from sync_run_errors where run_id = ${runId} and external_id is not null
        union select external_id from sync_run_skips where run_id = ${runId}`,
  );
  return new Set(rows.map((r) => r.external_id));
}

/**
 * Whether a claimed run starts again from its first record after applying some: it has
 * applied records (processed) but no cursor any more — a request that widened it cleared it.
 * A run stopped before its first batch has processed nothing and simply starts; one resumed
 * with its cursor continues after it.
 */
export function restartsAfterApplying(run: { cursor: string | null; processed: number }, resumed: boolean): boolean {
  return resumed && run.cursor === null && run.processed > 0;
}
