import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { type OpenDatabase, openPostgres } from '@/db/open';
import { practices, users } from '@/db/schema';
import { createFreshPostgresDatabase, testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { endSessions } from './credentials';
import { changeMemberRole, removeMember } from './members';
import { loadMember, type Member } from './session';

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

/**
 * loadMember through a spy on the database's `select`: whether it queried is observed, not
 * timed. Every loadMember miss is exactly one select.
 */
function observedLoads(database: () => OpenDatabase) {
  let select: MockInstance;
  beforeEach(() => {
    select = vi.spyOn(database().db, 'select');
  });
  afterEach(() => select.mockRestore());
  return async (userId: string, sessionVersion: number) => {
    const before = select.mock.calls.length;
    const member = await loadMember(userId, sessionVersion);
    return { member, queried: select.mock.calls.length > before };
  };
}

/** Polls until `check` holds (PostgreSQL announces a change a moment after it commits). */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testDatabases())('member cache on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  const load = observedLoads(() => database);
  /**
   * A change written straight to the database, by no command that knows about the cache: on
   * PGlite the announcement arrives as the write returns; on PostgreSQL within moments.
   */
  const seenAfterAnyWrite = (check: () => Promise<boolean>) => (target.name === 'pglite' ? check() : within(2_000, check));

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    a = await createPracticeMembers(database.db, 'Alpha');
  });

  test('a second check of the same session does not query', async () => {
    const first = await load(a.author.userId, 1);
    expect(first).toEqual({ member: a.author, queried: true });
    expect(await load(a.author.userId, 1)).toEqual({ member: a.author, queried: false });
    expect(await load(a.author.userId, 2)).toEqual({ member: null, queried: true }); // another version, another entry
  });

  test('a session not found is not remembered: a member created a moment later is let in', async () => {
    const userId = randomUUID();
    expect(await load(userId, 1)).toEqual({ member: null, queried: true });
    await database.db.insert(users).values({ id: userId, practiceId: a.practiceId, role: 'author', name: 'New', email: `new-${userId}@example.com`, passwordHash: 'x' });
    expect(await load(userId, 1)).toMatchObject({ member: { userId, name: 'New' }, queried: true });
  });

  test('sign-out: the next check of the signed-out session is refused', async () => {
    await load(a.author.userId, 1);
    await endSessions(a.author.userId, 1);
    expect((await load(a.author.userId, 1)).member).toBeNull();
    expect((await load(a.author.userId, 2)).member).toMatchObject({ userId: a.author.userId });
  });

  test('a role change: the old session is refused, the new one has the new role', async () => {
    await load(a.author.userId, 1);
    await changeMemberRole(a.admin, a.author.userId, 'admin');
    expect((await load(a.author.userId, 1)).member).toBeNull();
    expect((await load(a.author.userId, 2)).member).toMatchObject({ role: 'admin' });
  });

  test('removal: the session is refused', async () => {
    await load(a.author.userId, 1);
    await removeMember(a.admin, a.author.userId);
    expect((await load(a.author.userId, 1)).member).toBeNull();
    expect((await load(a.author.userId, 2)).member).toBeNull();
  });

  test('a practice renamed or moved to another time zone, by any path: every member sees it', async () => {
    await load(a.admin.userId, 1);
    await load(a.author.userId, 1);
    await database.db.update(practices).set({ name: 'Alpha Renamed' }).where(eq(practices.id, a.practiceId));
    const renamed = async () =>
      (await load(a.admin.userId, 1)).member?.practiceName === 'Alpha Renamed' && (await load(a.author.userId, 1)).member?.practiceName === 'Alpha Renamed';
    expect(await seenAfterAnyWrite(renamed)).toBe(true);
    await database.db.update(practices).set({ timezone: 'Europe/London' }).where(eq(practices.id, a.practiceId));
    expect(await seenAfterAnyWrite(async () => (await load(a.author.userId, 1)).member?.practiceTimezone === 'Europe/London')).toBe(true);
  });

  test('a member row changed by any path (no command that knows the cache): seen', async () => {
    await load(a.author.userId, 1);
    await database.db.update(users).set({ name: 'Renamed Author' }).where(eq(users.id, a.author.userId));
    expect(await seenAfterAnyWrite(async () => (await load(a.author.userId, 1)).member?.name === 'Renamed Author')).toBe(true);
  });

  test('a read under way when a change is announced does not store what it read', async () => {
    const db = database.db;
    const realSelect = (Object.getPrototypeOf(db) as typeof db).select; // under the spy
    // The announcement lands while loadMember's query is in flight.
    vi.mocked(db.select).mockImplementationOnce(((...args: Parameters<typeof db.select>) => {
      database.memberChanges.publish(a.author.userId);
      return realSelect.apply(db, args);
    }) as typeof db.select);
    expect(await load(a.author.userId, 1)).toEqual({ member: a.author, queried: true });
    expect((await load(a.author.userId, 1)).queried).toBe(true); // it was not stored: read again
    expect((await load(a.author.userId, 1)).queried).toBe(false);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('member cache with more than one instance on PostgreSQL', () => {
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let database: OpenDatabase;
  /** Another instance: its own connections, writing the same database. */
  let other: pg.Pool;
  let a: Practice;
  const load = observedLoads(() => database);

  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(adminUrl!);
    // A retry slow enough that the test can see the cache while the listener is down.
    database = await openPostgres(fresh.url, { listener: { retryMs: { min: 800, max: 800 } } });
    (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(database);
    other = new pg.Pool({ connectionString: fresh.url, max: 2 });
  });
  afterAll(async () => {
    await other?.end();
    await uninstallTestDatabase(database);
    await fresh?.drop();
  });
  beforeEach(async () => {
    a = await createPracticeMembers(database.db, 'Alpha');
  });

  const cached = async (member: Member) => {
    await load(member.userId, 1);
    expect(await load(member.userId, 1)).toEqual({ member, queried: false });
  };

  test('a sign-out, role change or practice rename made by another instance is seen here within moments', async () => {
    await cached(a.author);
    await other.query('update users set session_version = session_version + 1 where id = $1', [a.author.userId]);
    expect(await within(2_000, async () => (await load(a.author.userId, 1)).member === null)).toBe(true);

    await cached(a.admin);
    await other.query('update users set role = $2 where id = $1', [a.admin.userId, 'author']);
    expect(await within(2_000, async () => (await load(a.admin.userId, 1)).member?.role === 'author')).toBe(true);

    await cached({ ...a.admin, role: 'author' });
    await other.query('update practices set name = $2 where id = $1', [a.practiceId, 'Renamed elsewhere']);
    expect(await within(2_000, async () => (await load(a.admin.userId, 1)).member?.practiceName === 'Renamed elsewhere')).toBe(true);
  });

  test('while the listener is down the cache does not serve; once back it starts empty and serves again', async () => {
    await cached(a.author);
    const { rowCount } = await other.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'practice-sync member-changes' and datname = current_database()`,
    );
    expect(rowCount).toBe(1);
    expect(await within(2_000, async () => !database.memberChanges.listening)).toBe(true);
    // Down: every check queries, and a change made now is announced to no one here.
    expect(await load(a.author.userId, 1)).toEqual({ member: a.author, queried: true });
    expect(await load(a.author.userId, 1)).toEqual({ member: a.author, queried: true });
    await other.query('update users set name = $2 where id = $1', [a.author.userId, 'Changed unheard']);
    // Back: nothing from before is trusted, and caching resumes.
    expect(await within(5_000, async () => database.memberChanges.listening)).toBe(true);
    expect(await load(a.author.userId, 1)).toMatchObject({ member: { name: 'Changed unheard' }, queried: true });
    expect(await load(a.author.userId, 1)).toMatchObject({ member: { name: 'Changed unheard' }, queried: false });
  });
});
