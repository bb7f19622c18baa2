import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from './open';
import { clientContacts, clients, users } from './schema';
import { DEMO_PRACTICE_ID, seedDemo } from './seed';
import { testDatabases } from '@/test/databases';

describe.each(testDatabases())('demo seed on $name', ({ open }) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  test('creates the demo practice with an admin, an author and 300 clients, and is idempotent', async () => {
    await seedDemo(database.db);
    const count = async () => {
      const [c] = await database.db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(clients)
        .where(eq(clients.practiceId, DEMO_PRACTICE_ID));
      const [k] = await database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(clientContacts);
      const roles = await database.db.select({ role: users.role }).from(users).where(eq(users.practiceId, DEMO_PRACTICE_ID));
      return { clients: c?.n, contacts: k?.n, roles: roles.map((r) => r.role).sort() };
    };
    const first = await count();
    expect(first.clients).toBe(300);
    expect(first.roles).toEqual(['admin', 'author']);
    expect(first.contacts).toBeGreaterThan(100);
    await seedDemo(database.db);
    expect(await count()).toEqual(first);
    const archived = await database.db
      .select({ id: clients.id })
      .from(clients)
      .where(sql`${clients.archivedAt} is not null`);
    expect(archived.length).toBeGreaterThan(0);
    const near = await database.db
      .select({ name: clients.name })
      .from(clients)
      .where(sql`${clients.name} like 'Harbour Dental%'`);
    expect(near.map((r) => r.name).sort()).toEqual(['Harbour Dental Pty Ltd', 'Harbour Dental Pty. Ltd.']);
  });
});
