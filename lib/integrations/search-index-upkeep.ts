import 'server-only';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';

/** The tables the client picker searches, each with its (fixed, never user-supplied) ANALYZE. */
const SEARCHED_TABLES = {
  directory_records: sql`analyze directory_records`,
  clients: sql`analyze clients`,
} as const;
export type SearchedTable = keyof typeof SEARCHED_TABLES;

/**
 * PostgreSQL's autovacuum re-analyses a table once more than 50 rows + 10% of it changed
 * since the last ANALYZE; the same rule decides here. A table never analysed counts as empty.
 */
export function needsAnalyze(changedRows: number, estimatedRows: number): boolean {
  return changedRows > 50 + 0.1 * Math.max(estimatedRows, 0);
}

/**
 * After a bulk write, settle the picker's tables at once instead of waiting for autovacuum:
 * until a table is analysed, the planner plans 100,000 directory records as if they were a
 * handful, and searches take hundreds of milliseconds instead of a few (npm run bench,
 * "before index upkeep": p95 over 300 ms on PostgreSQL, over 500 ms on PGlite). PostgreSQL's
 * autovacuum would catch up within a minute or so; PGlite has no autovacuum at all. New
 * trigram entries also wait in a GIN "pending list" that every search scans in full until
 * it is merged, so that is merged here too.
 *
 * `written` is how many rows of each table the caller just wrote. Returns the tables settled.
 */
export async function settleSearchIndexes(db: Database, written: Partial<Record<SearchedTable, number>>): Promise<SearchedTable[]> {
  const settled: SearchedTable[] = [];
  for (const table of Object.keys(SEARCHED_TABLES) as SearchedTable[]) {
    const changed = written[table] ?? 0;
    if (changed === 0) continue;
    const [estimate] = await queryRows<{ rows: number }>(db, sql`select reltuples::float8 as rows from pg_class where oid = ${table}::regclass`);
    if (!needsAnalyze(changed, estimate?.rows ?? 0)) continue;
    const ginIndexes = await queryRows<{ index: string }>(
      db,
      sql`select i.indexrelid::regclass::text as index from pg_index i
        join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
        where i.indrelid = ${table}::regclass and am.amname = 'gin'`,
    );
    for (const { index } of ginIndexes) await db.execute(sql`select gin_clean_pending_list(${index}::regclass)`);
    await db.execute(SEARCHED_TABLES[table]);
    settled.push(table);
  }
  return settled;
}
