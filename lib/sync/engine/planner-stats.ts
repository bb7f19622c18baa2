import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';
import { needsAnalyze } from '@/lib/integrations/search-index-upkeep';

/**
 * The tables a run joins to select its work, each with its fixed ANALYZE. PGlite has no
 * autovacuum: a link table never analysed is planned as empty, and joining 20,000 links to
 * the directory then takes seconds (a nested loop over a full scan) instead of milliseconds.
 * Autovacuum's own rule (50 rows + 10% changed) decides, comparing the planner's estimate
 * with the real row count, so a run re-analyses only after the tables really moved.
 */
const JOINED_TABLES = {
  client_links: sql`analyze client_links`,
  directory_records: sql`analyze directory_records`,
} as const;

export async function settlePlannerStats(db: Database): Promise<void> {
  for (const [table, analyze] of Object.entries(JOINED_TABLES)) {
    const [row] = await queryRows<{ estimate: number; actual: number }>(
      db,
      sql`select greatest(c.reltuples, 0)::float8 as estimate, (select count(*) from ${sql.identifier(table)})::float8 as actual
          from pg_class c where c.oid = ${table}::regclass`,
    );
    if (row && needsAnalyze(Math.abs(row.actual - row.estimate), row.estimate)) await db.execute(analyze);
  }
}
