import { sql } from 'drizzle-orm';
import { type Database, isEmbedded, queryRows } from '@/db';
import { needsAnalyze } from '@/lib/integrations/search-index-upkeep';

/**
 * The tables a run rewrites that the picker's search reads, each with its fixed VACUUM.
 * PGlite has no autovacuum: every row version a run replaces stays behind, in the heap and in
 * the trigram and btree indexes, and every search visits the dead ones it finds — run after
 * run. Measured: 5,000 clients applied in 25-record batches, sequential picker searches
 * in-process p50 7.4 ms, 5.4 ms after `VACUUM clients` (cleaning the GIN pending lists alone:
 * 7.8 ms). PostgreSQL's autovacuum does this itself.
 */
const REWRITTEN_TABLES = [
  // Analysed just before, by settleSearchIndexes (the picker searches clients' names).
  { table: 'clients', vacuum: sql`vacuum clients` },
  // Analysed here: VACUUM alone brings the row count the planner reads in step with the table,
  // so settlePlannerStats (./planner-stats.ts) then saw nothing to do, and the links a run made
  // were never analysed. The picker's search joins them: with 20,000 links planned from no
  // statistics a search took 70–130 ms instead of 9–14 ms.
  { table: 'client_links', vacuum: sql`vacuum (analyze) client_links` },
] as const;

/**
 * After a run on PGlite that rewrote `rewritten` rows of each table, vacuums those where that
 * is a good part of the table (autovacuum's own rule: more than 50 rows + 10%). Returns the
 * tables vacuumed.
 */
export async function vacuumAfterRun(db: Database, rewritten: number): Promise<string[]> {
  if (!isEmbedded(db) || rewritten <= 0) return [];
  const vacuumed: string[] = [];
  for (const { table, vacuum } of REWRITTEN_TABLES) {
    const [estimate] = await queryRows<{ rows: number }>(db, sql`select reltuples::float8 as rows from pg_class where oid = ${table}::regclass`);
    if (!needsAnalyze(rewritten, estimate?.rows ?? 0)) continue;
    await db.execute(vacuum);
    vacuumed.push(table);
  }
  return vacuumed;
}
