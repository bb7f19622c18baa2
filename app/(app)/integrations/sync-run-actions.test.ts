import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connections, syncRuns } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * "Sync now" and "Retry failed records" called directly, as a forged request would: the
 * session is mocked, startSyncRun (the jobs' contract) requests the run for real without
 * enqueuing it, and zod, roles, the DAL and the database are real.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock('@/lib/dal/session', () => ({ currentMember: async () => session.member, requireMember: async () => session.member }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('@/lib/jobs/sync-jobs', async () => {
  const { getDb } = await import('@/db');
  const { requestSyncRun } = await import('@/lib/commands/sync-runs');
  return {
    startSyncRun: async (...args: Parameters<typeof requestSyncRun> extends [unknown, ...infer R] ? R : never) => (await getDb()).transaction((tx) => requestSyncRun(tx, ...args)),
  };
});

const { syncNowAction } = await import('./sync-run-actions');
const { retryFailedRecordsAction } = await import('../sync-history/actions');

describe.each(testDatabases())('sync run actions on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;
  const runsOf = (practiceId: string) => database.db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.practiceId, practiceId));

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    await database.db.insert(connections).values({ practiceId: a.practiceId, app: 'gusto', syncData: 'everything', syncDirection: 'from_app' });
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    await database.db.delete(syncRuns).where(eq(syncRuns.practiceId, a.practiceId));
  });

  test('signed out or an author: refused, no run', async () => {
    session.member = null;
    expect(await syncNowAction({ app: 'gusto' })).toMatchObject({ ok: false, formError: 'Your session has ended. Sign in again to continue.' });
    session.member = a.author;
    expect(await syncNowAction({ app: 'gusto' })).toMatchObject({ ok: false, formError: 'Only a practice admin can do this.' });
    expect(await runsOf(a.practiceId)).toEqual([]);
  });

  test('an unknown app is refused in words', async () => {
    session.member = a.admin;
    expect(await syncNowAction({ app: 'quickbooks' })).toMatchObject({ ok: false, fieldErrors: { app: ['Unknown app: choose XPM or Gusto.'] } });
  });

  test('an admin starts a run; pressing again names the run already going; another practice’s admin cannot reach it', async () => {
    session.member = a.admin;
    const first = await syncNowAction({ app: 'gusto' });
    expect(first).toMatchObject({ ok: true, data: { kind: 'started' } });
    const runId = (first as { data: { runId: string } }).data.runId;
    expect(await syncNowAction({ app: 'gusto' })).toEqual({ ok: true, data: { kind: 'in_progress', runId } });
    session.member = b.admin;
    // Practice B has no Gusto connection: its own request says so, and A's run is untouched.
    expect(await syncNowAction({ app: 'gusto' })).toMatchObject({ ok: true, data: { kind: 'not_inbound' } });
    expect(await retryFailedRecordsAction({ runId })).toMatchObject({ ok: false, code: 'not_found', formError: 'That sync run was not found.' });
    expect(await runsOf(b.practiceId)).toEqual([]);
    expect(await runsOf(a.practiceId)).toHaveLength(1);
  });

  test('retry: an author is refused; a malformed id is refused before any query', async () => {
    session.member = a.author;
    expect(await retryFailedRecordsAction({ runId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, formError: 'Only a practice admin can do this.' });
    session.member = a.admin;
    expect(await retryFailedRecordsAction({ runId: 'nope' })).toMatchObject({ ok: false, fieldErrors: { runId: ['Not a valid id.'] } });
  });
});
