import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';
import { needsAnalyze } from '@/lib/integrations/search-index-upkeep';

/**
 * The tables a run joins to select and apply its work, each with its fixed ANALYZE. PGlite has no
 * autovacuum: a link table never analysed is planned as empty, and joining 20,000 links to
 * the directory then takes seconds (a nested loop over a full scan) instead of milliseconds.
 * Autovacuum's own rule (50 rows + 10% changed) decides, comparing the planner's estimate
 * with the real row count, so a run re-analyses only after the tables really moved.
 */
const JOINED_TABLES = {
  client_links: sql`analyze client_links`,
  directory_records: sql`analyze directory_records`,
  // Planned as a dozen rows, a batch's `update clients … from jsonb_to_recordset` hashed
  // every client of the practice instead of looking 250 up by id.
  clients: sql`analyze clients`,
  client_contacts: sql`analyze client_contacts`,
} as const;

type JoinedTable = keyof typeof JOINED_TABLES;

/**
 * Analyses each of `tables` (all four by default) whose row count moved past autovacuum's rule
 * since its last ANALYZE. A write outside a run that links many clients at once (confirming
 * suggested matches in bulk) settles only `client_links`, the one table it grew: there is no
 * need to count 100,000 directory records again.
 */
export async function settlePlannerStats(db: Database, tables: readonly JoinedTable[] = Object.keys(JOINED_TABLES) as JoinedTable[]): Promise<void> {
  for (const table of tables) {
    const analyze = JOINED_TABLES[table];
    const [row] = await queryRows<{ estimate: number; actual: number }>(
      db,
      sql`select greatest(c.reltuples, 0)::float8 as estimate, (select count(*) from ${sql.identifier(table)})::float8 as actual
          from pg_class c where c.oid = ${table}::regclass`,
    );
    if (row && needsAnalyze(Math.abs(row.actual - row.estimate), row.estimate)) await db.execute(analyze);
  }
}
