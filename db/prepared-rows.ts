import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type Database, isEmbedded, queryRows, TEXT_TYPES, type Transaction } from './open';
import { MAX_PREPARED_TEXTS } from './prepared-texts';
import { processWide } from '@/lib/providers/process-wide';

/**
 * Rows of a statement that PostgreSQL keeps prepared on each pooled connection, named by its
 * text: parsed once per connection and, after five runs, planned once — PostgreSQL then keeps
 * a generic plan when it costs no more than planning each run. For the few statement shapes
 * run on every keystroke (the client picker's search): planning was a third to half of the
 * database's CPU per search, and one search's planning alone about 0.5–1.4 ms.
 *
 * Anywhere else it is an ordinary query: on PGlite (whose worker names statements of its own:
 * queryRowsWithSettings' `prepare`), and inside a transaction (its connection is not the
 * pool's to name).
 * Only for statements whose text depends on code, never on input (input goes in parameters):
 * each distinct text is one more prepared statement on every connection. Past
 * MAX_PREPARED_TEXTS distinct texts in a process, new ones run unprepared, so a mistake there
 * costs speed, never memory.
 */
export async function queryRowsPrepared<T>(db: Database | Transaction, query: SQL): Promise<T[]> {
  const pool = poolOf(db);
  if (!pool) return queryRows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await pool.query({ name: statementName(text), text, values: params, types: KEEP_DATES_AS_TEXT });
  return result.rows as T[];
}

export { MAX_PREPARED_TEXTS } from './prepared-texts';

const dialect = new PgDialect({ casing: 'snake_case' });

/** The node-postgres pool behind a database (never a transaction, never PGlite), or null. */
function poolOf(db: Database | Transaction): pg.Pool | null {
  if (isEmbedded(db)) return null;
  const client = (db as { $client?: unknown }).$client;
  // A pool, recognised by shape rather than instanceof (Next may load pg once per bundle).
  const looksLikePool = typeof client === 'object' && client !== null && 'totalCount' in client && typeof (client as pg.Pool).query === 'function';
  return looksLikePool ? (client as pg.Pool) : null;
}

// Process-wide: Next may load this module twice, and the cap is on what connections hold.
const named = processWide('db.prepared-texts', () => new Map<string, string>());

/** A stable name per text (the same on every connection and in every module copy), or none past the cap. */
function statementName(text: string): string | undefined {
  const known = named.get(text);
  if (known || named.size >= MAX_PREPARED_TEXTS) return known;
  const name = `ps_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  named.set(text, name);
  return name;
}

/** As drizzle reads rows (db/open.ts TEXT_TYPES): dates and times stay text. */
const KEEP_DATES_AS_TEXT = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TEXT_TYPES.includes(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
