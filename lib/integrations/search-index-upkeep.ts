import { sql } from 'drizzle-orm';
import { type Database, isEmbedded, queryRows } from '@/db';

/** The tables the client picker searches, each with its (fixed, never user-supplied) ANALYZE. */
const SEARCHED_TABLES = {
  directory_records: sql`analyze directory_records`,
  clients: sql`analyze clients`,
} as const;
type SearchedTable = keyof typeof SEARCHED_TABLES;

/**
 * PostgreSQL's autovacuum re-analyses a table once more than 50 rows + 10% of it changed
 * since the last ANALYZE; the same rule decides here.
 */
export function needsAnalyze(changedSinceAnalyze: number, estimatedRows: number): boolean {
  return changedSinceAnalyze > 50 + 0.1 * Math.max(estimatedRows, 0);
}

interface TableActivity {
  table: SearchedTable;
  changed: number;
  rows: number;
}

/**
 * PGlite has no autovacuum, and the picker's speed depends on it: with 100,000 directory
 * records and no statistics the planner picks plans a hundred times slower (npm run bench:
 * p95 over 500 ms), and the trigram indexes' GIN "pending list" of new entries, scanned in
 * full by every search, costs a further few milliseconds. So after a directory refresh
 * this does autovacuum's work for the searched tables: where enough changed, merge the
 * pending lists and ANALYZE. On PostgreSQL autovacuum does it, and this does nothing.
 * Returns the tables it settled.
 */
export async function settleSearchIndexes(db: Database): Promise<SearchedTable[]> {
  if (!isEmbedded(db)) return [];
  // Row counters reach pg_stat_user_tables only when flushed; PGlite never idles to do it.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const activity = await queryRows<TableActivity>(
    db,
    sql`select s.relname as "table", s.n_mod_since_analyze::int as changed, c.reltuples::float8 as rows
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.relname in (${sql.join(Object.keys(SEARCHED_TABLES).map((t) => sql`${t}`), sql`, `)})`,
  );
  const settled: SearchedTable[] = [];
  for (const { table, changed, rows } of activity) {
    if (!needsAnalyze(changed, rows)) continue;
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
  return settled.sort();
}
