import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { accountNotices, onboardingWizard, practices, rateLimits, users } from '@/db/schema';
import { LIMITS } from '@/lib/auth/throttle';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { dismissNotice, listOpenNotices } from './account-notices';
import { signUp } from './sign-up';

/** Timing is asserted by the work done, not a wall-clock race: both paths must hash. */
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/auth/password')>();
  return {
    ...real,
    hashPassword: (password: string) => {
      hashes.count++;
      return real.hashPassword(password);
    },
  };
});

const input = (email: string) => ({ practiceName: 'Newco', timezone: 'Australia/Perth', name: 'Nia New', email, password: 'a-long-new-password' });

describe.each(testDatabases())('sign-up on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;

  const practiceCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(practices))[0]!.n;
  const ownerRow = async () =>
    (
      await database.db
        .select({ passwordHash: users.passwordHash, practiceId: users.practiceId, sessionVersion: users.sessionVersion })
        .from(users)
        .where(eq(users.id, a.admin.userId))
    )[0];

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    await database.db.delete(rateLimits).where(sql`true`); // every count: this database is the test's own
    hashes.count = 0;
  });

  test('a new email and a registered one get the same answer after the same work; only the new one creates a practice', async () => {
    const before = await practiceCount();
    const email = `nia-${randomUUID().slice(0, 8)}@example.com`;
    expect(await signUp(input(email), '192.0.2.10')).toEqual({ status: 'accepted' });
    expect(hashes.count).toBe(1);
    expect(await practiceCount()).toBe(before + 1);
    const [created] = await database.db.select({ role: users.role, practiceId: users.practiceId }).from(users).where(eq(users.email, email));
    expect(created?.role).toBe('admin');
    // Its first admin lands in the onboarding wizard, at its first step.
    expect(
      await database.db.select({ step: onboardingWizard.step, status: onboardingWizard.status }).from(onboardingWizard).where(eq(onboardingWizard.practiceId, created!.practiceId)),
    ).toEqual([{ step: 'practice', status: 'in_progress' }]);

    hashes.count = 0;
    const owner = await ownerRow();
    // Any spelling of the registered email: still the same answer, and nothing created or changed.
    expect(await signUp(input(a.admin.email.toUpperCase()), '192.0.2.10')).toEqual({ status: 'accepted' });
    expect(hashes.count).toBe(1);
    expect(await practiceCount()).toBe(before + 1);
    expect(await ownerRow()).toEqual(owner);
  });

  test('the registered owner gets one notice, moved on a repeat, that only they see and can dismiss', async () => {
    await database.db.delete(accountNotices).where(sql`true`);
    await signUp(input(a.admin.email), '192.0.2.11', new Date('2026-03-01T00:00:00Z'));
    await signUp(input(a.admin.email), '192.0.2.11', new Date('2026-03-02T00:00:00Z'));
    const notices = await listOpenNotices(a.admin);
    expect(notices).toEqual([{ id: expect.any(String), kind: 'sign_up_with_your_email', lastSeenAt: new Date('2026-03-02T00:00:00Z') }]);
    expect(await listOpenNotices(a.author)).toEqual([]);

    await dismissNotice(a.author, notices[0]!.id); // not theirs: changes nothing
    expect(await listOpenNotices(a.admin)).toHaveLength(1);
    await dismissNotice(a.admin, notices[0]!.id);
    expect(await listOpenNotices(a.admin)).toEqual([]);

    // A later attempt opens a new notice beside the dismissed one.
    await signUp(input(a.admin.email), '192.0.2.11', new Date('2026-03-03T00:00:00Z'));
    expect(await listOpenNotices(a.admin)).toHaveLength(1);
    const open = await database.db
      .select({ id: accountNotices.id })
      .from(accountNotices)
      .where(and(eq(accountNotices.userId, a.admin.userId), isNull(accountNotices.dismissedAt)));
    expect(open).toHaveLength(1);
  });

  test('sign-ups from one address are limited; the refused one does no work', async () => {
    const max = LIMITS.sign_up_address.max;
    for (let i = 0; i < max; i++) expect(await signUp(input(a.admin.email), '203.0.113.20')).toEqual({ status: 'accepted' });
    hashes.count = 0;
    const refused = await signUp(input(`late-${randomUUID().slice(0, 8)}@example.com`), '203.0.113.20');
    expect(refused).toMatchObject({ status: 'throttled', retryAfterSeconds: expect.any(Number) });
    expect(hashes.count).toBe(0);
    expect(await signUp(input(a.admin.email), '203.0.113.21')).toEqual({ status: 'accepted' });
  });

  test('two sign-ups with one new email at once make one practice', async () => {
    const before = await practiceCount();
    const email = `twin-${randomUUID().slice(0, 8)}@example.com`;
    expect(await Promise.all([signUp(input(email), '192.0.2.12'), signUp(input(email), '192.0.2.13')])).toEqual([{ status: 'accepted' }, { status: 'accepted' }]);
    expect(await practiceCount()).toBe(before + 1);
  });
});
