import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientContacts, clientLinks, clients, connectionGrants, connections, directoryRecords, syncRunChanges, syncRunErrors, syncRuns, syncRunSkips } from '@/db/schema';
import { memberActor, systemActor } from '@/lib/commands/actor';
import { connectDirectly } from '@/lib/integrations/testing/direct-connection';
import { control } from '@/lib/providers/testing/sandbox-controls';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { clientFromCanonical } from '@/lib/sync/mapping/client-from-canonical';
import type { ClientInput } from '@/lib/validation/client';
import { startSandbox } from '@/lib/sandbox/server';
import { INJECTED_READ_ERRORS, readWithErrors } from '@/lib/sync/testing/read-with-errors';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * To-XPM runs against the running sandbox (issue 11, "What a user can do", first bullet): a
 * member's edit of a linked client asks for a run; the run sends the change; XPM's record
 * has the new values and keeps the rest; Client name sends the name only; a replay sends
 * nothing; the next From-XPM read finds no change; one record XPM fails on fails alone.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;

// Both databases' tests share one sandbox tenant, and the adapter keeps to XPM's 60 calls a
// minute per tenant: the second database's tests may wait for the minute to turn.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-push-`);
});
afterAll(() => sandbox?.close());
afterEach(async () => {
  await control(sandbox.url, 'faults', undefined, 'DELETE');
});

interface XpmSummary {
  id: string;
  name: string;
  isArchived: boolean;
  isDeleted: boolean;
}

let nextXpmSlice = 0;
async function xpmClients(n: number): Promise<XpmSummary[]> {
  const { clients: all } = await control<{ clients: XpmSummary[] }>(sandbox.url, 'xpm/clients?limit=1000');
  const live = all.filter((c) => !/\(renamed\)/.test(c.name) && !c.isArchived && !c.isDeleted);
  // From the end of the seed: the engine's From tests take theirs from the start.
  const slice = live.slice(live.length - nextXpmSlice - n, live.length - nextXpmSlice);
  nextXpmSlice += n;
  return slice;
}

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

function pushSuite(target: ReturnType<typeof testDatabases>[number]) {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  async function practiceToXpm(name: string, syncData: 'everything' | 'client_name' = 'everything'): Promise<Practice> {
    const practice = await createPracticeMembers(database.db, name);
    await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    await database.db.update(connections).set({ syncData, syncDirection: 'to_app' }).where(eq(connections.practiceId, practice.practiceId));
    return practice;
  }

  /** The adapter over the practice's grant: what XPM holds now. */
  async function readXpm(practice: Practice, uuid: string): Promise<CanonicalClient> {
    const { xpmClientFor } = await import('@/lib/integrations/grant-clients');
    const [grant] = await database.db
      .select({ id: connectionGrants.id, practiceId: connectionGrants.practiceId, connectionId: connectionGrants.connectionId, externalId: connectionGrants.externalId })
      .from(connectionGrants)
      .where(eq(connectionGrants.practiceId, practice.practiceId));
    const result = await xpmClientFor(grant!).getClient(uuid);
    if (!result.ok) throw new Error(result.error);
    return result.record;
  }

  /** A client made from the XPM record and linked to it, as the picker does. */
  async function linkedClient(practice: Practice, record: CanonicalClient): Promise<string> {
    const { createClientFromRecord, linkClient } = await import('@/lib/commands/clients');
    return database.db.transaction(async (tx) => {
      const actor = memberActor(practice.admin);
      const { id } = await createClientFromRecord(tx, actor, 'xpm', record);
      await linkClient(tx, actor, { app: 'xpm', externalId: record.externalId, clientId: id, lastSyncedHash: null });
      return id;
    });
  }

  /** A member's save through the client command: returns the push it asked for. */
  async function edit(practice: Practice, clientId: string, change: (input: ClientInput) => ClientInput) {
    const { updateClient } = await import('@/lib/commands/clients');
    const [row] = await database.db.select().from(clients).where(eq(clients.id, clientId));
    const contacts = await database.db.select().from(clientContacts).where(eq(clientContacts.clientId, clientId));
    const { id: _id, practiceId: _p, archivedAt: _a, version, createdAt: _c, updatedAt: _u, ...columns } = row!;
    const input: ClientInput = {
      ...columns,
      contacts: contacts.map((c) => ({
        id: c.id,
        name: c.name,
        email: c.email,
        phone: c.phone,
        mobile: c.mobile,
        salutation: c.salutation,
        position: c.position,
        isPrimary: c.isPrimary,
      })),
    };
    const { push } = await database.db.transaction((tx) => updateClient(tx, memberActor(practice.admin), clientId, version, change(input)));
    return push;
  }

  async function execute(runId: string) {
    const { executeSyncRun } = await import('./index');
    const result = await executeSyncRun(runId);
    const [row] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    return { result, row: row! };
  }

  async function scheduledRun(practice: Practice) {
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    const request = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, 'schedule'), { app: 'xpm' }));
    expect(request.kind).toBe('queued');
    return execute((request as { runId: string }).runId);
  }

  const changesOf = (runId: string) => database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, runId));
  const updateCalls = async () => {
    const { requests } = await control<{ requests: Record<string, number> }>(sandbox.url, 'counters');
    return Object.entries(requests)
      .filter(([path]) => path.startsWith('PUT') || path.startsWith('POST /practicemanager'))
      .reduce((n, [, count]) => n + count, 0);
  };

  test('an edit to a linked client reaches XPM with the fields sent, XPM keeps the rest, a replay sends nothing, and the next From-XPM read finds no change', async () => {
    const practice = await practiceToXpm('Push Everything');
    const [summary] = await xpmClients(1);
    const before = await readXpm(practice, summary!.id);
    const clientId = await linkedClient(practice, before);

    const push = await edit(practice, clientId, (input) => ({ ...input, email: 'pushed@example.com', phone: '+61 2 9999 0001' }));
    expect(push?.kind).toBe('queued');
    const runId = (push as { runId: string }).runId;
    const first = await execute(runId);
    expect(first.result).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(first.row).toMatchObject({ direction: 'to_app', trigger: 'edit', requestedByUserId: practice.admin.userId, updated: 1, failed: 0 });

    const after = await readXpm(practice, summary!.id);
    expect(after).toMatchObject({ email: 'pushed@example.com', phone: '+61 2 9999 0001' });
    // Everything else XPM held is as it was.
    const { email: _e, phone: _p, modifiedAt: _m, ...kept } = before;
    const { email: _e2, phone: _p2, modifiedAt: _m2, ...keptAfter } = after;
    expect(keptAfter).toEqual(kept);

    const [change] = await changesOf(runId);
    expect(change).toMatchObject({ clientId, externalId: summary!.id, kind: 'updated', contacts: null });
    expect(change!.fields).toEqual([
      { field: 'email', before: clientFromCanonical(before).client.email, after: 'pushed@example.com' },
      { field: 'phone', before: before.phone, after: '+61 2 9999 0001' },
    ]);

    // A replay: nothing changed here since, so nothing is sent.
    await control(sandbox.url, 'counters/reset', {});
    const replay = await scheduledRun(practice);
    expect(replay.row).toMatchObject({ status: 'succeeded', direction: 'to_app', updated: 0, unchanged: 1, total: 0 });
    expect(await changesOf(replay.row.id)).toEqual([]);
    expect(await updateCalls()).toBe(0);

    // No echo: XPM's record, read again, is what the push wrote to the directory, and a
    // From-XPM run finds the link in step and changes nothing here.
    const [directoryBefore] = await database.db.select({ hash: directoryRecords.payloadHash }).from(directoryRecords).where(eq(directoryRecords.externalId, summary!.id));
    await database.db.update(connections).set({ syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    const [version] = await database.db.select({ version: clients.version }).from(clients).where(eq(clients.id, clientId));
    const fromRun = await scheduledRun(practice);
    // `total: 0`: the pushed record is not even planned (its link's synced hash follows XPM's record).
    expect(fromRun.row).toMatchObject({ status: 'succeeded', direction: 'from_app', updated: 0, total: 0 });
    expect(fromRun.row.fetched).toBeGreaterThanOrEqual(1);
    const [directoryAfter] = await database.db.select({ hash: directoryRecords.payloadHash }).from(directoryRecords).where(eq(directoryRecords.externalId, summary!.id));
    expect(directoryAfter!.hash).toBe(directoryBefore!.hash);
    expect(await changesOf(fromRun.row.id)).toEqual([]);
    expect((await database.db.select({ version: clients.version }).from(clients).where(eq(clients.id, clientId)))[0]!.version).toBe(version!.version);
  });

  test('Client name sends the name only', async () => {
    const practice = await practiceToXpm('Push Name Only', 'client_name');
    const [summary] = await xpmClients(1);
    const before = await readXpm(practice, summary!.id);
    const clientId = await linkedClient(practice, before);
    const push = await edit(practice, clientId, (input) => ({
      ...input,
      name: `${before.name} Renamed Here`,
      email: 'not-sent@example.com',
      website: 'https://not-sent.example.com',
    }));
    const { row } = await execute((push as { runId: string }).runId);
    expect(row).toMatchObject({ status: 'succeeded', syncData: 'client_name', updated: 1 });
    const after = await readXpm(practice, summary!.id);
    expect(after.name).toBe(`${before.name} Renamed Here`);
    expect(after.email).toBe(before.email);
    expect(after.website).toBe(before.website);
    expect(after.contacts).toEqual(before.contacts);
    const [change] = await changesOf(row.id);
    expect(change!.fields).toEqual([{ field: 'name', before: before.name, after: `${before.name} Renamed Here` }]);
  });

  test('contacts go through XPM’s contact calls: a changed contact keeps its primary flag, a new one is added, none is removed', async () => {
    const practice = await practiceToXpm('Push Contacts');
    // A record with contacts (most of the seed's have some).
    let summary: XpmSummary | undefined;
    let before: CanonicalClient | undefined;
    for (let tries = 0; tries < 8 && !before?.contacts.length; tries++) {
      [summary] = await xpmClients(1);
      before = await readXpm(practice, summary!.id);
    }
    if (!summary || !before) throw new Error('no XPM record to push to');
    const clientId = await linkedClient(practice, before);
    const push = await edit(practice, clientId, (input) => ({
      ...input,
      contacts: [
        ...input.contacts.map((c, i) => (i === 0 ? { ...c, position: 'Finance Director' } : c)),
        { id: null, name: 'Dana Ledger', email: 'dana@example.com', phone: null, mobile: '0400 123 456', salutation: null, position: 'Bookkeeper', isPrimary: false },
      ],
    }));
    const { row } = await execute((push as { runId: string }).runId);
    expect(row).toMatchObject({ status: 'succeeded', updated: 1, failed: 0 });
    const after = await readXpm(practice, summary!.id);
    expect(after.contacts).toHaveLength(before.contacts.length + 1);
    expect(after.contacts.find((c) => c.name === 'Dana Ledger')).toMatchObject({ email: 'dana@example.com', mobile: '0400 123 456', position: 'Bookkeeper', isPrimary: false });
    expect(before.contacts.length).toBeGreaterThan(0);
    const first = after.contacts.find((c) => c.externalId === before.contacts[0]!.externalId);
    expect(first).toMatchObject({ name: before.contacts[0]!.name, position: 'Finance Director', isPrimary: before.contacts[0]!.isPrimary });
    const [change] = await changesOf(row.id);
    expect(change!.fields).toEqual([]);
    expect((change!.contacts as { after: { name: string }[] }).after.map((c) => c.name)).toContain('Dana Ledger');
    // Sent once: the replay finds the contacts in step.
    const replay = await scheduledRun(practice);
    expect(replay.row).toMatchObject({ status: 'succeeded', updated: 0, total: 0 });
  });

  test('an edit to an unlinked client, or with XPM set From XPM, asks for no push', async () => {
    const practice = await practiceToXpm('Push Not Asked');
    const [summary] = await xpmClients(1);
    const clientId = await linkedClient(practice, await readXpm(practice, summary!.id));
    await database.db.update(connections).set({ syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    expect(await edit(practice, clientId, (input) => ({ ...input, phone: '+61 2 1111 1111' }))).toBeNull();
    await database.db.update(connections).set({ syncDirection: 'to_app' }).where(eq(connections.practiceId, practice.practiceId));
    await database.db.delete(clientLinks).where(and(eq(clientLinks.practiceId, practice.practiceId), eq(clientLinks.clientId, clientId)));
    expect(await edit(practice, clientId, (input) => ({ ...input, phone: '+61 2 2222 2222' }))).toBeNull();
  });

  test('XPM failing on one record fails it alone, in words; the run ends partial and the other record is sent', async () => {
    const practice = await practiceToXpm('Push One Fails');
    const [good, bad] = await xpmClients(2);
    const goodId = await linkedClient(practice, await readXpm(practice, good!.id));
    const badId = await linkedClient(practice, await readXpm(practice, bad!.id));
    await edit(practice, goodId, (input) => ({ ...input, website: 'https://good-push.example.com' }));
    const push = await edit(practice, badId, (input) => ({ ...input, website: 'https://bad-push.example.com' }));
    expect(push?.kind).toBe('coalesced');
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'malformed', count: 10, pathContains: bad!.id });
    const { row } = await execute((push as { runId: string }).runId);
    expect(row).toMatchObject({ status: 'partial', updated: 1, failed: 1 });
    await control(sandbox.url, 'faults', undefined, 'DELETE');
    expect((await readXpm(practice, good!.id)).website).toBe('https://good-push.example.com');
    expect((await readXpm(practice, bad!.id)).website).not.toBe('https://bad-push.example.com');
    const errors = await database.db.select().from(syncRunErrors).where(eq(syncRunErrors.runId, row.id));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ externalId: bad!.id });
    expect(errors[0]!.message).toMatch(/could not be sent to XPM, so XPM keeps its current details/);
    // Not marked pushed: the next run sends it.
    const retry = await scheduledRun(practice);
    expect(retry.row).toMatchObject({ status: 'succeeded', updated: 1 });
    expect((await readXpm(practice, bad!.id)).website).toBe('https://bad-push.example.com');
  });

  test('a client whose XPM record was archived is skipped, named with its reason, and nothing is sent to it', async () => {
    const practice = await practiceToXpm('Push Archived Skip');
    const [record] = await xpmClients(1);
    const clientId = await linkedClient(practice, await readXpm(practice, record!.id));
    const push = await edit(practice, clientId, (input) => ({ ...input, website: 'https://archived-push.example.com' }));
    await control(sandbox.url, 'records/change', { app: 'xpm', id: record!.id, fields: { isArchived: true } });
    const sentBefore = await updateCalls();
    const { row } = await execute((push as { runId: string }).runId);
    expect(row).toMatchObject({ status: 'succeeded', skipped: 1, updated: 0, failed: 0 });
    expect(await updateCalls()).toBe(sentBefore);
    const skips = await database.db.select().from(syncRunSkips).where(eq(syncRunSkips.runId, row.id));
    expect(skips.map((k) => ({ externalId: k.externalId, reason: k.reason, recordName: k.recordName, practiceId: k.practiceId }))).toEqual([
      { externalId: record!.id, reason: 'archived_in_app', recordName: record!.name, practiceId: practice.practiceId },
    ]);
  });

  test('stopped after recording its read and before its first send: claimed again, it sends once and counts its read once', async () => {
    const practice = await practiceToXpm('Push Reread');
    const [record] = await xpmClients(1);
    const clientId = await linkedClient(practice, await readXpm(practice, record!.id));
    const push = await edit(practice, clientId, (input) => ({ ...input, website: 'https://reread-push.example.com' }));
    const runId = (push as { runId: string }).runId;
    const { executeSyncRun } = await import('./index');
    // Failures injected into the read (one with a record's id, one without), so that a read
    // counted twice shows in the run's failed count and its error rows.
    const controller = new AbortController();
    const sentBefore = await updateCalls();
    expect(await executeSyncRun(runId, { signal: controller.signal, read: readWithErrors(INJECTED_READ_ERRORS, () => controller.abort()) })).toEqual({
      outcome: 'stopped',
      status: 'requeued',
    });
    expect(await updateCalls()).toBe(sentBefore);
    const [between] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect(between).toMatchObject({ status: 'queued', processed: 0, failed: 2 });
    expect(between!.readRecordedAt).not.toBeNull();

    expect(await executeSyncRun(runId, { read: readWithErrors() })).toEqual({ outcome: 'finished', status: 'partial' });
    const [after] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect(after).toMatchObject({ status: 'partial', updated: 1, failed: 2, processed: 1 });
    expect(await database.db.select().from(syncRunErrors).where(eq(syncRunErrors.runId, runId))).toHaveLength(2);
    expect((await readXpm(practice, record!.id)).website).toBe('https://reread-push.example.com');
  });

  test('a push widened while it waited after sending starts again from its first record, and sends none it already sent, failed or skipped', async () => {
    const practice = await practiceToXpm('Push Settled');
    const records = (await xpmClients(4)).sort((x, y) => (x.id < y.id ? -1 : 1));
    const clientIds: string[] = [];
    for (const r of records) clientIds.push(await linkedClient(practice, await readXpm(practice, r.id)));
    // Four edits: one waiting edit run of the four records.
    let runId = '';
    for (const [i, clientId] of clientIds.entries())
      runId = ((await edit(practice, clientId, (input) => ({ ...input, website: `https://settled-${i}.example.com` }))) as { runId: string }).runId;
    // As the engine leaves a push stopped after these three records and then widened by another
    // request (which clears its cursor): the first sent (its change row), the second failed,
    // the third skipped.
    const [sent, failed, skipped, fresh] = records;
    await database.db.insert(syncRunChanges).values({ practiceId: practice.practiceId, runId, clientId: clientIds[0]!, externalId: sent!.id, kind: 'updated' });
    await database.db.insert(syncRunErrors).values({ practiceId: practice.practiceId, runId, externalId: failed!.id, message: 'XPM refused this client.' });
    await database.db.insert(syncRunSkips).values({ practiceId: practice.practiceId, runId, externalId: skipped!.id, reason: 'archived_in_app' });
    await database.db.update(syncRuns).set({ processed: 3, updated: 1, failed: 1, skipped: 1, cursor: null, readRecordedAt: new Date() }).where(eq(syncRuns.id, runId));

    const sentBefore = await updateCalls();
    const { row } = await execute(runId);
    expect(await updateCalls()).toBe(sentBefore + 1);
    expect(row).toMatchObject({ status: 'partial', processed: 4, updated: 2, failed: 1, skipped: 1 });
    expect((await readXpm(practice, fresh!.id)).website).toBe('https://settled-3.example.com');
    expect((await readXpm(practice, failed!.id)).website).not.toBe('https://settled-1.example.com');
  });

  test('XPM’s rate limit stops the run with a readable message', async () => {
    const practice = await practiceToXpm('Push Limited');
    const [summary] = await xpmClients(1);
    const clientId = await linkedClient(practice, await readXpm(practice, summary!.id));
    const push = await edit(practice, clientId, (input) => ({ ...input, website: 'https://limited.example.com' }));
    // The read (the list) goes through; the push's calls hit the limit.
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'rate_limit', count: 20, retryAfterSeconds: 3600, problem: 'day', pathContains: 'client.api/get' });
    const { row } = await execute((push as { runId: string }).runId);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/limit/i);
    expect(row.error).toMatch(/stopped after sending 0 of 1 clients/);
    expect(row.error).not.toMatch(/stack|HTTP 429/);
  });
}

describe.each(testDatabases())('To-XPM push runs on $name', (target) => pushSuite(target));
