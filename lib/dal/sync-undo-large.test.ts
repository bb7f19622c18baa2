import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, syncRunChanges, syncRuns } from '@/db/schema';
import { finishedRunWithChange } from '@/test/finished-run';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * A new user's trial: "Undo of a large sync run (87 clients changed) looked like it failed".
 * A From-Gusto run of many clients, undone through the DAL the page and its action use: what
 * the undo answers, what the run page's data then says ("Undone by" names who), what the
 * preview re-drawn afterwards says (undone, by whom; nothing left to confirm), and that the
 * preview's counts cover every change, not only the listed ones.
 */
const enqueued = vi.hoisted(() => ({ runs: [] as string[] }));
vi.mock('@/lib/jobs/sync-jobs', () => ({
  enqueueSyncRun: async (data: { runId: string }) => {
    enqueued.runs.push(data.runId);
    return true;
  },
}));

const { getUndoPreview, undoSyncRun, UNDO_PREVIEW_LIMIT } = await import('./sync-undo');
const { getSyncRun } = await import('./sync-runs');
const { executeSyncRun } = await import('@/lib/sync/engine/execute');

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

describe.each(testDatabases())('undo of a large run, on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Large');
  });
  afterAll(() => uninstallTestDatabase(database));

  /**
   * A finished From-Gusto run over `updated + created` clients: `updated` clients linked before
   * the run had their email overwritten (one field each); `created` clients were created and
   * linked by the run (their fields are their first values: nothing to restore, link removed).
   */
  async function largeRun(practice: Practice, counts: { updated: number; created: number }) {
    const [run] = await database.db
      .insert(syncRuns)
      .values({ practiceId: practice.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'manual', status: 'succeeded', finishedAt: new Date() })
      .returning({ id: syncRuns.id });
    const n = counts.updated + counts.created;
    const rows = await database.db
      .insert(clients)
      .values(Array.from({ length: n }, (_, i) => ({ practiceId: practice.practiceId, name: `Client ${String(i).padStart(4, '0')}`, email: `after${i}@example.com` })))
      .returning({ id: clients.id, name: clients.name });
    rows.sort((x, y) => x.name.localeCompare(y.name));
    await database.db
      .insert(clientLinks)
      .values(rows.map((c, i) => ({ practiceId: practice.practiceId, clientId: c.id, app: 'gusto' as const, externalId: `co-${run!.id}-${i}` })));
    await database.db.insert(syncRunChanges).values(
      rows.map((c, i) =>
        i < counts.updated
          ? {
              practiceId: practice.practiceId,
              runId: run!.id,
              clientId: c.id,
              externalId: `co-${run!.id}-${i}`,
              kind: 'updated' as const,
              fields: [{ field: 'email', before: `before${i}@example.com`, after: `after${i}@example.com` }],
            }
          : {
              practiceId: practice.practiceId,
              runId: run!.id,
              clientId: c.id,
              externalId: `co-${run!.id}-${i}`,
              kind: 'created' as const,
              fields: [
                { field: 'name', before: null, after: c.name },
                { field: 'email', before: null, after: `after${i}@example.com` },
              ],
            },
      ),
    );
    return { runId: run!.id, clientIds: rows.map((r) => r.id) };
  }

  test('100 changed clients (50 updated, 50 created): the undo succeeds, and what the run page and the preview then say', async () => {
    const admin = a.admin;
    const { runId, clientIds } = await largeRun(a, { updated: 50, created: 50 });

    // The preview before: 100 "clients changed back" beside 50 "fields restored" — clients whose
    // only change is a removed link count as changed back; the fields are the 50 emails.
    const before = await getUndoPreview(admin, runId);
    expect(before).toMatchObject({ total: 100, refusal: null });
    expect(before!.summary).toMatchObject({ clients: 100, fieldsRestored: 50, leftAlone: 0, unlinked: 50 });

    const outcome = await undoSyncRun(admin, runId, []);
    expect(outcome).toMatchObject({ status: 'succeeded', restored: 100, leftAlone: 0 });

    // Everything was put back: emails restored, the 50 links the run made removed.
    const emails = await database.db
      .select({ email: clients.email })
      .from(clients)
      .where(inArray(clients.id, clientIds.slice(0, 50)));
    expect(emails.every((e) => e.email?.startsWith('before'))).toBe(true);
    const links = await database.db
      .select({ id: clientLinks.id })
      .from(clientLinks)
      .where(and(eq(clientLinks.practiceId, a.practiceId), inArray(clientLinks.clientId, clientIds)));
    expect(links).toHaveLength(50);

    // The undo run: finished, requested by the admin, 100 changes of its own.
    const undoRun = await getSyncRun(admin, outcome.undoRunId);
    expect(undoRun).toMatchObject({ status: 'succeeded', trigger: 'undo', undoOfRunId: runId, requestedByName: admin.name });
    expect(undoRun!.changes.total).toBe(100);

    // The run page's data for the undone run: "Undone by" names who undid it.
    const undone = await getSyncRun(admin, runId);
    expect(undone!.undoneBy).toEqual([{ id: outcome.undoRunId, status: 'succeeded', finishedAt: expect.any(Date), requestedByName: admin.name }]);

    // The preview re-drawn after the undo (the action's revalidation re-renders the page it was
    // called from): it says who undid the run, and the confirm is refused — nothing is left.
    const after = await getUndoPreview(admin, runId);
    expect(after!.summary).toMatchObject({ clients: 0, fieldsRestored: 0, unlinked: 0 });
    expect(after!.lastUndo).toEqual({ id: outcome.undoRunId, status: 'succeeded', finishedAt: expect.any(Date), requestedByName: admin.name });
    expect(after!.refusal?.code).toBe('nothing_left');
  }, 120_000);

  test(`a run over more clients than the preview lists (${UNDO_PREVIEW_LIMIT}): the preview's counts cover every one`, async () => {
    const { runId } = await largeRun(a, { updated: UNDO_PREVIEW_LIMIT + 100, created: 0 });
    const preview = await getUndoPreview(a.admin, runId);
    expect(preview!.total).toBe(UNDO_PREVIEW_LIMIT + 100);
    expect(preview!.clients).toHaveLength(UNDO_PREVIEW_LIMIT);
    expect(preview!.summary).toMatchObject({ clients: UNDO_PREVIEW_LIMIT + 100, fieldsRestored: UNDO_PREVIEW_LIMIT + 100 });
    const outcome = await undoSyncRun(a.admin, runId, []);
    expect(outcome).toMatchObject({ status: 'succeeded', restored: UNDO_PREVIEW_LIMIT + 100 });
  }, 300_000);

  test('the preview counts the fields left alone ("Fields changed since"), the outcome the clients', async () => {
    const [client] = await database.db
      .insert(clients)
      .values({ practiceId: a.practiceId, name: 'Edited since', email: 'mine@example.com', website: 'https://mine.example.com' })
      .returning({ id: clients.id });
    const runId = await finishedRunWithChange(
      database.db,
      { practiceId: a.practiceId, app: 'gusto', direction: 'from_app', trigger: 'manual' },
      {
        clientId: client!.id,
        externalId: `co-${client!.id}`,
        kind: 'updated',
        fields: [
          { field: 'email', before: 'was@example.com', after: 'gusto@example.com' },
          { field: 'website', before: 'https://was.example.com', after: 'https://gusto.example.com' },
        ],
      },
    );
    const preview = await getUndoPreview(a.admin, runId);
    expect(preview!.summary).toMatchObject({ clients: 0, fieldsRestored: 0, leftAlone: 2 });
    const outcome = await undoSyncRun(a.admin, runId, []);
    expect(outcome).toMatchObject({ restored: 0, leftAlone: 1 });
  });

  test('an undo the worker ended (its request died) shows on the undone run with the admin who started it, and failed', async () => {
    const { runId } = await largeRun(a, { updated: 3, created: 0 });
    const [stranded] = await database.db
      .insert(syncRuns)
      .values({
        practiceId: a.practiceId,
        app: 'gusto',
        direction: 'from_app',
        syncData: 'everything',
        trigger: 'undo',
        undoOfRunId: runId,
        requestedByUserId: a.admin.userId,
        status: 'running',
        queuedAt: new Date(Date.now() - 3_600_000),
        startedAt: new Date(Date.now() - 3_600_000),
        heartbeatAt: new Date(Date.now() - 3_600_000),
      })
      .returning({ id: syncRuns.id });
    expect(await executeSyncRun(stranded!.id)).toMatchObject({ outcome: 'finished', status: 'failed' });
    const undone = await getSyncRun(a.admin, runId);
    expect(undone!.undoneBy).toEqual([{ id: stranded!.id, status: 'failed', finishedAt: expect.any(Date), requestedByName: a.admin.name }]);
  });
});
