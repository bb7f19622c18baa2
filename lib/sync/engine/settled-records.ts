import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';

/**
 * The records a run already settled: applied or sent with a change (a change row), failed
 * (an error row) or left alone (a skip row). A run resumed after applying some leaves them out
 * (it may have been widened while it waited, lib/commands/sync-runs.ts coalesceInto, and
 * start again from its first record), so that none is applied, sent, failed or skipped twice
 * in one run — a record changed again since waits for the next run, which finds it out of
 * step by its hash.
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
 * Whether a claimed run leaves out what it already settled: it was resumed after applying
 * some records. Widened while it waited, it has no cursor and starts again from its first
 * record; and once it has applied a batch of that restart it has a cursor again, which does
 * not cover what it settled before the widening — so the cursor cannot decide it. For a run
 * never widened the set adds nothing the cursor does not already leave out. A run stopped
 * before its first batch has processed nothing and simply starts.
 */
export function resumedAfterApplying(run: { processed: number }, resumed: boolean): boolean {
  return resumed && run.processed > 0;
}
