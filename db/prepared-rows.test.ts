import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { type Database, type OpenDatabase, queryRows } from '@/db/open';
import { MAX_PREPARED_TEXTS, queryRowsPrepared } from '@/db/prepared-rows';
import { createFreshPostgresDatabase, testDatabases } from '@/test/databases';

// The marker is in the text (values are parameters), so pg_prepared_statements can be searched for it.
const statement = (n: number) => sql`select ${n}::int as n, 'prepared-rows-test' as marker, now() as at, array['xpm','gusto']::text[] as apps, ${n % 2 === 0}::boolean as even`;

describe.each(testDatabases())('queryRowsPrepared on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  test('gives the rows an ordinary query gives, dates as text as drizzle reads them', async () => {
    for (const n of [1, 2, 3]) {
      const prepared = await queryRowsPrepared<Record<string, unknown>>(database.db, statement(n));
      const plain = await queryRows<Record<string, unknown>>(database.db, statement(n));
      expect({ ...prepared[0], at: typeof prepared[0]?.at }).toEqual({ ...plain[0], at: 'string' });
      expect(prepared[0]).toMatchObject({ n, apps: ['xpm', 'gusto'], even: n % 2 === 0 });
    }
  });

  test('inside a transaction it runs on the transaction', async () => {
    const seen = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table prepared_rows_probe (v int) on commit drop`);
      await tx.execute(sql`insert into prepared_rows_probe values (7)`);
      return queryRowsPrepared<{ v: number }>(tx, sql`select v from prepared_rows_probe`);
    });
    expect(seen).toEqual([{ v: 7 }]);
  });

  test('a failing statement fails as an ordinary query does', async () => {
    const error = await queryRowsPrepared(database.db, sql`select 1 / ${0}::int`).catch((e: unknown) => e);
    // drizzle wraps the driver's error (DrizzleQueryError, with the driver's as its cause).
    const said = [error, (error as { cause?: unknown }).cause].map((e) => (e instanceof Error ? e.message : ''));
    expect(said.some((message) => /division by zero/.test(message))).toBe(true);
  });
});

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)('on PostgreSQL, a statement is prepared once per connection and planned once', () => {
  // A pool of one connection, so what that connection holds can be read back on it.
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let pool: pg.Pool;
  let database: { db: Database };
  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(url!);
    pool = new pg.Pool({ connectionString: fresh.url, max: 1 });
    database = { db: drizzle({ client: pool }) as unknown as Database };
  });
  afterAll(async () => {
    await pool?.end();
    await fresh?.drop();
  });

  const preparedHere = () =>
    queryRows<{ n: number; generic: number; custom: number }>(
      database.db,
      sql`select count(*)::int as n, coalesce(sum(generic_plans), 0)::int as generic, coalesce(sum(custom_plans), 0)::int as custom
        from pg_prepared_statements where statement like '%prepared-rows-test%' and statement not like '%pg_prepared_statements%'`,
    );

  test('ten runs with different values: one prepared statement, and PostgreSQL stops planning each run', async () => {
    for (let n = 0; n < 10; n++) await queryRowsPrepared(database.db, statement(n));
    const [held] = await preparedHere();
    expect(held?.n).toBe(1);
    expect(held?.generic).toBeGreaterThan(0);
    expect(held!.custom).toBeLessThan(10);
  });

  test(`past ${MAX_PREPARED_TEXTS} distinct texts, new ones run unprepared`, async () => {
    for (let i = 0; i < MAX_PREPARED_TEXTS + 5; i++) {
      const rows = await queryRowsPrepared<{ i: number }>(database.db, sql.raw(`select ${i} as i, 'prepared-rows-test-many' as marker`));
      expect(rows).toEqual([{ i, marker: 'prepared-rows-test-many' }]);
    }
    const [{ n }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_prepared_statements`)) as [{ n: number }];
    expect(n).toBeLessThanOrEqual(MAX_PREPARED_TEXTS);
    expect(n).toBeGreaterThan(MAX_PREPARED_TEXTS / 2);
  });
});
