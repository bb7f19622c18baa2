import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, openPostgres, queryRows } from '@/db/open';
import { createFreshPostgresDatabase } from '@/test/databases';

// PostgreSQL only: the pool is node-postgres's; PGlite is one connection inside the process.
const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)('openPostgres keeps to the pool size it is given (DATABASE_POOL_SIZE)', () => {
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let database: OpenDatabase;
  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(url!);
    database = await openPostgres(fresh.url, { max: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  test('eight statements at once share two connections, and all are answered', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => queryRows<{ pid: number; i: number }>(database.db, sql`select pg_backend_pid() as pid, ${i}::int as i from pg_sleep(0.05)`)),
    );
    expect(answers.map((rows) => rows[0]?.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(answers.map((rows) => rows[0]?.pid)).size).toBe(2);
  });
});

describe.skipIf(!url)('a pool of one connection (DATABASE_POOL_SIZE=1)', () => {
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  afterAll(() => fresh?.drop());

  // The migration lock's connection once waited for a second connection to migrate on.
  test('opens a new database, migrating it on its one connection, and answers', async () => {
    fresh = await createFreshPostgresDatabase(url!);
    const database = await openPostgres(fresh.url, { max: 1 });
    try {
      const [row] = await queryRows<{ migrated: number }>(database.db, sql`select count(*)::int as migrated from drizzle.__drizzle_migrations`);
      expect(row?.migrated).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  }, 30_000);
});
