import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queryRows } from '@/db';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, practices } from '@/db/schema';
import { testDatabases } from '@/test/databases';
import { vacuumAfterRun } from './vacuum';

/**
 * PGlite has no autovacuum: after a run rewrote many clients, the engine vacuums them (the
 * picker's searches otherwise visit every dead row version, run after run). A vacuumed table
 * has a visibility map (`relallvisible`); PGlite never makes one otherwise.
 */
describe.each(testDatabases())('vacuumAfterRun on $name', ({ name, open }) => {
  let database: OpenDatabase;
  let practiceId: string;
  const allVisiblePages = async () =>
    (await queryRows<{ pages: number }>(database.db, sql`select relallvisible::int as pages from pg_class where oid = 'clients'::regclass`))[0]!.pages;

  beforeAll(async () => {
    database = await open();
    const [practice] = await database.db.insert(practices).values({ name: 'Vacuum Practice' }).returning({ id: practices.id });
    practiceId = practice!.id;
    await database.db.insert(clients).values(Array.from({ length: 400 }, (_, i) => ({ practiceId, name: `Client ${i}` })));
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

  test('the links a run made are analysed as they are vacuumed: VACUUM alone leaves the planner without their statistics', async () => {
    const someClients = await database.db.select({ id: clients.id }).from(clients).limit(300);
    await database.db.insert(clientLinks).values(someClients.map((c, i) => ({ practiceId, clientId: c.id, app: 'xpm' as const, externalId: `link-${i}` })));
    const statistics = async () =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_stats where schemaname = 'public' and tablename = 'client_links'`))[0]!.n;
    const vacuumed = await vacuumAfterRun(database.db, 300);
    if (name === 'pglite') {
      expect(vacuumed).toContain('client_links');
      expect(await statistics()).toBeGreaterThan(0);
    } else {
      expect(vacuumed).toEqual([]);
    }
  });
});
