import type { Database } from './open';

/**
 * How many requests are using the database right now, as far as this process can tell — so
 * background work (a sync run between its batches) can wait for a quiet moment and let
 * people's requests go first (lib/sync/engine/make-way.ts).
 *
 * - PGlite in its worker thread (db/pglite-thread.ts): statements in flight and transactions
 *   open on its one connection.
 * - PostgreSQL: connections checked out of the pool plus requests waiting for one — anyone's,
 *   another run's and background jobs' included, so two runs applying while people use the app
 *   wait for each other too (each at most the pace's maxWaitMs per batch).
 * - PGlite on the caller's own thread (tests, scripts): 0 — nothing else can be running.
 */
export function databaseBusy(db: Database): number {
  const client = (db as { $client?: unknown }).$client as Partial<ThreadedClient & PoolCounts> | undefined;
  if (!client) return 0;
  if (typeof client.busy === 'function') return client.busy();
  if (typeof client.totalCount === 'number' && typeof client.idleCount === 'number') {
    return client.totalCount - client.idleCount + (client.waitingCount ?? 0);
  }
  return 0;
}

interface ThreadedClient {
  busy(): number;
}

/** node-postgres Pool's own counters. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * PGlite running on the caller's own thread (tests, scripts; the app runs it in a worker):
 * there a statement holds the event loop, so long work yields between statements.
 */
export function runsOnCallerThread(db: Database): boolean {
  const client = (db as { $client?: unknown }).$client as Partial<ThreadedClient> | undefined;
  return typeof client === 'object' && client !== null && 'waitReady' in client && typeof client.busy !== 'function';
}
