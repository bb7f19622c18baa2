import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientContacts, clientFieldProvenance, clientLinkAudit, clientLinks, clients, connections, syncRunChanges, syncRuns } from '@/db/schema';
import { finishedRunWithChange } from '@/test/finished-run';
import { memberActor, systemActor } from '@/lib/commands/actor';
import { connectDirectly, connectXpmToXpm } from '@/lib/integrations/testing/direct-connection';
import { control } from '@/lib/providers/testing/sandbox-controls';
import { startSandbox } from '@/lib/sandbox/server';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { undoKey } from './plan-undo';

/**
 * "Undo this run" (issue 12, requirement 2) against the running sandbox: an undo restores
 * exactly what the run overwrote and leaves later edits alone unless ticked; it is a run of its
 * own that can be undone back to the run's result; undoing a From-Gusto run calls no Gusto
 * endpoint; undoing a To-XPM run sends XPM the values it had before, as a recorded push.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
// XPM's 60 calls a minute per tenant are shared by both databases' tests.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-undo-`);
});
afterAll(() => sandbox?.close());

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;
let nextCompany = 0;

function undoSuite(target: ReturnType<typeof testDatabases>[number]) {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  async function gustoPractice(name: string, companies: number) {
    const all = await control<{ id: string; name: string }[]>(sandbox.url, 'gusto/companies');
    const mine = all.slice(nextCompany, nextCompany + companies);
    nextCompany += companies;
    const practice = await createPracticeMembers(database.db, name);
    for (const company of mine) await connectDirectly(database.db, sandbox.url, practice, 'gusto', company.id);
    await database.db.update(connections).set({ syncData: 'everything', syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    return { practice, companies: mine };
  }

  async function syncRun(practice: Practice, app: 'xpm' | 'gusto') {
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    const { executeSyncRun } = await import('@/lib/sync/engine');
    const request = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, 'schedule'), { app }));
    expect(request.kind).toBe('queued');
    const runId = (request as { runId: string }).runId;
    await executeSyncRun(runId);
    return runId;
  }

  async function undo(practice: Practice, runId: string, ticked: string[] = []) {
    const { executeUndo } = await import('./apply-undo');
    const { loadUndoSource } = await import('./read-undo');
    const source = await loadUndoSource(database.db, practice.practiceId, runId);
    const result = await executeUndo(database.db, { practiceId: practice.practiceId, memberId: practice.admin.userId }, source!, new Set(ticked));
    expect(result.kind).toBe('done');
    return result as Extract<typeof result, { kind: 'done' }>;
  }

  const clientRow = async (id: string) => (await database.db.select().from(clients).where(eq(clients.id, id)))[0]!;
  const changesOf = (runId: string) => database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, runId));
  const runRow = async (id: string) => (await database.db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0]!;
  const contactNames = async (clientId: string) =>
    (await database.db.select({ name: clientContacts.name }).from(clientContacts).where(eq(clientContacts.clientId, clientId)).orderBy(clientContacts.sortOrder)).map(
      (c) => c.name,
    );
  const counters = async () => JSON.stringify(await control(sandbox.url, 'counters'));

  /** A practice with XPM connected, set to Everything / To XPM, and an XPM client for its grant. */
  async function toXpmPractice(name: string) {
    const practice = await createPracticeMembers(database.db, name);
    const { xpm } = await connectXpmToXpm(database.db, sandbox.url, practice);
    return { practice, xpm };
  }

  test('undo restores exactly the overwritten values, leaves a later edit alone (unless ticked), calls no Gusto endpoint, and an undo of the undo returns to the run’s result', async () => {
    const { practice, companies } = await gustoPractice('Undo From Gusto', 1);
    const company = companies[0]!;
    await control(sandbox.url, 'records/change', { app: 'gusto', id: company.id, fields: { trade_name: 'Trading From Gusto' } });
    const [row] = await database.db
      .insert(clients)
      .values({ practiceId: practice.practiceId, name: 'Undo old name', tradingName: 'Old trading', businessNumber: '00-0000000', website: 'https://kept.example.com' })
      .returning({ id: clients.id });
    const clientId = row!.id;
    await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId, app: 'gusto', externalId: company.id });
    const before = await clientRow(clientId);

    const runId = await syncRun(practice, 'gusto');
    const [change] = await changesOf(runId);
    const overwritten = change!.fields.map((f) => f.field);
    expect(overwritten).toEqual(expect.arrayContaining(['name', 'tradingName', 'businessNumber']));
    const result = await clientRow(clientId);
    expect(result.name).toBe(company.name);
    // Gusto's signatory became the client's contact: the undo takes the list back too.
    expect(change!.contacts?.before).toEqual([]);
    const resultContacts = await contactNames(clientId);
    expect(resultContacts.length).toBeGreaterThan(0);

    // A person edits the trading name after the run: the undo must not take their edit away.
    await database.db.update(clients).set({ tradingName: 'Edited here' }).where(eq(clients.id, clientId));

    const { previewUndo, loadUndoSource } = await import('./read-undo');
    const preview = await previewUndo(database.db, memberActor(practice.admin), (await loadUndoSource(database.db, practice.practiceId, runId))!, 100);
    expect(preview.plans[0]!.fields.find((f) => f.field === 'tradingName')).toMatchObject({ decision: 'changed_since', current: 'Edited here', restored: 'Old trading' });
    expect(preview.plans[0]!.fields.find((f) => f.field === 'name')).toMatchObject({ decision: 'restore', current: company.name, restored: 'Undo old name' });

    const countersBefore = await counters();
    const undone = await undo(practice, runId);
    expect(await counters()).toBe(countersBefore); // undoing a From-Gusto run sends Gusto nothing (nor reads it)
    expect(undone).toMatchObject({ status: 'succeeded', counts: { updated: 1 } });
    const restored = await clientRow(clientId);
    for (const field of overwritten.filter((f) => f !== 'tradingName' && f !== 'contacts')) {
      expect.soft(restored[field as keyof typeof restored], field).toEqual(before[field as keyof typeof before]);
    }
    expect(restored.tradingName).toBe('Edited here');
    expect(await contactNames(clientId)).toEqual([]);
    expect(restored.website).toBe('https://kept.example.com');
    expect(await runRow(undone.runId)).toMatchObject({
      trigger: 'undo',
      undoOfRunId: runId,
      requestedByUserId: practice.admin.userId,
      status: 'succeeded',
      app: 'gusto',
      direction: 'from_app',
    });
    const [undoChange] = await changesOf(undone.runId);
    expect(undoChange!.fields.find((f) => f.field === 'name')).toEqual({ field: 'name', before: company.name, after: 'Undo old name' });
    expect(undoChange!.fields.some((f) => f.field === 'tradingName')).toBe(false);
    // Provenance names the undo for what it restored, and still the run for what it left alone.
    const provenance = await database.db.select().from(clientFieldProvenance).where(eq(clientFieldProvenance.clientId, clientId));
    expect(provenance.find((p) => p.field === 'name')?.syncRunId).toBe(undone.runId);
    expect(provenance.find((p) => p.field === 'tradingName')?.syncRunId).toBe(runId);
    // The link's synced hash is kept: the next run finds Gusto unchanged and does not re-apply it.
    const next = await syncRun(practice, 'gusto');
    expect(await runRow(next)).toMatchObject({ updated: 0 });
    expect((await clientRow(clientId)).name).toBe('Undo old name');

    // Undo of the undo: back to the run's result (the edited field was never the undo's to change).
    const redo = await undo(practice, undone.runId);
    expect(redo.status).toBe('succeeded');
    const again = await clientRow(clientId);
    for (const field of overwritten.filter((f) => f !== 'tradingName' && f !== 'contacts')) {
      expect.soft(again[field as keyof typeof again], field).toEqual(result[field as keyof typeof result]);
    }
    expect(again.tradingName).toBe('Edited here');
    expect(await contactNames(clientId)).toEqual(resultContacts);

    // Undoing the run once more, with the edited field ticked: it is restored after all.
    const ticked = await undo(practice, runId, [undoKey(clientId, 'tradingName')]);
    expect(ticked.status).toBe('succeeded');
    expect(await clientRow(clientId)).toMatchObject({ name: 'Undo old name', tradingName: 'Old trading' });
  });

  test('a link the run made by exact name is removed and the client kept; undoing the undo links it again', async () => {
    const { practice, companies } = await gustoPractice('Undo Link', 1);
    const company = companies[0]!;
    const [row] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name: company.name }).returning({ id: clients.id });
    const runId = await syncRun(practice, 'gusto');
    expect((await changesOf(runId))[0]).toMatchObject({ clientId: row!.id, kind: 'linked' });
    const linkOf = () =>
      database.db
        .select()
        .from(clientLinks)
        .where(and(eq(clientLinks.practiceId, practice.practiceId), eq(clientLinks.clientId, row!.id)));
    expect(await linkOf()).toHaveLength(1);

    const undone = await undo(practice, runId);
    expect(await linkOf()).toHaveLength(0);
    expect((await clientRow(row!.id)).archivedAt).toBeNull(); // never deleted, never archived
    expect((await changesOf(undone.runId))[0]).toMatchObject({ kind: 'unlinked', externalId: company.id });

    const redone = await undo(practice, undone.runId);
    expect(await linkOf()).toEqual([expect.objectContaining({ app: 'gusto', externalId: company.id })]);
    // Each link change is in the client's link audit, naming the run that made it.
    const audit = await database.db
      .select({
        action: clientLinkAudit.action,
        before: clientLinkAudit.beforeExternalId,
        after: clientLinkAudit.afterExternalId,
        trigger: clientLinkAudit.trigger,
        runId: clientLinkAudit.syncRunId,
      })
      .from(clientLinkAudit)
      .where(eq(clientLinkAudit.clientId, row!.id))
      .orderBy(clientLinkAudit.createdAt);
    expect(audit).toEqual([
      { action: 'link', before: null, after: company.id, trigger: 'schedule', runId },
      { action: 'unlink', before: company.id, after: null, trigger: 'undo', runId: undone.runId },
      { action: 'link', before: null, after: company.id, trigger: 'undo', runId: redone.runId },
    ]);
  });

  test('an undo is refused while another run of the app is queued or running', async () => {
    const { practice } = await gustoPractice('Undo Busy', 1);
    const [row] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name: 'Busy client' }).returning({ id: clients.id });
    const done = await finishedRunWithChange(
      database.db,
      { practiceId: practice.practiceId, app: 'gusto', direction: 'from_app', trigger: 'manual' },
      { clientId: row!.id, externalId: 'x', kind: 'updated', fields: [{ field: 'name', before: 'Was', after: 'Busy client' }] },
    );
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    const waiting = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, 'schedule'), { app: 'gusto' }));
    const { executeUndo } = await import('./apply-undo');
    const { loadUndoSource } = await import('./read-undo');
    const source = (await loadUndoSource(database.db, practice.practiceId, done))!;
    const result = await executeUndo(database.db, { practiceId: practice.practiceId, memberId: practice.admin.userId }, source, new Set());
    expect(result).toEqual({ kind: 'busy', runId: (waiting as { runId: string }).runId });
    expect((await clientRow(row!.id)).name).toBe('Busy client');
    // Another practice's run is not found at all.
    const other = await createPracticeMembers(database.db, 'Undo Other');
    expect(await loadUndoSource(database.db, other.practiceId, done)).toBeNull();
  });

  test('an undo a worker finds (its process died mid-way) is ended failed in words, never run as a sync', async () => {
    const { practice } = await gustoPractice('Undo Stranded', 0);
    const [stranded] = await database.db
      .insert(syncRuns)
      .values({ practiceId: practice.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'undo', status: 'queued' })
      .returning({ id: syncRuns.id });
    const { executeSyncRun } = await import('@/lib/sync/engine');
    expect(await executeSyncRun(stranded!.id)).toEqual({ outcome: 'finished', status: 'failed' });
    expect(await runRow(stranded!.id)).toMatchObject({ status: 'failed', fetched: 0, error: expect.stringMatching(/undo the run again/) });
  });

  test('undoing a To-XPM run sends XPM the values it had before, as a recorded push; the next To-XPM run does not send the run’s values again; undoing that undo sends them back', async () => {
    const { practice, xpm } = await toXpmPractice('Undo To XPM');
    const record = await xpm.addClient({ name: `Undo Push ${target.name} ${Date.now()}`, website: 'https://before.example.com', email: 'before@example.com' });
    const [row] = await database.db
      .insert(clients)
      .values({ practiceId: practice.practiceId, name: record.name, website: 'https://after.example.com', email: 'after@example.com' })
      .returning({ id: clients.id });
    await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: row!.id, app: 'xpm', externalId: record.externalId });
    const read = async () => {
      const got = await xpm.getClient(record.externalId);
      if (!got.ok) throw new Error(got.error);
      return got.record;
    };

    const runId = await syncRun(practice, 'xpm');
    expect(await read()).toMatchObject({ website: 'https://after.example.com', email: 'after@example.com' });
    // Someone edits the email in XPM after the run: the undo leaves it alone.
    await xpm.updateClient(record.externalId, { email: 'edited-in-xpm@example.com' }, { syncData: 'everything' });

    const undone = await undo(practice, runId);
    expect(undone).toMatchObject({ status: 'succeeded', counts: { updated: 1 } });
    expect(await read()).toMatchObject({ website: 'https://before.example.com', email: 'edited-in-xpm@example.com' });
    expect(await clientRow(row!.id)).toMatchObject({ website: 'https://after.example.com' }); // the client here is not touched
    expect(await runRow(undone.runId)).toMatchObject({ trigger: 'undo', direction: 'to_app', undoOfRunId: runId });
    expect((await changesOf(undone.runId))[0]!.fields).toEqual([{ field: 'website', before: 'https://after.example.com', after: 'https://before.example.com' }]);

    const next = await syncRun(practice, 'xpm');
    expect(await runRow(next)).toMatchObject({ updated: 0 });
    expect((await read()).website).toBe('https://before.example.com');

    await undo(practice, undone.runId);
    expect((await read()).website).toBe('https://after.example.com');
  });

  test('a To-XPM undo sends nothing to a record archived in XPM since, and counts it Skipped, not already as before', async () => {
    const { practice, xpm } = await toXpmPractice('Undo To XPM archived');
    const record = await xpm.addClient({ name: `Undo Archived ${target.name} ${Date.now()}`, website: 'https://before.example.com' });
    const [row] = await database.db
      .insert(clients)
      .values({ practiceId: practice.practiceId, name: record.name, website: 'https://after.example.com' })
      .returning({ id: clients.id });
    await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: row!.id, app: 'xpm', externalId: record.externalId });
    const runId = await syncRun(practice, 'xpm');
    await xpm.archiveClient(record.externalId);

    const undone = await undo(practice, runId);
    expect(undone.counts).toEqual({ skipped: 1 });
    const got = await xpm.getClient(record.externalId);
    if (!got.ok) throw new Error(got.error);
    expect(got.record.website).toBe('https://after.example.com'); // nothing was sent
  });
}

for (const target of testDatabases()) describe(`undo a run on ${target.name}`, () => undoSuite(target));
