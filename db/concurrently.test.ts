import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, openPglite, queryRows } from '@/db/open';
import { testDatabases } from '@/test/databases';
import { concurrently, holdsOneClient } from './concurrently';

/**
 * Independent queries inside a transaction: answers in the order asked, on every database the
 * app runs on; in turn only where one node-postgres client holds the transaction.
 * (test/fail-on-queued-queries.ts fails this file if node-postgres is handed two at once.)
 */
const targets = [{ name: 'pglite (worker thread, as the app runs it)', open: () => openPglite(null, { thread: true }) }, ...testDatabases()];

describe.each(targets)('concurrently on $name', ({ name, open }) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  test('answers come back in the order of the queries, inside a transaction and outside', async () => {
    const ask = (db: Parameters<typeof concurrently>[0]) =>
      concurrently(db, [
        () => queryRows<{ n: number }>(db, sql`select 1 as n, pg_sleep(0.02)`),
        () => queryRows<{ word: string }>(db, sql`select 'two' as word`),
        () => queryRows<{ n: number }>(db, sql`select 3 as n`),
      ]);
    const inTransaction = await database.db.transaction((tx) => ask(tx));
    const outside = await ask(database.db);
    for (const [first, second, third] of [inTransaction, outside]) {
      expect(first[0]?.n).toBe(1);
      expect(second).toEqual([{ word: 'two' }]);
      expect(third).toEqual([{ n: 3 }]);
    }
  });

  test('one client holds the transaction only on PostgreSQL', async () => {
    expect(holdsOneClient(database.db)).toBe(false);
    const inTransaction = await database.db.transaction(async (tx) => holdsOneClient(tx));
    expect(inTransaction).toBe(name === 'postgres');
  });
});
