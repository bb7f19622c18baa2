import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientContacts, clientLinks, clients, connections, syncRunChanges, syncRuns } from '@/db/schema';
import { memberActor, systemActor } from '@/lib/commands/actor';
import { approvePausedRun, discardPausedRun } from '@/lib/commands/sync-runs';
import { connectDirectly } from '@/lib/integrations/testing/direct-connection';
import { control } from '@/lib/providers/testing/sandbox-controls';
import type { ClientInput } from '@/lib/validation/client';
import { startSandbox } from '@/lib/sandbox/server';
import { liveXpmClients, xpmRecordSlices } from '@/lib/sync/testing/sandbox-xpm';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * Issue 12, the mass-change guard on To-XPM runs, against the running sandbox on both
 * databases: a scheduled push that would overwrite 10 of 10 linked clients' names in XPM stops
 * before sending anything (`needs_review`; the sandbox saw no write and keeps its names);
 * approved, it sends exactly the values the review showed; discarded, it sends nothing; under
 * the threshold it sends directly; a member's edit pushes its one client without the guard.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
// Both databases share one sandbox tenant and the adapter keeps to XPM's 60 calls a minute.
vi.setConfig({ testTimeout: 180_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-push-guard-`);
});
afterAll(() => sandbox?.close());

const xpmRecords = xpmRecordSlices(() => sandbox.url);
/** XPM's names now, by record id (the sandbox's own state, not through the app). */
const xpmNames = async (ids: readonly string[]) => new Map((await liveXpmClients(sandbox.url)).filter((c) => ids.includes(c.id)).map((c) => [c.id, c.name]));
/** Writes XPM has been asked for (updates and adds), from the sandbox's counters. */
async function writesToXpm(): Promise<number> {
  const { requests } = await control<{ requests: Record<string, number> }>(sandbox.url, 'counters');
  return Object.entries(requests)
    .filter(([path]) => path.startsWith('PUT') || path.startsWith('POST /xero') || path.startsWith('POST /practicemanager'))
    .reduce((n, [, count]) => n + count, 0);
}

describe.each(testDatabases())('mass-change guard on To-XPM runs on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  /**
   * XPM set To XPM (Client name) with 10 clients linked to XPM records; `differing` of them have
   * names here that XPM does not have (a bulk change here, e.g. an undo or another app's run),
   * the rest the same name as XPM. Each record is touched in XPM so the run's read brings it
   * into the directory it plans from.
   */
  async function practiceWithLinks(label: string, differing: number) {
    const practice = await createPracticeMembers(database.db, label);
    await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    await database.db.update(connections).set({ syncData: 'client_name', syncDirection: 'to_app' }).where(eq(connections.practiceId, practice.practiceId));
    const records = await xpmRecords(10);
    const clientIds: string[] = [];
    for (const [i, record] of records.entries()) {
      const name = i < differing ? `${label} here ${i}` : record.name;
      const [row] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name }).returning({ id: clients.id });
      await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: row!.id, app: 'xpm', externalId: record.id });
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { name: record.name } });
      clientIds.push(row!.id);
    }
    return { practice, records, clientIds, ids: records.map((r) => r.id) };
  }

  async function execute(runId: string) {
    const { executeSyncRun } = await import('./index');
    const result = await executeSyncRun(runId);
    return { result, row: (await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId)))[0]! };
  }
  async function runAs(practiceId: string, trigger: 'schedule' | 'webhook') {
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    const request = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practiceId, trigger), { app: 'xpm' }));
    expect(request.kind).toBe('queued');
    return execute((request as { runId: string }).runId);
  }
  /** What the review shows for a paused run: the preview of its own scope, XPM's value before → ours. */
  async function reviewOf(runId: string) {
    const { previewSync } = await import('./preview');
    const run = (await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId)))[0]!;
    return previewSync(database.db, { practiceId: run.practiceId, app: run.app, direction: run.direction, syncData: run.syncData, onlyExternalIds: run.onlyExternalIds });
  }
  const changesOf = (runId: string) => database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, runId));
  const pushedLinks = async (practiceId: string) =>
    (
      await database.db
        .select({ id: clientLinks.id })
        .from(clientLinks)
        .where(and(eq(clientLinks.practiceId, practiceId), isNull(clientLinks.lastPushedHash)))
    ).length;

  test('a scheduled push overwriting 10 of 10 XPM clients waits for review with nothing sent, and approved sends exactly the values it showed', async () => {
    const { practice, records, ids } = await practiceWithLinks('Push Guarded', 10);
    const xpmBefore = await xpmNames(ids);
    expect([...xpmBefore.values()]).toEqual(records.map((r) => r.name));
    await control(sandbox.url, 'counters/reset', {});

    const paused = await runAs(practice.practiceId, 'schedule');
    expect(paused.result).toEqual({ outcome: 'finished', status: 'needs_review' });
    expect(paused.row).toMatchObject({ status: 'needs_review', direction: 'to_app', updated: 0, processed: 0 });
    expect(paused.row.reviewReason).toBe('This sync needs a second look: it would overwrite values of 10 of 10 linked clients in XPM (100%).');
    // Nothing sent: the sandbox saw no write, XPM keeps its names, no change row, no link marked pushed.
    expect(await writesToXpm()).toBe(0);
    expect(await xpmNames(ids)).toEqual(xpmBefore);
    expect(await changesOf(paused.row.id)).toEqual([]);
    expect(await pushedLinks(practice.practiceId)).toBe(10);

    // The review: per client, XPM's name before → ours.
    const review = await reviewOf(paused.row.id);
    expect(review.changeCount).toBe(10);
    const planned = new Map(review.changes.map((c) => [c.externalId, c.fields]));
    for (const [i, record] of records.entries()) expect(planned.get(record.id)).toEqual([{ field: 'name', before: record.name, after: `Push Guarded here ${i}` }]);

    expect(await database.db.transaction((tx) => approvePausedRun(tx, memberActor(practice.admin), paused.row.id))).toBe('queued');
    const applied = await execute(paused.row.id);
    expect(applied.result).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(applied.row).toMatchObject({ status: 'succeeded', updated: 10, failed: 0, approvedByUserId: practice.admin.userId });
    // Sent exactly what the review showed: each change row, and XPM's names now.
    const sent = await changesOf(paused.row.id);
    expect(new Map(sent.map((c) => [c.externalId, c.fields]))).toEqual(planned);
    expect(await xpmNames(ids)).toEqual(new Map(records.map((r, i) => [r.id, `Push Guarded here ${i}`])));
    expect(await writesToXpm()).toBe(10);
  });

  test('discarded, a paused push sends nothing; a member’s edit of one client still goes out at once, unguarded', async () => {
    const { practice, records, clientIds, ids } = await practiceWithLinks('Push Discarded', 10);
    const xpmBefore = await xpmNames(ids);
    await control(sandbox.url, 'counters/reset', {});
    const paused = await runAs(practice.practiceId, 'webhook');
    expect(paused.row.status).toBe('needs_review');
    expect(await database.db.transaction((tx) => discardPausedRun(tx, memberActor(practice.admin), paused.row.id))).toBe(true);
    expect(await execute(paused.row.id)).toMatchObject({ result: { outcome: 'not_claimed' }, row: { status: 'cancelled', error: 'Discarded after review: nothing was applied.' } });
    expect(await writesToXpm()).toBe(0);
    expect(await xpmNames(ids)).toEqual(xpmBefore);
    expect(await changesOf(paused.row.id)).toEqual([]);

    // The member saves one client: its push sends that client alone, though nine others differ too.
    const { updateClient } = await import('@/lib/commands/clients');
    const [row] = await database.db.select().from(clients).where(eq(clients.id, clientIds[0]!));
    const contacts = await database.db.select().from(clientContacts).where(eq(clientContacts.clientId, clientIds[0]!));
    const { id: _id, practiceId: _p, archivedAt: _a, version, createdAt: _c, updatedAt: _u, ...columns } = row!;
    const input: ClientInput = { ...columns, name: 'Push Discarded edited', contacts: contacts.map((c) => ({ ...c, id: c.id })) };
    const { push } = await database.db.transaction((tx) => updateClient(tx, memberActor(practice.admin), clientIds[0]!, version, input));
    expect(push?.kind).toBe('queued');
    const edited = await execute((push as { runId: string }).runId);
    expect(edited.result).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(edited.row).toMatchObject({ trigger: 'edit', onlyExternalIds: [records[0]!.id], updated: 1, reviewReason: null });
    expect(await xpmNames(ids)).toEqual(new Map([...xpmBefore].map(([id, name]) => [id, id === records[0]!.id ? 'Push Discarded edited' : name])));
    expect(await writesToXpm()).toBe(1);
  });

  test('under the threshold (2 of 10 clients) a scheduled push sends directly', async () => {
    const { practice, records, ids } = await practiceWithLinks('Push Few', 2);
    await control(sandbox.url, 'counters/reset', {});
    const { result, row } = await runAs(practice.practiceId, 'schedule');
    expect(result).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(row).toMatchObject({ updated: 2, unchanged: 8, reviewReason: null });
    expect(await writesToXpm()).toBe(2);
    const names = await xpmNames(ids);
    expect(names.get(records[0]!.id)).toBe('Push Few here 0');
    expect(names.get(records[1]!.id)).toBe('Push Few here 1');
    expect(names.get(records[2]!.id)).toBe(records[2]!.name);
    expect((await changesOf(row.id)).map((c) => c.externalId).sort()).toEqual([records[0]!.id, records[1]!.id].sort());
  });
});
