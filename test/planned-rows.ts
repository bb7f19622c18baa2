import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';

/**
 * How many rows the planner expects `query` to return (EXPLAIN's top line, nothing run): a
 * table whose statistics predate a bulk write is planned as it was then.
 */
export async function plannedRows(db: Database, query: SQL): Promise<number> {
  const lines = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${query}`);
  const rows = /rows=(\d+)/.exec(lines[0]!['QUERY PLAN'])?.[1];
  if (rows === undefined) throw new Error(`no row estimate in ${lines[0]!['QUERY PLAN']}`);
  return Number(rows);
}
