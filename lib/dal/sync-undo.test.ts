import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { formatPracticeDateTime } from '@/lib/practice-time';
import { clients, syncRunChanges, syncRuns } from '@/db/schema';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * "Undo this run" as members reach it: admins only, another practice's run is not found, a run
 * still going or another run of the app in progress is refused with a code, and the undo answers
 * with its own run. (What an undo restores is lib/sync/undo's integration test, against the sandbox.)
 */
const enqueued = vi.hoisted(() => ({ runs: [] as string[] }));
vi.mock('@/lib/jobs/sync-jobs', () => ({
  enqueueSyncRun: async (data: { runId: string }) => {
    enqueued.runs.push(data.runId);
    return true;
  },
}));

const { getUndoPreview, undoSyncRun } = await import('./sync-undo');

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;
const asMember = (practice: Practice, role: 'admin' | 'author') => ({
  userId: practice[role].userId,
  practiceId: practice.practiceId,
  role,
  name: role,
  email: `${role}@example.com`,
  practiceName: 'Practice',
  practiceTimezone: 'UTC',
});

describe.each(testDatabases())('undo a run as members reach it, on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  let b: Practice;
  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));

  /** A finished From-Gusto run that renamed one client: Was → Now. */
  async function renamingRun(practice: Practice, status: 'succeeded' | 'running' = 'succeeded') {
    const [client] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name: 'Now' }).returning({ id: clients.id });
    const [run] = await database.db
      .insert(syncRuns)
      .values({ practiceId: practice.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'manual', status })
      .returning({ id: syncRuns.id });
    await database.db.insert(syncRunChanges).values({
      practiceId: practice.practiceId,
      runId: run!.id,
      clientId: client!.id,
      externalId: `company-${client!.id}`,
      kind: 'updated',
      fields: [{ field: 'name', before: 'Was', after: 'Now' }],
    });
    return { clientId: client!.id, runId: run!.id };
  }
  const nameOf = async (id: string) => (await database.db.select({ name: clients.name }).from(clients).where(eq(clients.id, id)))[0]!.name;

  test('an admin previews and undoes; the undo answers with its own run, which undoes the run', async () => {
    const { clientId, runId } = await renamingRun(a);
    const preview = await getUndoPreview(asMember(a, 'admin'), runId);
    expect(preview).toMatchObject({ total: 1, refusal: null, summary: { clients: 1, fieldsRestored: 1 } });
    expect(preview!.clients[0]).toMatchObject({ clientName: 'Now', fields: [{ field: 'name', current: 'Now', restored: 'Was', decision: 'restore' }] });
    const outcome = await undoSyncRun(asMember(a, 'admin'), runId, []);
    expect(outcome).toMatchObject({ status: 'succeeded', restored: 1, leftAlone: 0 });
    expect(await nameOf(clientId)).toBe('Was');
    const [undo] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, outcome.undoRunId));
    expect(undo).toMatchObject({ trigger: 'undo', undoOfRunId: runId, requestedByUserId: a.admin.userId, practiceId: a.practiceId });
  });

  test('an author may neither preview nor undo; another practice’s admin finds no such run; nothing changes', async () => {
    const { clientId, runId } = await renamingRun(a);
    await expect(getUndoPreview(asMember(a, 'author'), runId)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(undoSyncRun(asMember(a, 'author'), runId, [])).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getUndoPreview(asMember(b, 'admin'), runId)).toBeNull();
    await expect(undoSyncRun(asMember(b, 'admin'), runId, [])).rejects.toMatchObject({ code: 'not_found' });
    await expect(undoSyncRun(asMember(b, 'admin'), 'not-a-uuid', [])).rejects.toMatchObject({ code: 'not_found' });
    expect(await nameOf(clientId)).toBe('Now');
  });

  test('a run still going is refused; so is an undo while another run of the app is in progress, with the conflict code', async () => {
    const going = await renamingRun(b, 'running');
    await expect(undoSyncRun(asMember(b, 'admin'), going.runId, [])).rejects.toMatchObject({ code: 'refused' });
    const done = await renamingRun(b);
    const preview = await getUndoPreview(asMember(b, 'admin'), done.runId);
    expect(preview!.refusal?.code).toBe('busy');
    await expect(undoSyncRun(asMember(b, 'admin'), done.runId, [])).rejects.toMatchObject({ code: 'conflict' });
    expect(await nameOf(done.clientId)).toBe('Now');
  });

  const undoRunsOf = (practice: Practice, runId: string) =>
    database.db
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(and(eq(syncRuns.practiceId, practice.practiceId), eq(syncRuns.undoOfRunId, runId)));

  test('one preview confirmed twice (two tabs): one undo run; the second is refused, naming who undid the run and when, with that undo', async () => {
    const { clientId, runId } = await renamingRun(a);
    const admin = asMember(a, 'admin');
    // Both tabs loaded the preview before either confirmed: neither saw an undo.
    const seen = (await getUndoPreview(admin, runId))!.lastUndo?.id ?? null;
    expect(seen).toBeNull();
    const first = await undoSyncRun(admin, runId, [], seen);
    expect(first).toMatchObject({ status: 'succeeded', restored: 1 });
    const [undo] = await database.db.select({ finishedAt: syncRuns.finishedAt }).from(syncRuns).where(eq(syncRuns.id, first.undoRunId));
    const second = await undoSyncRun(admin, runId, [], seen);
    expect(second).toEqual({
      kind: 'already_undone',
      undoRunId: first.undoRunId,
      // The admin's name from their account; when in the practice's time zone (UTC here).
      message: `This run was already undone by ${a.admin.name} at ${formatPracticeDateTime(undo!.finishedAt!, 'UTC')}. Nothing more was changed.`,
    });
    expect(await undoRunsOf(a, runId)).toHaveLength(1);
    expect(await nameOf(clientId)).toBe('Was');
  });

  test('two confirms at once: one undo run; the other changes nothing', async () => {
    const { clientId, runId } = await renamingRun(a);
    const admin = asMember(a, 'admin');
    const results = await Promise.allSettled([undoSyncRun(admin, runId, [], null), undoSyncRun(admin, runId, [], null)]);
    const done = results.filter((r) => r.status === 'fulfilled' && r.value.kind === 'done');
    expect(done).toHaveLength(1);
    const other = results.find((r) => r !== done[0])!;
    // Refused by the lock and check (already undone, or being undone), or by the one-running rule (busy) when the first is still going.
    if (other.status === 'fulfilled')
      expect(other.value).toMatchObject({ kind: 'already_undone', undoRunId: (done[0] as PromiseFulfilledResult<{ undoRunId: string }>).value.undoRunId });
    else expect(other.reason).toMatchObject({ code: 'conflict' });
    expect(await undoRunsOf(a, runId)).toHaveLength(1);
    expect(await nameOf(clientId)).toBe('Was');
  });

  test('after an undo that stopped part-way: a preview that showed it may undo again; one from before it is refused', async () => {
    const { clientId, runId } = await renamingRun(a);
    const admin = asMember(a, 'admin');
    const [stopped] = await database.db
      .insert(syncRuns)
      .values({
        practiceId: a.practiceId,
        app: 'gusto',
        direction: 'from_app',
        syncData: 'everything',
        trigger: 'undo',
        undoOfRunId: runId,
        requestedByUserId: a.admin.userId,
        status: 'failed',
        finishedAt: new Date(),
      })
      .returning({ id: syncRuns.id });
    const stale = await undoSyncRun(admin, runId, [], null);
    expect(stale).toMatchObject({
      kind: 'already_undone',
      undoRunId: stopped!.id,
      message: expect.stringMatching(new RegExp(`^This run was undone part-way by ${a.admin.name} at .+ Nothing more was changed`)),
    });
    expect(await nameOf(clientId)).toBe('Now');
    expect((await getUndoPreview(admin, runId))!.lastUndo?.id).toBe(stopped!.id);
    expect(await undoSyncRun(admin, runId, [], stopped!.id)).toMatchObject({ kind: 'done', status: 'succeeded', restored: 1 });
    expect(await nameOf(clientId)).toBe('Was');
    expect(await undoRunsOf(a, runId)).toHaveLength(2);
  });
});
