import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { users } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The member actions called directly, as a forged request would: the session is whoever we
 * say, and everything below it (zod, roles, the DAL, the database) is real.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock('@/lib/dal/session', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/dal/session')>()),
  currentMember: async () => session.member,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { addMemberAction, changeRoleAction, removeMemberAction } = await import('./actions');

describe.each(testDatabases())('member actions on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;

  const snapshot = () =>
    database.db
      .select({ id: users.id, practiceId: users.practiceId, role: users.role, removedAt: users.removedAt, sessionVersion: users.sessionVersion })
      .from(users)
      .orderBy(asc(users.id));

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));

  const calls = () =>
    [
      ['addMemberAction', () => addMemberAction({ name: 'Sneaky', email: 'sneaky@example.com', password: 'a-long-password', role: 'admin' })],
      ['changeRoleAction', () => changeRoleAction({ userId: a.author.userId, role: 'admin' })],
      ['removeMemberAction', () => removeMemberAction({ userId: a.admin.userId })],
    ] as const;

  test('signed out or an author: every member action is refused and nothing changes', async () => {
    const before = await snapshot();
    for (const [, call] of calls()) {
      session.member = null;
      expect(await call()).toMatchObject({ ok: false, formError: 'Your session has ended. Sign in again to continue.' });
      session.member = a.author;
      expect(await call()).toEqual({ ok: false, code: 'forbidden', formError: 'Only a practice admin can do this.' });
    }
    expect(await snapshot()).toEqual(before);
    expect(await database.db.select({ id: users.id }).from(users).where(eq(users.email, 'sneaky@example.com'))).toEqual([]);
  });

  test("another practice's admin using this practice's ids changes nothing and learns nothing", async () => {
    const before = await snapshot();
    session.member = b.admin;
    for (const userId of [a.admin.userId, a.author.userId, '00000000-0000-4000-8000-000000000000']) {
      expect(await changeRoleAction({ userId, role: 'author' })).toEqual({ ok: false, code: 'not_found', formError: 'That member no longer exists.' });
      expect(await removeMemberAction({ userId })).toEqual({ ok: false, code: 'not_found', formError: 'That member no longer exists.' });
    }
    expect(await snapshot()).toEqual(before);
  });
});
