import type { Database, Transaction } from './open';

/**
 * Runs queries that do not depend on each other, as fast as the database allows.
 *
 * PGlite in its worker thread: all at once, so the worker runs them back to back and the
 * answers come in one turn of the event loop. PostgreSQL outside a transaction: all at once
 * too, each on its own pooled connection. A PostgreSQL transaction holds one node-postgres
 * client, which answers one statement at a time anyway; handing it one while another runs is
 * deprecated in pg 8 (a warning) and refused in pg 9, so there they run in turn.
 * (test/fail-on-queued-queries.ts fails any test that hands one over.)
 */
export async function concurrently<T extends readonly unknown[]>(db: Database | Transaction, queries: { readonly [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!holdsOneClient(db)) return (await Promise.all(queries.map((query) => query()))) as unknown as T;
  const results: unknown[] = [];
  for (const query of queries) results.push(await query());
  return results as unknown as T;
}

/** A PostgreSQL transaction: its session's client is a checked-out pool client (only those have `release`). */
export function holdsOneClient(db: Database | Transaction): boolean {
  const client = (db as unknown as { session?: { client?: { release?: unknown } } }).session?.client;
  return typeof client?.release === 'function';
}
