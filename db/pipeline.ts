import { is, SQL } from 'drizzle-orm';
import { holdsOneClient } from './concurrently';
import type { Transaction } from './open';

/**
 * Sends statements of one transaction one after another without waiting for each answer, and
 * waits for them all: one round trip instead of one per statement. For writes whose results
 * nobody reads (a sync batch's).
 *
 * Why: a transaction holds PGlite's one connection (db/pglite-thread.ts) until it commits, and
 * each answer from the worker thread is a task on the app's event loop — which, while people
 * use the app, waits behind their requests' own work. A batch of a dozen statements awaited
 * one by one held the connection for a dozen event-loop turns, and every search waited with
 * it. Sent together, the worker runs them back to back.
 *
 * Order: the statements reach the driver in the order given (each driver runs a connection's
 * statements in the order they were sent: PGlite's query mutex, node-postgres's query queue),
 * so a later one sees an earlier one's writes. They are sent straight to the transaction's
 * client, not through drizzle's query path, whose asynchronous steps could reorder them.
 * After a failure the rest fail too (the transaction is aborted); all are awaited before the
 * first error is thrown, so the caller's rollback comes after them.
 *
 * On PostgreSQL the statements are awaited one by one: node-postgres sends a client's next
 * statement only when the one before is answered anyway, and pg 8 deprecates handing it a
 * statement while one is running (a DeprecationWarning in the log; pg 9 will refuse it).
 */
export type PipelinedStatement = SQL | { toSQL(): { sql: string; params: unknown[] } };

interface DriverClient {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

interface TransactionInternals {
  session: { client: DriverClient };
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
}

export async function pipeline(tx: Transaction, statements: readonly PipelinedStatement[]): Promise<void> {
  if (statements.length === 0) return;
  const { session, dialect } = tx as unknown as TransactionInternals;
  const queries = statements.map((statement) => (is(statement, SQL) ? dialect.sqlToQuery(statement) : statement.toSQL()));
  if (holdsOneClient(tx)) {
    for (const query of queries) await session.client.query(query.sql, query.params);
    return;
  }
  const results = await Promise.allSettled(queries.map((query) => session.client.query(query.sql, query.params)));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
