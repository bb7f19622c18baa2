import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, openPglite, queryRows, queryRowsWithSettings } from '@/db/open';
import { MAX_PREPARED_TEXTS } from '@/db/prepared-texts';
import { practices } from '@/db/schema';

/**
 * Named prepared statements in the app's PGlite worker (db/pglite-prepared-source.ts): the
 * rows and types are what an ordinary query gives, the settings hold for the statement alone,
 * PostgreSQL plans it once, and a failure leaves the connection as it found it.
 */
interface Prepared {
  statement: string;
  generic: number;
  custom: number;
}

async function preparedStatements(database: OpenDatabase, like: string): Promise<Prepared[]> {
  return queryRows<Prepared>(
    database.db,
    sql`select statement, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where statement like ${like}`,
  );
}

const prepare = { prepare: true };

describe('prepared statements in the PGlite worker', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openPglite(null, { thread: true });
  });
  afterAll(async () => {
    await database?.close();
  });

  test('answer as an ordinary query does: rows as objects, parameters and types alike', async () => {
    const [practice] = await database.db.insert(practices).values({ name: 'Prepared Practice' }).returning();
    const statement = (id: string, n: number, flag: boolean, none: string | null) =>
      sql`select id, name, created_at, ${n}::int as n, ${flag}::boolean as flag, ${none}::text as none, 'prepared-types' as tag
          from practices where id = ${id}`;
    const prepared = await queryRowsWithSettings(database.db, statement(practice!.id, 7, true, null), { enable_seqscan: 'off' }, prepare);
    const ordinary = await queryRowsWithSettings(database.db, statement(practice!.id, 7, true, null), { enable_seqscan: 'off' });
    expect(prepared).toEqual(ordinary);
    expect(prepared).toEqual([{ id: practice!.id, name: 'Prepared Practice', created_at: expect.any(String), n: 7, flag: true, none: null, tag: 'prepared-types' }]);
    expect(await preparedStatements(database, '%prepared-types%')).toHaveLength(1);
  });

  test('are named once per text and, run with other values, planned once', async () => {
    for (let i = 0; i < 10; i++) {
      const rows = await queryRowsWithSettings<{ n: number }>(
        database.db,
        sql`select g as n from generate_series(1, 20) g where g <= ${i} /* planned-once */`,
        { enable_seqscan: 'off' },
        prepare,
      );
      expect(rows).toHaveLength(i);
    }
    const [statement, ...others] = await preparedStatements(database, '%planned-once%');
    expect(others).toEqual([]);
    expect(statement!.generic + statement!.custom).toBe(10);
    expect(statement!.generic).toBeGreaterThan(0);
  });

  test('the settings hold for the statement alone', async () => {
    const [inside] = await queryRowsWithSettings<{ seqscan: string }>(database.db, sql`select current_setting('enable_seqscan') as seqscan`, { enable_seqscan: 'off' }, prepare);
    expect(inside!.seqscan).toBe('off');
    const [after] = await queryRows<{ seqscan: string }>(database.db, sql`select current_setting('enable_seqscan') as seqscan`);
    expect(after!.seqscan).toBe('on');
  });

  test('a failing run rejects with its SQLSTATE, ends its transaction, and the statement runs again', async () => {
    const divide = (by: number) => queryRowsWithSettings<{ q: number }>(database.db, sql`select 6 / ${by}::int as q /* divide */`, { enable_seqscan: 'off' }, prepare);
    await expect(divide(0)).rejects.toMatchObject({ code: '22012', message: expect.stringMatching(/division by zero/) });
    // The transaction ended: inside it the statement would fail (it is aborted), and the
    // local setting would still be in force.
    const [after] = await queryRows<{ seqscan: string }>(database.db, sql`select current_setting('enable_seqscan') as seqscan`);
    expect(after).toEqual({ seqscan: 'on' });
    expect(await divide(3)).toEqual([{ q: 2 }]);
    // Text that does not parse is an error, and names nothing.
    await expect(queryRowsWithSettings(database.db, sql`selec 1 /* misspelt */`, { enable_seqscan: 'off' }, prepare)).rejects.toMatchObject({ code: '42601' });
    expect(await preparedStatements(database, '%misspelt%')).toEqual([]);
  });

  test('a table changed under a statement fails it once, then it is named afresh', async () => {
    await database.db.execute(sql`create table prepared_changes (a int)`);
    await database.db.execute(sql`insert into prepared_changes values (1)`);
    const read = () => queryRowsWithSettings(database.db, sql`select * from prepared_changes /* changed-under */`, { enable_seqscan: 'off' }, prepare);
    expect(await read()).toEqual([{ a: 1 }]);
    await database.db.execute(sql`alter table prepared_changes add column b text default 'x'`);
    await expect(read()).rejects.toMatchObject({ code: '0A000' });
    expect(await read()).toEqual([{ a: 1, b: 'x' }]);
    expect(await preparedStatements(database, '%changed-under%')).toHaveLength(1);
  });

  test('wait for a transaction that is open, as on one connection', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = database.db.transaction(async (tx) => {
      await tx.insert(practices).values({ name: 'Prepared waits' });
      await held;
      order.push('transaction done');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = queryRowsWithSettings<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from practices where name = ${'Prepared waits'}`,
      { enable_seqscan: 'off' },
      prepare,
    ).then(([row]) => order.push(`outside saw ${row!.n}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['transaction done', 'outside saw 1']);
  });
});

describe('past the cap of named texts in the PGlite worker', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openPglite(null, { thread: true });
  });
  afterAll(async () => {
    await database?.close();
  });

  test(`new texts run unprepared, and still answer`, async () => {
    for (let i = 0; i < MAX_PREPARED_TEXTS + 5; i++) {
      const rows = await queryRowsWithSettings<{ i: number }>(database.db, sql.raw(`select ${i} as i /* capped */`), { enable_seqscan: 'off' }, prepare);
      expect(rows).toEqual([{ i }]);
    }
    expect(await preparedStatements(database, '%capped%')).toHaveLength(MAX_PREPARED_TEXTS);
  });
});
