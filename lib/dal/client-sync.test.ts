import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientFieldProvenance, clientLinkAudit, clientLinks, clients, connections, directoryRecords, syncRunChanges, syncRuns } from '@/db/schema';
import { finishedRunWithChange } from '@/test/finished-run';
import { systemActor } from '@/lib/commands/actor';
import { insertAutoLinks } from '@/lib/commands/client-sync-batch';
import { requestSyncRun } from '@/lib/commands/sync-runs';
import { connectDirectly } from '@/lib/integrations/testing/direct-connection';
import { startSandbox } from '@/lib/sandbox/server';
import { control } from '@/lib/providers/testing/sandbox-controls';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { isActionError } from './action';
import { adoptDirectoryRecord } from './client-picker/adopt-directory-record';
import { canonicalRecord, connectApps, insertDirectoryRecord } from './client-picker/directory-fixture';
import { getClientSync, linkClientToRecord, relinkClient, unlinkClient } from './client-sync';
import { getClient, updateClient } from './clients';
import { clientInputSchema } from '@/lib/validation/client';

/**
 * A client's Sync section and the admin's Link to… / Unlink / Relink (issue 12): every change
 * audited (who, when, before, after), nothing deleted by an unlink, a record held by another
 * client refused by name, authors and other practices refused — and a relink that moves the
 * client to another record without losing what the runs recorded (against the sandbox's XPM).
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-client-sync-`);
});
afterAll(() => sandbox?.close());

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

/** What a command threw, as its code and words (ActionError or CommandError alike). */
async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').not.toBeNull();
  const e = error as { code: string; message: string; formError?: string };
  return { code: e.code, message: isActionError(error) ? (e.formError ?? e.message) : e.message };
}

let nextSlice = 0;
async function liveXpmClients(n: number): Promise<{ id: string; name: string }[]> {
  const { clients: all } = await control<{ clients: { id: string; name: string; isArchived: boolean; isDeleted: boolean }[] }>(sandbox.url, 'xpm/clients?limit=1000');
  const live = all.filter((c) => !/\(renamed\)/.test(c.name) && !c.isArchived && !c.isDeleted);
  // Far from the start: other files take theirs from the front; each database takes its own slice.
  const slice = live.slice(500 + nextSlice, 500 + nextSlice + n);
  nextSlice += n;
  return slice;
}

describe.each(testDatabases())('client sync links on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  let b: Practice;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    await connectApps(database.db, a.practiceId, ['xpm', 'gusto']);
  });
  afterAll(() => uninstallTestDatabase(database));

  async function addClient(practice: Practice, name: string) {
    const [row] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name }).returning({ id: clients.id });
    return row!.id;
  }
  const linkOf = async (clientId: string, app: 'xpm' | 'gusto') =>
    (
      await database.db
        .select({ externalId: clientLinks.externalId, lastSyncedHash: clientLinks.lastSyncedHash, status: clientLinks.status, linkedByUserId: clientLinks.linkedByUserId })
        .from(clientLinks)
        .where(and(eq(clientLinks.clientId, clientId), eq(clientLinks.app, app)))
    )[0] ?? null;
  const auditOf = (clientId: string) =>
    database.db
      .select({
        action: clientLinkAudit.action,
        app: clientLinkAudit.app,
        before: clientLinkAudit.beforeExternalId,
        after: clientLinkAudit.afterExternalId,
        userId: clientLinkAudit.userId,
        trigger: clientLinkAudit.trigger,
        syncRunId: clientLinkAudit.syncRunId,
      })
      .from(clientLinkAudit)
      .where(eq(clientLinkAudit.clientId, clientId))
      .orderBy(clientLinkAudit.createdAt);

  test('Link to…, Unlink and Link to… again: each audited with who, before and after; unlinking deletes neither the client nor the record', async () => {
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('gusto', 'co-link-1', { name: 'Wattle Bakery', email: 'hi@wattle.example' }));
    const clientId = await addClient(a, 'Wattle Bakery Pty Ltd');

    await linkClientToRecord(a.admin, { clientId, app: 'gusto', externalId: 'co-link-1' });
    // No synced hash: Gusto's next run compares the record with the client and records what moves.
    expect(await linkOf(clientId, 'gusto')).toEqual({ externalId: 'co-link-1', lastSyncedHash: null, status: 'active', linkedByUserId: a.admin.userId });

    await unlinkClient(a.admin, { clientId, app: 'gusto' });
    expect(await linkOf(clientId, 'gusto')).toBeNull();
    expect(await database.db.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId))).toHaveLength(1);
    expect(await database.db.select({ id: directoryRecords.id }).from(directoryRecords).where(eq(directoryRecords.externalId, 'co-link-1'))).toHaveLength(1);

    await linkClientToRecord(a.admin, { clientId, app: 'gusto', externalId: 'co-link-1' });
    expect(await auditOf(clientId)).toEqual([
      { action: 'link', app: 'gusto', before: null, after: 'co-link-1', userId: a.admin.userId, trigger: 'manual', syncRunId: null },
      { action: 'unlink', app: 'gusto', before: 'co-link-1', after: null, userId: a.admin.userId, trigger: 'manual', syncRunId: null },
      { action: 'link', app: 'gusto', before: null, after: 'co-link-1', userId: a.admin.userId, trigger: 'manual', syncRunId: null },
    ]);
    const view = await getClientSync(a.author, clientId);
    expect(view?.links.map((l) => [l.app, l.recordName, l.status, l.linkedByName])).toEqual([['gusto', 'Wattle Bakery', 'active', a.admin.name]]);
    expect(view?.unlinkedApps).toEqual(['xpm']);
    expect(view?.audit.map((e) => e.action)).toEqual(['link', 'unlink', 'link']);
  });

  test('a record already linked to another client is refused, naming that client; a linked client is told to relink', async () => {
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'xpm-taken', { name: 'Taken Pty Ltd' }));
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'xpm-free', { name: 'Free Pty Ltd' }));
    const holder = await addClient(a, 'Holder Co');
    const other = await addClient(a, 'Other Co');
    await linkClientToRecord(a.admin, { clientId: holder, app: 'xpm', externalId: 'xpm-taken' });

    expect(await refusal(linkClientToRecord(a.admin, { clientId: other, app: 'xpm', externalId: 'xpm-taken' }))).toEqual({
      code: 'refused',
      message: 'XPM’s “Taken Pty Ltd” is already linked to Holder Co. Unlink it there first.',
    });
    await linkClientToRecord(a.admin, { clientId: other, app: 'xpm', externalId: 'xpm-free' });
    expect((await refusal(relinkClient(a.admin, { clientId: other, app: 'xpm', externalId: 'xpm-taken' }))).message).toContain('already linked to Holder Co');
    expect(await refusal(linkClientToRecord(a.admin, { clientId: holder, app: 'xpm', externalId: 'xpm-free' }))).toEqual({
      code: 'stale',
      message: 'This client is already linked to another XPM record. Reload the page; use Relink to change it.',
    });
    // Nothing moved: each record is still its first client's.
    expect((await linkOf(holder, 'xpm'))?.externalId).toBe('xpm-taken');
    expect((await linkOf(other, 'xpm'))?.externalId).toBe('xpm-free');
  });

  test('authors and other practices change nothing: forbidden, not found', async () => {
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('gusto', 'co-guarded', { name: 'Guarded Co' }));
    const clientId = await addClient(a, 'Guarded Co');
    expect((await refusal(linkClientToRecord(a.author, { clientId, app: 'gusto', externalId: 'co-guarded' }))).code).toBe('forbidden');
    expect((await refusal(linkClientToRecord(b.admin, { clientId, app: 'gusto', externalId: 'co-guarded' }))).code).toBe('not_found');
    await linkClientToRecord(a.admin, { clientId, app: 'gusto', externalId: 'co-guarded' });
    expect((await refusal(unlinkClient(a.author, { clientId, app: 'gusto' }))).code).toBe('forbidden');
    expect((await refusal(unlinkClient(b.admin, { clientId, app: 'gusto' }))).code).toBe('not_found');
    expect((await refusal(relinkClient(b.admin, { clientId, app: 'gusto', externalId: 'co-guarded' }))).code).toBe('not_found');
    expect(await getClientSync(b.admin, clientId)).toBeNull();
    expect((await getClientSync(a.author, clientId))?.canManageLinks).toBe(false);
    expect((await linkOf(clientId, 'gusto'))?.externalId).toBe('co-guarded');
    expect((await auditOf(clientId)).map((e) => e.userId)).toEqual([a.admin.userId]);
  });

  test("the engine's automatic links and the picker's links are audited: the run (trigger and id), the member", async () => {
    const byRun = await addClient(a, 'Auto Linked Co');
    const [run] = await database.db
      .insert(syncRuns)
      .values({ practiceId: a.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'running' })
      .returning({ id: syncRuns.id });
    const runId = run!.id;
    await database.db.transaction((tx) => insertAutoLinks(tx, systemActor(a.practiceId, 'schedule', runId), 'gusto', [{ externalId: 'co-auto', clientId: byRun }]));
    expect(await auditOf(byRun)).toEqual([{ action: 'link', app: 'gusto', before: null, after: 'co-auto', userId: null, trigger: 'schedule', syncRunId: runId }]);
    // Why the run linked it is what the run recorded of the record, never assumed: none yet, then "created".
    expect((await getClientSync(a.admin, byRun))?.audit.map((e) => e.runChange)).toEqual([null]);
    await database.db.insert(syncRunChanges).values({ practiceId: a.practiceId, runId, clientId: byRun, externalId: 'co-auto', kind: 'created' });
    expect((await getClientSync(a.admin, byRun))?.audit.map((e) => e.runChange)).toEqual(['created']);

    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'xpm-picked', { name: 'Picked By Author Ltd' }));
    const picked = await database.db.transaction((tx) => adoptDirectoryRecord(tx, a.author, 'xpm', 'xpm-picked', { linkToClientId: null, createNew: false, shownClientIds: [] }));
    expect(await auditOf(picked.clientId)).toEqual([
      { action: 'link', app: 'xpm', before: null, after: 'xpm-picked', userId: a.author.userId, trigger: 'manual', syncRunId: null },
    ]);
  });

  test('the link history names each record as it was named then, and by its name now when renamed since (a user trial read today’s name as the one linked)', async () => {
    const rename = (externalId: string, name: string) =>
      database.db
        .update(directoryRecords)
        .set({ name })
        .where(and(eq(directoryRecords.practiceId, a.practiceId), eq(directoryRecords.externalId, externalId)));
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'xpm-then-1', { name: 'Banksia Dental' }));
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'xpm-then-2', { name: 'Banksia Dental Group' }));
    const clientId = await addClient(a, 'Banksia Dental');

    await linkClientToRecord(a.admin, { clientId, app: 'xpm', externalId: 'xpm-then-1' });
    await rename('xpm-then-1', 'Banksia Dental Surgery');
    await relinkClient(a.admin, { clientId, app: 'xpm', externalId: 'xpm-then-2' });
    await unlinkClient(a.admin, { clientId, app: 'xpm' });
    await rename('xpm-then-2', 'Banksia Smiles');

    const stored = await database.db
      .select({ action: clientLinkAudit.action, beforeName: clientLinkAudit.beforeName, afterName: clientLinkAudit.afterName })
      .from(clientLinkAudit)
      .where(eq(clientLinkAudit.clientId, clientId))
      .orderBy(clientLinkAudit.createdAt, clientLinkAudit.id);
    expect(stored).toEqual([
      { action: 'link', beforeName: null, afterName: 'Banksia Dental' },
      { action: 'relink', beforeName: 'Banksia Dental Surgery', afterName: 'Banksia Dental Group' },
      { action: 'unlink', beforeName: 'Banksia Dental Group', afterName: null },
    ]);
    const view = await getClientSync(a.author, clientId);
    expect(view?.audit.map((e) => [e.action, e.beforeName, e.beforeNameNow, e.afterName, e.afterNameNow])).toEqual([
      ['unlink', 'Banksia Dental Group', 'Banksia Smiles', null, null],
      ['relink', 'Banksia Dental Surgery', 'Banksia Dental Surgery', 'Banksia Dental Group', 'Banksia Smiles'],
      ['link', null, null, 'Banksia Dental', 'Banksia Dental Surgery'],
    ]);

    // A run's link (one multi-row statement for the batch) keeps each record's name too.
    const [run] = await database.db
      .insert(syncRuns)
      .values({ practiceId: a.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'succeeded' })
      .returning({ id: syncRuns.id });
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('gusto', 'co-then-1', { name: 'Grevillea Cafe' }));
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('gusto', 'co-then-2', { name: 'Hakea Hardware' }));
    const first = await addClient(a, 'Grevillea Cafe');
    const second = await addClient(a, 'Hakea Hardware');
    await database.db.transaction((tx) =>
      insertAutoLinks(tx, systemActor(a.practiceId, 'schedule', run!.id), 'gusto', [
        { externalId: 'co-then-1', clientId: first },
        { externalId: 'co-then-2', clientId: second },
      ]),
    );
    await rename('co-then-1', 'Grevillea Kitchen');
    expect((await getClientSync(a.admin, first))?.audit.map((e) => [e.afterName, e.afterNameNow])).toEqual([['Grevillea Cafe', 'Grevillea Kitchen']]);
    expect((await getClientSync(a.admin, second))?.audit.map((e) => [e.afterName, e.afterNameNow])).toEqual([['Hakea Hardware', 'Hakea Hardware']]);
  });

  test('relink moves provenance to the new link without losing history', { timeout: 60_000 }, async () => {
    const practice = await createPracticeMembers(database.db, 'Relinkers');
    await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    await database.db.update(connections).set({ syncData: 'everything', syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    const [first, second] = await liveXpmClients(2);
    const [row] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name: 'Wrongly Mapped Co' }).returning({ id: clients.id });
    const clientId = row!.id;
    await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId, app: 'xpm', externalId: first!.id });

    const { executeSyncRun } = await import('@/lib/sync/engine');
    const runFor = async (externalId: string) => {
      const requested = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, 'manual'), { app: 'xpm', onlyExternalIds: [externalId] }));
      expect(requested.kind).toBe('queued');
      const runId = (requested as { runId: string }).runId;
      await executeSyncRun(runId);
      return runId;
    };
    const nameOf = async () => (await database.db.select({ name: clients.name }).from(clients).where(eq(clients.id, clientId)))[0]!.name;
    const provenance = () =>
      database.db
        .select({ field: clientFieldProvenance.field, app: clientFieldProvenance.app, syncRunId: clientFieldProvenance.syncRunId })
        .from(clientFieldProvenance)
        .where(eq(clientFieldProvenance.clientId, clientId))
        .orderBy(clientFieldProvenance.field);

    const firstRun = await runFor(first!.id);
    expect(await nameOf()).toBe(first!.name);
    const afterFirst = await provenance();
    expect(afterFirst.find((p) => p.field === 'name')).toEqual({ field: 'name', app: 'xpm', syncRunId: firstRun });
    // The second record reaches the directory (a run that reads only it; nobody here is named like it).
    await runFor(second!.id);

    await relinkClient(practice.admin, { clientId, app: 'xpm', externalId: second!.id });
    // Kept: the values, each field's provenance (app and run), the first run's change rows; the audit names both records.
    expect(await nameOf()).toBe(first!.name);
    expect(await provenance()).toEqual(afterFirst);
    expect(await database.db.select({ runId: syncRunChanges.runId }).from(syncRunChanges).where(eq(syncRunChanges.clientId, clientId))).toEqual([{ runId: firstRun }]);
    expect(await auditOf(clientId)).toEqual([
      { action: 'relink', app: 'xpm', before: first!.id, after: second!.id, userId: practice.admin.userId, trigger: 'manual', syncRunId: null },
    ]);
    // Reset: the next run compares the new record with the client.
    expect(await linkOf(clientId, 'xpm')).toEqual({ externalId: second!.id, lastSyncedHash: null, status: 'active', linkedByUserId: practice.admin.userId });

    // A hand edit in between: the field's provenance names the member, until the run writes it again.
    const { id: _id, version, archived: _a, archivedAt: _aa, createdAt: _c, updatedAt: _u, ...current } = (await getClient(practice.admin, clientId))!;
    await updateClient(practice.admin, clientId, version, clientInputSchema.parse({ ...current, name: 'Named By Hand' }));
    expect((await provenance()).find((p) => p.field === 'name')).toEqual({ field: 'name', app: null, syncRunId: null });

    const secondRun = await runFor(second!.id);
    expect(await nameOf()).toBe(second!.name);
    expect((await provenance()).find((p) => p.field === 'name')).toEqual({ field: 'name', app: 'xpm', syncRunId: secondRun });
    const view = await getClientSync(practice.admin, clientId);
    const name = view?.fields.find((f) => f.field === 'name');
    expect(name?.recentChanges.map((c) => [c.runId, c.before, c.after])).toEqual([
      [secondRun, 'Named By Hand', second!.name],
      [firstRun, 'Wrongly Mapped Co', first!.name],
    ]);
    // A run To XPM records XPM's value and the one sent: not a change of this client's value, so
    // not among its recent changes (a trial read an undo's send as a rename of the client).
    await finishedRunWithChange(
      database.db,
      { practiceId: practice.practiceId, app: 'xpm', direction: 'to_app', trigger: 'undo' },
      { clientId, externalId: second!.id, kind: 'updated', fields: [{ field: 'name', before: second!.name, after: 'Another Name In XPM' }] },
    );
    const again = (await getClientSync(practice.admin, clientId))?.fields.find((f) => f.field === 'name');
    expect(again?.recentChanges.map((c) => c.runId)).toEqual([secondRun, firstRun]);
    expect(view?.links[0]).toMatchObject({ app: 'xpm', externalId: second!.id, recordName: second!.name, status: 'active' });
  });
});
