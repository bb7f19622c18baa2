import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { syncRuns } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/** The progress route as the browser calls it: the session is whoever we say; everything below it is real. */
const session = vi.hoisted(() => ({ member: null as Member | null }));
// Polling must not count as using the app (it would slow the run it watches): only the quiet read answers.
vi.mock('@/lib/dal/session', () => ({
  currentMemberWithoutActivity: async () => session.member,
  currentMember: async () => {
    throw new Error('the progress route read the session as activity');
  },
}));

const { GET } = await import('./route');

const call = (runId: string) => GET(new NextRequest(`http://localhost/api/sync-runs/${runId}`), { params: Promise.resolve({ runId }) });

describe.each(testDatabases())('GET /api/sync-runs/[runId] on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;
  let runId: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    const [row] = await database.db
      .insert(syncRuns)
      .values({
        practiceId: a.practiceId,
        app: 'gusto',
        direction: 'from_app',
        syncData: 'everything',
        trigger: 'manual',
        status: 'running',
        fetched: 40,
        total: 40,
        processed: 12,
        updated: 2,
        error: 'plain',
        errorDetail: 'raw detail',
      })
      .returning({ id: syncRuns.id });
    runId = row!.id;
  });
  afterAll(() => uninstallTestDatabase(database));

  test('signed out: 401, nothing about the run', async () => {
    session.member = null;
    const response = await call(runId);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain('running');
    expect(response.headers.get('cache-control')).toContain('no-store');
  });

  test('another practice’s run, or a malformed id: 404 exactly like a run that does not exist', async () => {
    session.member = b.admin;
    const other = await call(runId);
    const missing = await call('00000000-0000-4000-8000-000000000000');
    const malformed = await call('..%2F..%2Fetc');
    expect([other.status, missing.status, malformed.status]).toEqual([404, 404, 404]);
    expect(await other.json()).toEqual(await missing.json());
  });

  test('a member of the practice gets the state and counters only, never cached', async () => {
    session.member = a.author;
    const response = await call(runId);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(await response.json()).toEqual({
      status: 'running',
      // The card words a paused push ("nothing sent yet") by the run's direction.
      direction: 'from_app',
      // An undo's progress is worded as one (it reads nothing from the app).
      undo: false,
      // An undo of an undo says so (0: not an undo).
      undoDepth: 0,
      // A run discarded after review says so, not "Cancelled".
      discarded: false,
      processed: 12,
      total: 40,
      fetched: 40,
      counts: { created: 0, linked: 0, updated: 2, unchanged: 0, skipped: 0, failed: 0 },
    });
    await database.db.update(syncRuns).set({ status: 'succeeded', processed: 40 }).where(eq(syncRuns.id, runId));
    expect(await (await call(runId)).json()).toMatchObject({ status: 'succeeded', processed: 40 });
    await database.db.update(syncRuns).set({ status: 'cancelled', reviewReason: 'It would empty 1 field.' }).where(eq(syncRuns.id, runId));
    expect(await (await call(runId)).json()).toMatchObject({ status: 'cancelled', discarded: true });
  });
});
