import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queryRows } from '@/db';
import type { OpenDatabase } from '@/db/open';
import { clients, practices } from '@/db/schema';
import { testDatabases } from '@/test/databases';
import { vacuumAfterRun } from './vacuum';

/**
 * PGlite has no autovacuum: after a run rewrote many clients, the engine vacuums them (the
 * picker's searches otherwise visit every dead row version, run after run). A vacuumed table
 * has a visibility map (`relallvisible`); PGlite never makes one otherwise.
 */
describe.each(testDatabases())('vacuumAfterRun on $name', ({ name, open }) => {
  let database: OpenDatabase;
  const allVisiblePages = async () =>
    (await queryRows<{ pages: number }>(database.db, sql`select relallvisible::int as pages from pg_class where oid = 'clients'::regclass`))[0]!.pages;

  beforeAll(async () => {
    database = await open();
    const [practice] = await database.db.insert(practices).values({ name: 'Vacuum Practice' }).returning({ id: practices.id });
    await database.db.insert(clients).values(Array.from({ length: 400 }, (_, i) => ({ practiceId: practice!.id, name: `Client ${i}` })));
    await database.db.execute(sql`analyze clients`);
  });
  afterAll(async () => {
    await database?.close();
  });

  test('a run that rewrote a few rows leaves the tables alone', async () => {
    expect(await vacuumAfterRun(database.db, 10)).toEqual([]);
  });

  test('a run that rewrote most clients: vacuumed on PGlite; PostgreSQL leaves it to autovacuum', async () => {
    await database.db.execute(sql`update clients set name = name || ' Group'`);
    const vacuumed = await vacuumAfterRun(database.db, 400);
    if (name === 'pglite') {
      expect(vacuumed).toContain('clients');
      expect(await allVisiblePages()).toBeGreaterThan(0);
    } else {
      expect(vacuumed).toEqual([]);
    }
  });
});
