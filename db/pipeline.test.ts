import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, openPglite } from '@/db/open';
import { testDatabases } from '@/test/databases';
import { queryRows } from './open';
import { pipeline } from './pipeline';

/**
 * A sync batch sends its writes together (lib/sync/engine/apply-batch.ts): they must run in
 * the order given — a batch deletes a client's contacts before inserting the new ones — and a
 * failure must fail the transaction with the failing statement's own error. On every database
 * the app runs on: PGlite in its worker thread, on the caller's thread, and PostgreSQL.
 */
const targets = [{ name: 'pglite (worker thread, as the app runs it)', open: () => openPglite(null, { thread: true }) }, ...testDatabases()];

describe.each(targets)('pipeline on $name', ({ open }) => {
  let database: OpenDatabase;
  // Warnings of every test here: a deprecation is reported once per process, at its first use.
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  beforeAll(async () => {
    process.on('warning', onWarning);
    database = await open();
    await database.db.execute(sql`create table pipeline_probe (k int primary key, v text not null)`);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await database?.close();
  });

  test('statements run in the order given, each seeing the writes before it', async () => {
    await database.db.transaction(async (tx) => {
      const statements = [sql`insert into pipeline_probe values (1, 'a')`];
      // Each statement depends on the one before: out of order, one fails or the value differs.
      for (let i = 0; i < 20; i++) {
        statements.push(sql`delete from pipeline_probe where k = 1`);
        statements.push(sql`insert into pipeline_probe values (1, ${`step ${i}`})`);
        statements.push(sql`update pipeline_probe set v = v || '!' where k = 1`);
      }
      await pipeline(tx, statements);
    });
    const rows = await queryRows<{ v: string }>(database.db, sql`select v from pipeline_probe where k = 1`);
    expect(rows).toEqual([{ v: 'step 19!' }]);
  });

  test('a failing statement throws its own error and nothing of the transaction stays', async () => {
    await database.db.execute(sql`delete from pipeline_probe`);
    const attempt = database.db.transaction(async (tx) => {
      await pipeline(tx, [
        sql`insert into pipeline_probe values (2, 'kept?')`,
        sql`insert into pipeline_probe values (2, 'duplicate')`,
        sql`insert into pipeline_probe values (3, 'after')`,
      ]);
    });
    await expect(attempt).rejects.toThrow(/duplicate key/);
    expect(await queryRows(database.db, sql`select k from pipeline_probe`)).toEqual([]);
    // The connection is usable again.
    await database.db.execute(sql`insert into pipeline_probe values (4, 'fine')`);
    expect(await queryRows(database.db, sql`select k from pipeline_probe`)).toEqual([{ k: 4 }]);
  });

  // Last, so that it sees what the tests above sent.
  test('the driver was never handed a statement while one was running (pg 8 deprecates it)', async () => {
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
    expect(warnings).toEqual([]);
  });
});
