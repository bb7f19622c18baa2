import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clients, connectionGrants, connections, directoryRecords, syncRunChanges, syncRunErrors, syncRuns } from '@/db/schema';
import type { Actor } from '@/lib/commands/actor';
import type { SyncRunRequest } from '@/lib/commands/sync-runs';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { pushTiming } from '@/lib/sync/runs/next-run';

/**
 * startSyncRun is the jobs' contract (request the run in a transaction, then enqueue it). Here
 * it requests the run for real through lib/commands and records the call instead of enqueuing,
 * so these tests see what the member-facing functions ask for and what the database holds.
 */
const started = vi.hoisted(() => ({ calls: [] as { actor: Actor; request: SyncRunRequest }[] }));
vi.mock('@/lib/jobs/sync-jobs', async () => {
  const { getDb } = await import('@/db');
  const { requestSyncRun } = await import('@/lib/commands/sync-runs');
  return {
    startSyncRun: async (actor: Actor, request: SyncRunRequest) => {
      started.calls.push({ actor, request });
      const db = await getDb();
      return db.transaction((tx) => requestSyncRun(tx, actor, request));
    },
  };
});

const { getSyncRun, getSyncRunProgress, listAppRunOverviews, listSyncRuns, retryFailedRecords, startSyncNow, SYNC_RUNS_PAGE_SIZE } = await import('./sync-runs');

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

describe.each(testDatabases())('sync runs as members see them, on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  let b: Practice;

  const insertRun = async (practice: Practice, values: Partial<typeof syncRuns.$inferInsert> = {}) => {
    const [row] = await database.db
      .insert(syncRuns)
      .values({ practiceId: practice.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'succeeded', ...values })
      .returning({ id: syncRuns.id });
    return row!.id;
  };

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    started.calls = [];
    for (const practice of [a, b]) {
      await database.db.delete(syncRuns).where(eq(syncRuns.practiceId, practice.practiceId));
      await database.db.delete(connections).where(eq(connections.practiceId, practice.practiceId));
    }
    await database.db.insert(connections).values([
      { practiceId: a.practiceId, app: 'gusto', syncData: 'everything', syncDirection: 'from_app' },
      { practiceId: a.practiceId, app: 'xpm', syncData: 'everything', syncDirection: 'to_app' },
      { practiceId: b.practiceId, app: 'gusto', syncData: 'everything', syncDirection: 'from_app' },
    ]);
  });

  test('the history lists only the practice’s own runs, newest first, with who asked', async () => {
    const older = await insertRun(a, { queuedAt: new Date('2026-12-01T00:00:00Z') });
    const newer = await insertRun(a, { queuedAt: new Date('2026-12-02T00:00:00Z'), trigger: 'manual', requestedByUserId: a.admin.userId, updated: 3, fetched: 40 });
    await insertRun(b, { queuedAt: new Date('2026-12-03T00:00:00Z') });
    const page = await listSyncRuns(a.admin, { page: 1 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.id)).toEqual([newer, older]);
    expect(page.rows[0]).toMatchObject({ app: 'gusto', direction: 'from_app', trigger: 'manual', requestedByName: 'Alpha admin', counts: { fetched: 40, updated: 3 } });
    expect(page.rows[1]!.requestedByName).toBeNull();
    // Authors read the history too.
    expect((await listSyncRuns(a.author, { page: 1 })).total).toBe(2);
    expect((await listSyncRuns(b.admin, { page: 1 })).rows.map((r) => r.id)).not.toContain(newer);
  });

  test('the history says which runs an undo took back: wholly, part-way, or not (a failed undo changed nothing back)', async () => {
    const whole = await insertRun(a, { queuedAt: new Date('2026-12-01T00:00:00Z'), created: 2360 });
    const part = await insertRun(a, { queuedAt: new Date('2026-12-01T01:00:00Z'), linked: 5 });
    const failedUndo = await insertRun(a, { queuedAt: new Date('2026-12-01T02:00:00Z'), updated: 1 });
    const partThenWhole = await insertRun(a, { queuedAt: new Date('2026-12-01T03:00:00Z'), updated: 2 });
    const undo = (of: string, status: 'succeeded' | 'partial' | 'failed', hour: number) =>
      insertRun(a, { trigger: 'undo', undoOfRunId: of, status, requestedByUserId: a.admin.userId, queuedAt: new Date(Date.UTC(2026, 11, 2, hour)) });
    await undo(whole, 'succeeded', 0);
    await undo(part, 'partial', 1);
    await undo(failedUndo, 'failed', 2);
    await undo(partThenWhole, 'partial', 3);
    await undo(partThenWhole, 'succeeded', 4);
    const rows = (await listSyncRuns(a.admin, { page: 1 })).rows;
    const undoneOf = (id: string) => rows.find((r) => r.id === id)!.undone;
    expect(undoneOf(whole)).toBe('whole');
    expect(undoneOf(part)).toBe('part');
    expect(undoneOf(failedUndo)).toBeNull();
    expect(undoneOf(partThenWhole)).toBe('whole');
    // The undos themselves were not undone.
    expect(rows.filter((r) => r.trigger === 'undo').map((r) => r.undone)).toEqual([null, null, null, null, null]);
    // Another practice's history knows nothing of them.
    await insertRun(b, { queuedAt: new Date('2026-12-03T00:00:00Z') });
    expect((await listSyncRuns(b.admin, { page: 1 })).rows.map((r) => r.undone)).toEqual([null]);
  });

  test('the history is paginated, and a page past the end shows the last page', async () => {
    for (let i = 0; i < SYNC_RUNS_PAGE_SIZE + 1; i++) await insertRun(a, { queuedAt: new Date(Date.UTC(2026, 10, 1, 0, i)) });
    const last = await listSyncRuns(a.admin, { page: 9 });
    expect(last).toMatchObject({ page: 2, pageCount: 2, total: SYNC_RUNS_PAGE_SIZE + 1 });
    expect(last.rows).toHaveLength(1);
  });

  test('a run’s page shows each changed client with its field changes and each failed record; another practice’s run is not found', async () => {
    const runId = await insertRun(a, { status: 'partial', updated: 1, failed: 2 });
    const [client] = await database.db.insert(clients).values({ practiceId: a.practiceId, name: 'Garcia & Brown Architects' }).returning({ id: clients.id });
    await database.db.insert(syncRunChanges).values({
      practiceId: a.practiceId,
      runId,
      clientId: client!.id,
      externalId: 'company-1',
      kind: 'updated',
      fields: [{ field: 'email', before: 'old@example.com', after: 'new@example.com' }],
      contacts: { before: [{ name: 'Ann' }], after: [{ name: 'Ann' }, { name: 'Bo' }] },
    });
    await database.db.insert(syncRunErrors).values([
      { practiceId: a.practiceId, runId, externalId: 'company-2', recordName: 'Broken Co', message: 'Gusto sent an EIN that is not 9 digits.', detail: 'ein: "12-34"' },
      { practiceId: a.practiceId, runId, externalId: 'company-2', recordName: 'Broken Co', message: 'Again.', detail: null },
      { practiceId: a.practiceId, runId, externalId: null, recordName: null, message: 'One company could not be read.', detail: null },
    ]);

    const run = await getSyncRun(a.author, runId);
    expect(run).toMatchObject({ id: runId, status: 'partial', errorCount: 3, retryableCount: 1 });
    expect(run!.changes.rows).toEqual([
      {
        clientId: client!.id,
        clientName: 'Garcia & Brown Architects',
        externalId: 'company-1',
        kind: 'updated',
        fields: [{ field: 'email', before: 'old@example.com', after: 'new@example.com' }],
        contacts: { before: ['Ann'], after: ['Ann', 'Bo'] },
      },
    ]);
    // Rows inserted together share a timestamp: look each up by what it says, not by position.
    expect(run!.errors).toHaveLength(3);
    expect(run!.errors).toContainEqual(expect.objectContaining({ recordName: 'Broken Co', message: 'Gusto sent an EIN that is not 9 digits.', detail: 'ein: "12-34"' }));

    expect(await getSyncRun(b.admin, runId)).toBeNull();
    expect(await getSyncRun(a.admin, 'not-a-uuid')).toBeNull();
    expect(await getSyncRun(a.admin, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  test('a run’s changed clients are listed by name whatever its case: “Acacia” before “ANDERSON”, as a person reads a list', async () => {
    const runId = await insertRun(a, { status: 'succeeded', updated: 3 });
    const named = await database.db
      .insert(clients)
      .values(['ANDERSON & LOPEZ ASSOCIATES', 'acorn bookkeeping', 'Acacia Auto Repairs Inc.'].map((name) => ({ practiceId: a.practiceId, name })))
      .returning({ id: clients.id });
    await database.db
      .insert(syncRunChanges)
      .values(named.map(({ id }, i) => ({ practiceId: a.practiceId, runId, clientId: id, externalId: `record-${i}`, kind: 'updated' as const, fields: [], contacts: null })));
    const run = await getSyncRun(a.author, runId);
    expect(run!.changes.rows.map((r) => r.clientName)).toEqual(['Acacia Auto Repairs Inc.', 'acorn bookkeeping', 'ANDERSON & LOPEZ ASSOCIATES']);
  });

  test('a run discarded after it paused for review says so; one approved and then stopped, or stopped without a review, does not', async () => {
    const reason = 'This sync needs a second look: it would empty 1 field that has a value.';
    const discarded = await insertRun(a, { status: 'cancelled', reviewReason: reason, error: 'Discarded after review: nothing was applied.' });
    const approvedThenStopped = await insertRun(a, { status: 'cancelled', reviewReason: reason, approvedAt: new Date(), approvedByUserId: a.admin.userId });
    const stopped = await insertRun(a, { status: 'cancelled' });
    const paused = await insertRun(a, { status: 'needs_review', reviewReason: reason, total: 10, skipped: 35 });
    expect(await getSyncRun(a.author, discarded)).toMatchObject({ discardedAfterReview: true, reviewReason: null });
    expect(await getSyncRun(a.author, approvedThenStopped)).toMatchObject({ discardedAfterReview: false });
    expect(await getSyncRun(a.author, stopped)).toMatchObject({ discardedAfterReview: false });
    expect(await getSyncRun(a.author, paused)).toMatchObject({ discardedAfterReview: false, reviewReason: reason });
    // The history reads "Discarded" for the discarded one only (runStatusBadge).
    const listed = new Map((await listSyncRuns(a.author, { page: 1 })).rows.map((row) => [row.id, row.discarded]));
    expect([discarded, approvedThenStopped, stopped, paused].map((id) => listed.get(id))).toEqual([true, false, false, false]);
    // The paused run's row names what waits for review: the records it selected.
    expect((await listSyncRuns(a.author, { page: 1 })).rows.find((row) => row.id === paused)).toMatchObject({ total: 10, counts: { skipped: 35 } });
  });

  test('an app whose last run was discarded after review says Discarded on its card', async () => {
    const reason = 'This sync needs a second look: it would empty 1 field that has a value.';
    await insertRun(b, { status: 'cancelled', reviewReason: reason, queuedAt: new Date('2030-01-01T00:00:00Z') });
    expect((await listAppRunOverviews(b.admin)).find((o) => o.app === 'gusto')!.lastRun).toMatchObject({ status: 'cancelled', discarded: true });
    await insertRun(b, { status: 'cancelled', queuedAt: new Date('2030-01-02T00:00:00Z') });
    expect((await listAppRunOverviews(b.admin)).find((o) => o.app === 'gusto')!.lastRun).toMatchObject({ status: 'cancelled', discarded: false });
  });

  test('a failed record without a name of its own is named by the directory, else by the grant that authorised it', async () => {
    const runId = await insertRun(a, { status: 'partial', failed: 3 });
    const [gusto] = await database.db
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'gusto')));
    await database.db.insert(connectionGrants).values({ practiceId: a.practiceId, connectionId: gusto!.id, externalId: 'company-granted', label: 'Granted Co' });
    await database.db.insert(directoryRecords).values({
      practiceId: a.practiceId,
      app: 'gusto',
      externalId: 'company-listed',
      name: 'Listed Co',
      normalizedName: 'listed',
      payload: {} as never,
      payloadHash: 'h',
    });
    // Practice B's directory knows the same id by another name: never shown to A.
    await database.db.insert(directoryRecords).values({
      practiceId: b.practiceId,
      app: 'gusto',
      externalId: 'company-unknown',
      name: 'Beta Secret Co',
      normalizedName: 'beta secret',
      payload: {} as never,
      payloadHash: 'h',
    });
    await database.db.insert(syncRunErrors).values([
      { practiceId: a.practiceId, runId, externalId: 'company-listed', recordName: null, message: 'Unreadable.' },
      { practiceId: a.practiceId, runId, externalId: 'company-granted', recordName: null, message: 'Unreadable.' },
      { practiceId: a.practiceId, runId, externalId: 'company-unknown', recordName: null, message: 'Unreadable.' },
    ]);
    const run = await getSyncRun(a.admin, runId);
    expect(Object.fromEntries(run!.errors.map((e) => [e.externalId, e.recordName]))).toEqual({
      'company-listed': 'Listed Co',
      'company-granted': 'Granted Co',
      'company-unknown': null,
    });
  });

  test('a To-XPM run’s page shows XPM’s masked tax number by its ending, as the client list does, never the masked form', async () => {
    const runId = await insertRun(a, { app: 'xpm', direction: 'to_app', updated: 2 });
    const made = await database.db
      .insert(clients)
      .values([
        { practiceId: a.practiceId, name: 'Ending Differs Co' },
        { practiceId: a.practiceId, name: 'Same Last Three Co' },
      ])
      .returning({ id: clients.id, name: clients.name });
    const sent = (name: string, before: string) => ({
      practiceId: a.practiceId,
      runId,
      clientId: made.find((c) => c.name === name)!.id,
      externalId: `xpm-${name}`,
      kind: 'updated' as const,
      fields: [
        { field: 'taxNumber', before, after: name === 'Ending Differs Co' ? '123 456 111' : '123 455 789' },
        { field: 'website', before: 'https://before.example.com', after: 'https://after.example.com' },
      ],
    });
    await database.db.insert(syncRunChanges).values([sent('Ending Differs Co', '*****6789'), sent('Same Last Three Co', '*****6789')]);

    const run = await getSyncRun(a.admin, runId);
    const taxOf = (name: string) => run!.changes.rows.find((c) => c.clientName === name)!.fields.find((f) => f.field === 'taxNumber');
    expect(taxOf('Ending Differs Co')).toEqual({ field: 'taxNumber', before: 'ending 789', after: '123 456 111' });
    // The last three agree with ours: a fourth digit, so the change does not read as none.
    expect(taxOf('Same Last Three Co')).toEqual({ field: 'taxNumber', before: 'ending 6789', after: '123 455 789' });
    expect(run!.changes.rows[0]!.fields).toContainEqual({ field: 'website', before: 'https://before.example.com', after: 'https://after.example.com' });
    expect(JSON.stringify(run)).not.toContain('*****');
  });

  test('progress answers the state and counters only, and only to the run’s practice', async () => {
    const runId = await insertRun(a, { status: 'running', fetched: 2360, total: 2360, processed: 120, updated: 7, unchanged: 113, error: 'secret-ish', errorDetail: 'raw' });
    expect(await getSyncRunProgress(a.author, runId)).toEqual({
      status: 'running',
      direction: 'from_app',
      undo: false,
      undoDepth: 0,
      discarded: false,
      processed: 120,
      total: 2360,
      fetched: 2360,
      counts: { created: 0, linked: 0, updated: 7, unchanged: 113, skipped: 0, failed: 0 },
    });
    expect(await getSyncRunProgress(b.admin, runId)).toBeNull();
    expect(await getSyncRunProgress(a.admin, "'; drop table sync_runs; --")).toBeNull();
  });

  test('an undo’s progress says it is one, so it is not told as a sync that reads the app', async () => {
    const undone = await insertRun(a, { linked: 1 });
    const undoId = await insertRun(a, { trigger: 'undo', undoOfRunId: undone, status: 'running', requestedByUserId: a.admin.userId, updated: 1 });
    expect(await getSyncRunProgress(a.admin, undoId)).toMatchObject({ status: 'running', undo: true, counts: { updated: 1 } });
    expect(await getSyncRunProgress(a.admin, undone)).toMatchObject({ undo: false });
  });

  test('an undo of an undo knows it is one, on every page that names it: the chain’s depth, followed within the practice', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 3, minute));
    const sync = await insertRun(a, { linked: 1, queuedAt: at(0) });
    const undo = await insertRun(a, { trigger: 'undo', undoOfRunId: sync, updated: 1, queuedAt: at(1) });
    const undoOfUndo = await insertRun(a, { trigger: 'undo', undoOfRunId: undo, updated: 1, queuedAt: at(2) });
    const third = await insertRun(a, { trigger: 'undo', undoOfRunId: undoOfUndo, status: 'running', updated: 1, queuedAt: at(3) });
    const depths = new Map((await listSyncRuns(a.author, { page: 1 })).rows.map((row) => [row.id, row.undoDepth]));
    expect([sync, undo, undoOfUndo, third].map((id) => depths.get(id))).toEqual([0, 1, 2, 3]);
    expect(await getSyncRun(a.author, undoOfUndo)).toMatchObject({ trigger: 'undo', undoOfRunId: undo, undoDepth: 2 });
    expect(await getSyncRunProgress(a.author, third)).toMatchObject({ undo: true, undoDepth: 3 });
    // The card's Last sync: the latest ended run, the undo of the undo.
    expect((await listAppRunOverviews(a.admin)).find((o) => o.app === 'gusto')!.lastRun).toMatchObject({ id: undoOfUndo, trigger: 'undo', undoDepth: 2 });
  });

  test('each connected app shows its last ended run, the run going on, and the next scheduled run', async () => {
    const now = new Date('2026-12-02T03:00:00Z');
    await insertRun(a, {
      status: 'succeeded',
      queuedAt: new Date('2026-12-01T18:59:00Z'),
      startedAt: new Date('2026-12-01T19:00:00Z'),
      finishedAt: new Date('2026-12-01T19:01:00Z'),
      updated: 2,
    });
    const running = await insertRun(a, { status: 'running', trigger: 'manual', queuedAt: new Date('2026-12-02T02:59:00Z'), startedAt: new Date('2026-12-02T02:59:30Z') });
    await insertRun(b, { status: 'failed', queuedAt: new Date('2026-12-02T02:00:00Z') });
    const overviews = await listAppRunOverviews(a.admin, now);
    // In the registry's order, as the Integrations page shows the cards.
    expect(overviews.map((o) => o.app)).toEqual(['xpm', 'gusto']);
    const [xpm, gusto] = overviews;
    expect(gusto!.lastRun).toMatchObject({ status: 'succeeded', counts: { updated: 2 } });
    expect(gusto!.activeRun).toEqual({ id: running, status: 'running' });
    // The latest start was 2 Dec 1:59 pm Sydney time: the next 06:00 there is 3 Dec.
    expect(gusto!.nextRun).toEqual({ at: new Date('2026-12-02T19:00:00Z'), due: false });
    // XPM is set To XPM: the scheduler pushes on XPM's schedule, and it has never run, so it is due.
    expect(xpm).toMatchObject({ lastRun: null, activeRun: null, nextRun: { at: now, due: true } });
    expect((await listAppRunOverviews(b.admin, now))[0]!.activeRun).toBeNull();
  });

  test('the next run is the scheduler’s: an edit’s run does not put it off, a paused run holds it, a connection needing a person has none', async () => {
    const now = new Date('2026-12-02T03:00:00Z');
    const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00Z`);
    const xpmOverview = async () => (await listAppRunOverviews(a.admin, now)).find((o) => o.app === 'xpm')!;
    // XPM is To XPM: its last push of every client started 02:50; a member's edit sent one at 02:58.
    await insertRun(a, { app: 'xpm', direction: 'to_app', queuedAt: at('02:50'), startedAt: at('02:50'), finishedAt: at('02:51') });
    await insertRun(a, { app: 'xpm', direction: 'to_app', trigger: 'edit', onlyExternalIds: ['x-1'], queuedAt: at('02:58'), startedAt: at('02:58'), finishedAt: at('02:58') });
    expect(await xpmOverview()).toMatchObject({ nextRun: { at: at('03:05'), due: false }, pausedRunId: null });

    // A scheduled push paused for review under these settings, and an edit's run after it: the
    // schedule joins the paused run, so no time is promised, and the preview says what holds it.
    const paused = await insertRun(a, { app: 'xpm', direction: 'to_app', status: 'needs_review', queuedAt: at('02:52'), startedAt: at('02:52') });
    await insertRun(a, { app: 'xpm', direction: 'to_app', trigger: 'edit', onlyExternalIds: ['x-2'], queuedAt: at('02:59'), startedAt: at('02:59'), finishedAt: at('02:59') });
    const held = await xpmOverview();
    expect(held).toMatchObject({ nextRun: null, pausedRunId: paused });
    expect(held.lastRun?.id).not.toBe(paused);
    expect(pushTiming(held)).toEqual({ kind: 'paused', runId: paused });
    // Paused under other settings: it no longer holds the schedule (the settings change discards it).
    await database.db.update(syncRuns).set({ syncData: 'client_name' }).where(eq(syncRuns.id, paused));
    expect(await xpmOverview()).toMatchObject({ nextRun: { at: at('03:07') }, pausedRunId: null });

    // A connection that needs reconnecting is skipped by the scheduler: no time on its card.
    await database.db
      .update(connections)
      .set({ status: 'needs_reauth' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'xpm')));
    expect((await xpmOverview()).nextRun).toBeNull();
    // Nor does a paused run under its settings "hold" a schedule that is not running.
    await database.db.update(syncRuns).set({ syncData: 'everything' }).where(eq(syncRuns.id, paused));
    expect(await xpmOverview()).toMatchObject({ nextRun: null, pausedRunId: null });
  });

  test('Sync now: admins only; a second press finds the first run; an app that is not a source says why', async () => {
    await expect(startSyncNow(a.author, 'gusto')).rejects.toMatchObject({ formError: 'Only a practice admin can do this.' });
    expect(started.calls).toEqual([]);

    const first = await startSyncNow(a.admin, 'gusto');
    expect(first.kind).toBe('queued');
    expect(started.calls[0]).toEqual({ actor: { practiceId: a.practiceId, memberId: a.admin.userId, trigger: 'manual' }, request: { app: 'gusto' } });
    const second = await startSyncNow(a.admin, 'gusto');
    expect(second).toEqual({ kind: 'in_progress', runId: (first as { runId: string }).runId });
    expect(await startSyncNow(a.admin, 'xpm')).toMatchObject({ kind: 'not_inbound' });
    // Only practice A's run exists, requested by its admin.
    const rows = await database.db
      .select({ practiceId: syncRuns.practiceId, requestedBy: syncRuns.requestedByUserId, trigger: syncRuns.trigger })
      .from(syncRuns)
      .where(eq(syncRuns.status, 'queued'));
    expect(rows.filter((r) => r.practiceId === a.practiceId)).toEqual([{ practiceId: a.practiceId, requestedBy: a.admin.userId, trigger: 'manual' }]);
    expect(rows.filter((r) => r.practiceId === b.practiceId)).toEqual([]);
  });

  test('Retry failed records: a new run of the same app for exactly the failed records; admins of the run’s practice only', async () => {
    const runId = await insertRun(a, { status: 'partial', failed: 2 });
    await database.db.insert(syncRunErrors).values([
      { practiceId: a.practiceId, runId, externalId: 'company-9', message: 'Bad.' },
      { practiceId: a.practiceId, runId, externalId: 'company-3', message: 'Bad.' },
      { practiceId: a.practiceId, runId, externalId: 'company-3', message: 'Bad again.' },
    ]);
    await expect(retryFailedRecords(a.author, runId)).rejects.toMatchObject({ formError: 'Only a practice admin can do this.' });
    await expect(retryFailedRecords(b.admin, runId)).rejects.toMatchObject({ formError: 'That sync run was not found.', code: 'not_found' });
    expect(started.calls).toEqual([]);

    const result = await retryFailedRecords(a.admin, runId);
    expect(result.kind).toBe('queued');
    expect(started.calls[0]!.request).toEqual({ app: 'gusto', retryOfRunId: runId, onlyExternalIds: ['company-3', 'company-9'] });
    const [retry] = await database.db
      .select({ retryOf: syncRuns.retryOfRunId, only: syncRuns.onlyExternalIds, requestedBy: syncRuns.requestedByUserId })
      .from(syncRuns)
      .where(and(eq(syncRuns.practiceId, a.practiceId), eq(syncRuns.status, 'queued')));
    expect(retry).toEqual({ retryOf: runId, only: ['company-3', 'company-9'], requestedBy: a.admin.userId });
  });

  test('Retry refuses a run with nothing to retry, or one still going', async () => {
    const clean = await insertRun(a, { status: 'succeeded' });
    await expect(retryFailedRecords(a.admin, clean)).rejects.toMatchObject({ formError: 'This run has no failed records to retry.' });
    const going = await insertRun(a, { status: 'running' });
    await database.db.insert(syncRunErrors).values({ practiceId: a.practiceId, runId: going, externalId: 'company-1', message: 'Bad.' });
    await expect(retryFailedRecords(a.admin, going)).rejects.toMatchObject({ formError: /has not finished yet/ });
    expect(started.calls).toEqual([]);
  });
});
