import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { rateLimits, users } from '@/db/schema';
import { LIMITS } from '@/lib/auth/throttle';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { isActionError } from './action';
import { addMember, changeMemberRole, EMAIL_TAKEN, removeMember } from './members';
import { loadMember } from './session';

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

describe.each(testDatabases())('members on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  let b: Practice;

  const snapshot = (practiceId: string) =>
    database.db
      .select({ id: users.id, role: users.role, removedAt: users.removedAt, sessionVersion: users.sessionVersion, email: users.email })
      .from(users)
      .where(eq(users.practiceId, practiceId))
      .orderBy(asc(users.id));
  const versionOf = async (userId: string) => (await database.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)))[0]!.v;
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (isActionError(error) ? { formError: error.formError, fieldErrors: error.fieldErrors } : error),
    );

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    await database.db.delete(rateLimits).where(sql`true`); // every count: this database is the test's own
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });

  test("another practice's admin cannot change or remove this practice's members, and learns nothing", async () => {
    const before = await snapshot(a.practiceId);
    const gone = { formError: 'That member no longer exists.', fieldErrors: undefined };
    expect(await failure(changeMemberRole(b.admin, a.author.userId, 'admin'))).toEqual(gone);
    expect(await failure(changeMemberRole(b.admin, a.admin.userId, 'author'))).toEqual(gone);
    expect(await failure(removeMember(b.admin, a.author.userId))).toEqual(gone);
    expect(await failure(removeMember(b.admin, a.admin.userId))).toEqual(gone);
    // The same answer as for an id that exists nowhere.
    expect(await failure(removeMember(b.admin, '00000000-0000-4000-8000-000000000000'))).toEqual(gone);
    expect(await snapshot(a.practiceId)).toEqual(before);
  });

  test('a role change ends the member’s sessions; they continue only after signing in again', async () => {
    const version = await versionOf(a.author.userId);
    expect(await loadMember(a.author.userId, version)).toMatchObject({ role: 'author' });
    await changeMemberRole(a.admin, a.author.userId, 'admin');
    expect(await loadMember(a.author.userId, version)).toBeNull();
    expect(await loadMember(a.author.userId, version + 1)).toMatchObject({ role: 'admin' });
    // Choosing the role they already have changes nothing, sessions included.
    await changeMemberRole(a.admin, a.author.userId, 'admin');
    expect(await versionOf(a.author.userId)).toBe(version + 1);
  });

  test('the last admin can be neither demoted nor removed (the page says so first; this holds for two admins at once)', async () => {
    const before = await snapshot(a.practiceId);
    const lastAdmin = { formError: 'A practice needs at least one admin. Make someone else an admin first.', fieldErrors: undefined };
    expect(await failure(changeMemberRole(a.admin, a.admin.userId, 'author'))).toEqual(lastAdmin);
    expect(await failure(removeMember(a.admin, a.admin.userId))).toEqual(lastAdmin);
    expect(await snapshot(a.practiceId)).toEqual(before);
    // With a second admin, the first may go.
    await changeMemberRole(a.admin, a.author.userId, 'admin');
    expect(await failure(removeMember(a.admin, a.admin.userId))).toBeNull();
  });

  test('removal ends the member’s sessions', async () => {
    const version = await versionOf(a.author.userId);
    await removeMember(a.admin, a.author.userId);
    expect(await versionOf(a.author.userId)).toBe(version + 1);
    expect(await loadMember(a.author.userId, version)).toBeNull();
    expect(await loadMember(a.author.userId, version + 1)).toBeNull();
  });

  test('adding a member with a registered email says so without saying where, and adding is rate limited per practice', async () => {
    const taken = { formError: undefined, fieldErrors: { email: [EMAIL_TAKEN] } };
    expect(await failure(addMember(a.admin, { name: 'Copy', email: b.author.email, password: 'a-long-password', role: 'author' }))).toEqual(taken);
    expect(EMAIL_TAKEN).not.toMatch(/practice/i);
    for (let i = 1; i < LIMITS.add_member_practice.max; i++) {
      expect(await failure(addMember(a.admin, { name: 'Copy', email: b.author.email, password: 'a-long-password', role: 'author' }))).toEqual(taken);
    }
    const before = await snapshot(a.practiceId);
    expect(await failure(addMember(a.admin, { name: 'New', email: 'fresh-person@example.com', password: 'a-long-password', role: 'author' }))).toEqual({
      formError: expect.stringMatching(/^Too many members were added in the last hour\. Try again in \d+ minutes?\.$/),
      fieldErrors: undefined,
    });
    expect(await snapshot(a.practiceId)).toEqual(before);
    // Another practice has its own allowance.
    expect(await addMember(b.admin, { name: 'New', email: 'fresh-person@example.com', password: 'a-long-password', role: 'author' })).toBeUndefined();
  });
});
