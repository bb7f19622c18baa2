import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { practices, rateLimits, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { LIMITS } from '@/lib/auth/throttle';
import { testDatabases } from '@/test/databases';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { endSessions, verifyCredentials } from './credentials';
import { loadMember } from './session';

/** Counts how many attempts reach the password check (bcrypt), the thing the limit protects. */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/auth/password')>();
  return {
    ...real,
    verifyPassword: (password: string, hash: string) => {
      checks.count++;
      return real.verifyPassword(password, hash);
    },
  };
});

const PASSWORD = 'correct-horse-battery';
const address = (i: number) => `198.51.100.${i}`;
const statuses = (results: { status: string }[]) => results.map((r) => r.status);

describe.each(testDatabases())('sign-in credentials on $name', (target) => {
  let database: OpenDatabase;
  let email: string;
  let userId: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    const practiceId = randomUUID();
    await database.db.insert(practices).values({ id: practiceId, name: 'Alpha' });
    userId = randomUUID();
    email = `owner-${userId.slice(0, 8)}@example.com`;
    await database.db.insert(users).values({ id: userId, practiceId, role: 'admin', name: 'Owner', email, passwordHash: await hashPassword(PASSWORD) });
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    await database.db.delete(rateLimits).where(sql`true`); // every count: this database is the test's own
    checks.count = 0;
  });

  test('30 attempts at once for one email (the right password last): only the limit are checked, and a later burst of 40 none', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => verifyCredentials(email, i === 29 ? PASSWORD : `wrong-${i}`, address(i))));
    const checked = burst.filter((r) => r.status !== 'throttled');
    expect(checked).toHaveLength(LIMITS.sign_in_email.max);
    expect(checks.count).toBe(LIMITS.sign_in_email.max);
    expect(burst.filter((r) => r.status === 'throttled')).toHaveLength(30 - LIMITS.sign_in_email.max);

    checks.count = 0;
    const later = await Promise.all(Array.from({ length: 40 }, (_, i) => verifyCredentials(email, PASSWORD, address(100 + i))));
    expect(new Set(statuses(later))).toEqual(new Set(['throttled']));
    expect(checks.count).toBe(0);
  });

  test('one password tried across many emails from one address is throttled after the address limit', async () => {
    const results = [];
    for (let i = 0; i < LIMITS.sign_in_address.max + 5; i++) {
      results.push(await verifyCredentials(`someone-${i}@example.com`, 'Summer2026!', '203.0.113.7'));
    }
    expect(statuses(results)).toEqual([...Array<string>(LIMITS.sign_in_address.max).fill('invalid'), ...Array<string>(5).fill('throttled')]);
    // Another address is not affected by that one's failures.
    expect((await verifyCredentials(email, PASSWORD, '203.0.113.8')).status).toBe('ok');
  });

  test('a known and an unknown email get the same answers, the same throttle and the same password check', async () => {
    const run = async (who: string, from: string) => {
      checks.count = 0;
      const results = [];
      for (let i = 0; i < LIMITS.sign_in_email.max + 2; i++) results.push(await verifyCredentials(who, `wrong-${i}`, from));
      return { answers: results.map((r) => (r.status === 'throttled' ? 'throttled' : r)), checks: checks.count };
    };
    const known = await run(email, '192.0.2.1');
    const unknown = await run(`nobody-${randomUUID().slice(0, 8)}@example.com`, '192.0.2.2');
    expect(unknown).toEqual(known);
    expect(known.checks).toBe(LIMITS.sign_in_email.max);
  });

  test('a successful sign-in resets its email and gives its attempt back to the address', async () => {
    for (let i = 0; i < LIMITS.sign_in_email.max - 1; i++) expect((await verifyCredentials(email, 'wrong', '192.0.2.3')).status).toBe('invalid');
    expect(await verifyCredentials(email, PASSWORD, '192.0.2.3')).toMatchObject({ status: 'ok', userId });
    for (let i = 0; i < LIMITS.sign_in_email.max - 1; i++) expect((await verifyCredentials(email, 'wrong', '192.0.2.3')).status).toBe('invalid');

    // An office behind one address: its successful sign-ins never use up the allowance.
    await database.db.delete(rateLimits).where(sql`true`); // every count: this database is the test's own
    for (let i = 0; i < LIMITS.sign_in_address.max + 5; i++) expect((await verifyCredentials(email, PASSWORD, '192.0.2.4')).status).toBe('ok');
  });

  test('a session is only good at the version it was issued with: sign-out ends it', async () => {
    const result = await verifyCredentials(email, PASSWORD, '192.0.2.5');
    if (result.status !== 'ok') throw new Error('expected to sign in');
    expect(await loadMember(userId, result.sessionVersion)).toMatchObject({ userId, role: 'admin' });
    await endSessions(userId, result.sessionVersion);
    expect(await loadMember(userId, result.sessionVersion)).toBeNull();
    const [row] = await database.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
    expect(row?.v).toBe(result.sessionVersion + 1);
    // A stale session signing out again does not end the newer ones.
    await endSessions(userId, result.sessionVersion);
    expect(await loadMember(userId, result.sessionVersion + 1)).toMatchObject({ userId });
  });
});
