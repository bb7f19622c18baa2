import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientFieldProvenance, clientLinks, clients, connections, directoryRecords, syncRunChanges, syncRunErrors, syncRuns, syncRunSkips } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import { connectDirectly } from '@/lib/integrations/testing/direct-connection';
import { control } from '@/lib/providers/testing/sandbox-controls';
import { startSandbox } from '@/lib/sandbox/server';
import { INJECTED_READ_ERRORS, readWithErrors } from '@/lib/sync/testing/read-with-errors';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { plannedRows } from '@/test/planned-rows';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The sync engine against the running sandbox, end to end below the UI: a run reads through
 * the directory refresh, applies the app's values to linked clients with provenance and
 * change rows, links exact-name matches, and keeps DESIGN §3's promises — a replay writes
 * nothing, a stopped run resumes without duplicates, one bad record fails alone, an archived
 * record only marks its link.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;

// Both databases' suites share one sandbox tenant, and the adapter keeps to XPM's 60 calls a
// minute per tenant: a later test may wait for the minute to turn (up to a minute; the
// malformed suite's took 24–29 s on PostgreSQL here, against the default 30 s).
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-engine-`);
});
afterAll(() => sandbox?.close());
afterEach(async () => {
  await control(sandbox.url, 'faults', undefined, 'DELETE');
});

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;
interface XpmSummary {
  id: string;
  name: string;
  isArchived: boolean;
  isDeleted: boolean;
}

/** XPM clients nobody else in this file touches: each test takes its own slice of the seed. */
let nextXpmSlice = 0;
async function xpmClients(n: number): Promise<XpmSummary[]> {
  const { clients: all } = await control<{ clients: XpmSummary[] }>(sandbox.url, 'xpm/clients?limit=1000');
  const live = all.filter((c) => !/\(renamed\)/.test(c.name) && !c.isArchived && !c.isDeleted); // the seed deletes and archives a few
  const slice = live.slice(nextXpmSlice, nextXpmSlice + n);
  nextXpmSlice += n;
  return slice;
}

function engineSuite(target: ReturnType<typeof testDatabases>[number], suite: 'main' | 'malformed') {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  async function practiceWith(name: string, app: 'xpm' | 'gusto', companyUuids: string[] = []): Promise<Practice> {
    const practice = await createPracticeMembers(database.db, name);
    if (app === 'xpm') await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    for (const uuid of companyUuids) await connectDirectly(database.db, sandbox.url, practice, 'gusto', uuid);
    // The recommended setup for one app: Everything / From the app (the settings command is not under test here).
    await database.db.update(connections).set({ syncData: 'everything', syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    return practice;
  }

  async function addClient(practice: Practice, name: string, link?: { app: 'xpm' | 'gusto'; externalId: string }) {
    const [row] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name, phone: '+61 2 0000 0000' }).returning({ id: clients.id });
    if (link) await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: row!.id, app: link.app, externalId: link.externalId });
    return row!.id;
  }

  async function requestRun(
    practice: Practice,
    app: 'xpm' | 'gusto',
    extra: { onlyExternalIds?: string[]; retryOfRunId?: string; importUnlinked?: boolean; trigger?: 'schedule' | 'manual' | 'onboarding'; approved?: boolean } = {},
  ) {
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    const { trigger = 'schedule', approved = false, ...request } = extra;
    const result = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, trigger), { app, ...request }));
    expect(result.kind).toBe('queued');
    const runId = (result as { runId: string }).runId;
    // As if an admin had approved it after the mass-change guard paused it (the guard is tested on its own).
    if (approved) await database.db.update(syncRuns).set({ approvedAt: new Date() }).where(eq(syncRuns.id, runId));
    return runId;
  }

  async function run(practice: Practice, app: 'xpm' | 'gusto', options: Parameters<typeof import('./execute').executeSyncRun>[1] = {}, extra = {}) {
    const { executeSyncRun } = await import('./index');
    const runId = await requestRun(practice, app, extra);
    const result = await executeSyncRun(runId, options);
    return { runId, result, row: await runRow(runId) };
  }

  async function runRow(runId: string) {
    const [row] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    return row!;
  }

  async function clientRow(id: string) {
    const [row] = await database.db.select().from(clients).where(eq(clients.id, id));
    return row!;
  }

  const countOf = async (table: typeof syncRunChanges | typeof syncRunErrors, runId: string) =>
    (await database.db.select({ n: count() }).from(table).where(eq(table.runId, runId)))[0]!.n;
  const provenanceOf = (practice: Practice) =>
    database.db
      .select({ clientId: clientFieldProvenance.clientId, field: clientFieldProvenance.field, syncRunId: clientFieldProvenance.syncRunId })
      .from(clientFieldProvenance)
      .where(eq(clientFieldProvenance.practiceId, practice.practiceId));

  if (suite === 'malformed') {
    test('malformed records fail alone: one the app sends broken (read) and one that cannot be applied; the run ends partial and the rest commit', async () => {
      const [good, broken, poisoned] = await malformedRecords();
      const practice = await practiceWith('Engine Malformed', 'xpm');
      const goodId = await addClient(practice, 'Good before', { app: 'xpm', externalId: good!.id });
      await addClient(practice, 'Broken before', { app: 'xpm', externalId: broken!.id });
      const poisonedId = await addClient(practice, 'Poisoned before', { app: 'xpm', externalId: poisoned!.id });
      await control(sandbox.url, 'records/change', { app: 'xpm', id: good!.id, fields: { website: 'https://good.example.com' } });
      await control(sandbox.url, 'records/malformed', { app: 'xpm', id: broken!.id, mode: 'bad-values' });
      // A stored record this run does not read again (not modified upstream), spoiled so that
      // applying it throws inside its batch: the batch is re-applied record by record.
      await database.db.insert(directoryRecords).values({
        practiceId: practice.practiceId,
        app: 'xpm',
        externalId: poisoned!.id,
        name: poisoned!.name,
        normalizedName: poisoned!.name.toLowerCase(),
        payload: { app: 'xpm', externalId: poisoned!.id, name: poisoned!.name, contacts: 'not a list' },
        payloadHash: 'spoiled',
      });

      const result = await run(practice, 'xpm', { batchSize: 10 });
      expect(result.row).toMatchObject({ status: 'partial', failed: 2 });
      expect(await clientRow(goodId)).toMatchObject({ name: good!.name, website: 'https://good.example.com' });
      expect(await clientRow(poisonedId)).toMatchObject({ name: 'Poisoned before', version: 1 });
      const errors = await database.db.select().from(syncRunErrors).where(eq(syncRunErrors.runId, result.runId));
      expect(errors.map((e) => e.externalId).sort()).toEqual([broken!.id, poisoned!.id].sort());
      const applyError = errors.find((e) => e.externalId === poisoned!.id)!;
      expect(applyError.message).toMatch(/could not be applied/);
      expect(applyError.detail).toBeTruthy();
      // People can open the raw detail: it names the error, never the server's stack or paths.
      expect(applyError.detail).not.toMatch(/\n\s+at |\.(ts|js|mjs):\d+/);
      expect(errors.find((e) => e.externalId === broken!.id)!.message).toMatch(/skipped|unreadable|not valid/i);

      // "Retry failed records": only those two are read again (XPM's get-one call). The spoiled
      // one is read afresh and now applies; the one XPM still sends broken fails again, alone.
      const { failedExternalIds } = await import('./index');
      const failedIds = await failedExternalIds(practice.practiceId, result.runId);
      expect(failedIds).toEqual([broken!.id, poisoned!.id].sort());
      await control(sandbox.url, 'counters/reset', {});
      const retry = await run(practice, 'xpm', {}, { onlyExternalIds: failedIds, retryOfRunId: result.runId });
      expect(retry.row).toMatchObject({ status: 'partial', failed: 1, updated: 1, fetched: 2, retryOfRunId: result.runId });
      expect((await clientRow(poisonedId)).name).toBe(poisoned!.name);
      const counters = await control<{ requests: Record<string, number> }>(sandbox.url, 'counters');
      expect(Object.keys(counters.requests).some((path) => path.includes('client.api/list'))).toBe(false);
      expect((await clientRow(goodId)).version).toBe(2);
    });

    return;
  }

  test('From XPM, full then incremental: values reach linked clients with provenance and changes; an exact-name match links; a replay changes nothing', async () => {
    const practice = await practiceWith('Engine XPM', 'xpm');
    const [one, two, three] = await xpmClients(3);
    for (const [i, record] of [one!, two!, three!].entries()) {
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { email: `sync${i}@example.com`, website: `https://sync${i}.example.com` } });
    }
    const firstId = await addClient(practice, 'Old name one', { app: 'xpm', externalId: one!.id });
    const secondId = await addClient(practice, 'Old name two', { app: 'xpm', externalId: two!.id });
    // Same name once normalised (case, legal form): linked automatically.
    const thirdId = await addClient(practice, `${three!.name.toUpperCase()} Pty. Ltd.`);

    const first = await run(practice, 'xpm', { batchSize: 2 });
    expect(first.result).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(first.row).toMatchObject({ status: 'succeeded', updated: 2, linked: 1, failed: 0, total: 3, processed: 3 });
    expect(first.row.fetched).toBeGreaterThanOrEqual(3);
    expect(first.row.finishedAt).not.toBeNull();
    expect(await clientRow(firstId)).toMatchObject({ name: one!.name, email: 'sync0@example.com', website: 'https://sync0.example.com', version: 2 });
    expect(await clientRow(secondId)).toMatchObject({ name: two!.name, email: 'sync1@example.com' });
    expect(await clientRow(thirdId)).toMatchObject({ name: three!.name, email: 'sync2@example.com' });
    const [link] = await database.db
      .select()
      .from(clientLinks)
      .where(and(eq(clientLinks.practiceId, practice.practiceId), eq(clientLinks.externalId, three!.id)));
    expect(link).toMatchObject({ clientId: thirdId, status: 'active' });
    expect(link!.lastSyncedHash).not.toBeNull();
    const changes = await database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, first.runId));
    expect(changes.map((c) => c.kind).sort()).toEqual(['linked', 'updated', 'updated']);
    expect(changes.find((c) => c.clientId === firstId)!.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Old name one', after: one!.name },
        { field: 'email', before: null, after: 'sync0@example.com' },
      ]),
    );
    const provenance = await provenanceOf(practice);
    expect(provenance.filter((p) => p.clientId === firstId).map((p) => p.field)).toEqual(expect.arrayContaining(['name', 'email', 'website']));
    expect(provenance.every((p) => p.syncRunId === first.runId)).toBe(true);

    // A replay with no upstream change writes nothing but its own row.
    const replay = await run(practice, 'xpm');
    expect(replay.row).toMatchObject({ status: 'succeeded', updated: 0, linked: 0, created: 0, unchanged: 3, total: 0 });
    expect(await countOf(syncRunChanges, replay.runId)).toBe(0);
    expect((await clientRow(firstId)).version).toBe(2);
    expect(await provenanceOf(practice)).toEqual(provenance);

    // Incremental: one record changes upstream; only it is applied.
    await control(sandbox.url, 'records/change', { app: 'xpm', id: two!.id, fields: { phone: '+61 2 9999 0000' } });
    const incremental = await run(practice, 'xpm');
    expect(incremental.row).toMatchObject({ status: 'succeeded', updated: 1, unchanged: 2, total: 1 });
    expect(await clientRow(secondId)).toMatchObject({ phone: '+61 2 9999 0000' });
    expect((await clientRow(firstId)).version).toBe(2);

    // Sync data Everything → Client name plans every link again (the synced hash includes it), and moves names only.
    await database.db.update(connections).set({ syncData: 'client_name' }).where(eq(connections.practiceId, practice.practiceId));
    await database.db.update(clients).set({ name: 'Renamed here', email: 'local@example.com' }).where(eq(clients.id, firstId));
    const namesOnly = await run(practice, 'xpm');
    expect(namesOnly.row).toMatchObject({ status: 'succeeded', total: 3, updated: 1, unchanged: 2 });
    expect(await clientRow(firstId)).toMatchObject({ name: one!.name, email: 'local@example.com' });
  });

  test('the wizard’s first sync reads XPM in full, though the directory was just filled, and leaves the watermark for the next incremental read', async () => {
    // A trial: connecting filled the directory, so the first sync's incremental read found
    // nothing and its page said "Read 0" beside "Created 2,360".
    const practice = await practiceWith('Engine XPM first sync', 'xpm');
    const { clients: listed } = await control<{ clients: XpmSummary[] }>(sandbox.url, 'xpm/clients?limit=5000');
    // XPM's paged list: every client neither deleted nor archived.
    const live = listed.filter((c) => !c.isDeleted && !c.isArchived).length;
    const watermark = async () =>
      (await database.db.select({ cursor: connections.directoryCursor }).from(connections).where(eq(connections.practiceId, practice.practiceId)))[0]!.cursor;
    const before = await watermark();
    expect(before).not.toBeNull();

    const first = await run(practice, 'xpm', {}, { trigger: 'onboarding' });
    expect(first.row).toMatchObject({ status: 'succeeded', fetched: live, failed: 0 });
    // The full list leaves deleted and archived clients out: the watermark stays, so the next read learns of those since.
    expect(await watermark()).toBe(before);

    const next = await run(practice, 'xpm', {}, { trigger: 'manual' });
    expect(next.row.status).toBe('succeeded');
    expect(next.row.fetched).toBeLessThan(live);
    expect(await watermark()).not.toBe(before);
  });

  test("From XPM never overwrites a whole tax number with XPM's masked one, nor reports it as a change, run after run; a masked ending kept here follows XPM's", async () => {
    const practice = await practiceWith('Engine Masked Tax', 'xpm');
    const [same, other, none] = await xpmClients(3);
    for (const record of [same!, other!, none!]) await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { taxNumber: '123456789' } });
    // Ours: the same number XPM holds; a different whole number; none but the ending XPM showed when the client was made.
    const sameId = await addClient(practice, same!.name, { app: 'xpm', externalId: same!.id });
    const otherId = await addClient(practice, other!.name, { app: 'xpm', externalId: other!.id });
    const noneId = await addClient(practice, none!.name, { app: 'xpm', externalId: none!.id });
    await database.db.update(clients).set({ taxNumber: '123 456 789' }).where(eq(clients.id, sameId));
    await database.db.update(clients).set({ taxNumber: '987 654 321' }).where(eq(clients.id, otherId));
    await database.db.update(clients).set({ taxNumberMasked: '*****6789' }).where(eq(clients.id, noneId));

    const taxFieldsIn = async (runId: string) =>
      (await database.db.select({ fields: syncRunChanges.fields }).from(syncRunChanges).where(eq(syncRunChanges.runId, runId))).flatMap((c) =>
        (c.fields as { field: string }[]).filter((f) => f.field === 'taxNumber'),
      );
    const taxColumns = async () =>
      Promise.all(
        [sameId, otherId, noneId].map(async (id) => {
          const row = await clientRow(id);
          return [row.taxNumber, row.taxNumberMasked];
        }),
      );
    const expected = [
      ['123 456 789', null],
      ['987 654 321', null],
      [null, '*****6789'],
    ];

    const first = await run(practice, 'xpm');
    expect(first.row.status).toBe('succeeded');
    expect(await taxFieldsIn(first.runId)).toEqual([]);
    expect(await taxColumns()).toEqual(expected);

    // XPM's number changes (its masked ending with it), and another field changes too: a whole
    // number of ours stays, unreported; the masked ending kept where we have none follows XPM's.
    for (const record of [same!, other!, none!])
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { taxNumber: '555000111', website: 'https://masked.example.com' } });
    const second = await run(practice, 'xpm');
    expect(second.row).toMatchObject({ status: 'succeeded', updated: 3 });
    expect(await taxFieldsIn(second.runId)).toEqual([]);
    expect(await taxColumns()).toEqual([expected[0], expected[1], [null, '*****0111']]);

    // A replay: nothing at all.
    const replay = await run(practice, 'xpm');
    expect(replay.row).toMatchObject({ status: 'succeeded', updated: 0 });
    expect(await countOf(syncRunChanges, replay.runId)).toBe(0);
  });

  test('a batch is one transaction written a slice at a time: every record applied and counted once, one commit', async () => {
    const practice = await practiceWith('Engine Slices', 'xpm');
    const records = await xpmClients(5);
    const ids: string[] = [];
    for (const [i, record] of records.entries()) {
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { website: `https://slice${i}.example.com` } });
      ids.push(await addClient(practice, `Slice before ${i}`, { app: 'xpm', externalId: record.id }));
    }
    const commits: number[] = [];
    const sliced = await run(practice, 'xpm', { batchSize: 5, recordsPerStatement: 2, onBatchCommitted: ({ processed }) => void commits.push(processed) });
    expect(sliced.row).toMatchObject({ status: 'succeeded', updated: 5, processed: 5, total: 5, failed: 0 });
    expect(commits).toEqual([5]); // three slices (2 + 2 + 1), one commit
    for (const [i, id] of ids.entries()) expect(await clientRow(id)).toMatchObject({ name: records[i]!.name, website: `https://slice${i}.example.com`, version: 2 });
    expect(await countOf(syncRunChanges, sliced.runId)).toBe(5);
    const provenance = (await provenanceOf(practice)).filter((p) => p.field === 'website');
    expect(provenance.map((p) => p.clientId).sort()).toEqual([...ids].sort());
  });

  test('a run leaves the planner knowing what it linked: the tables it wrote are analysed as it ends, not at the next run', async () => {
    const practice = await practiceWith('Engine Planner Stats', 'xpm');
    const records = await xpmClients(120);
    for (const [i, record] of records.entries()) {
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { website: `https://stats${i}.example.com` } }); // read by the run
      await addClient(practice, record.name); // the same name: the run links them
    }
    const { settlePlannerStats } = await import('./planner-stats');
    await settlePlannerStats(database.db); // in step before the run, when this practice has no links

    const linking = await run(practice, 'xpm', {}, { trigger: 'manual', approved: true });
    expect(linking.row).toMatchObject({ status: 'succeeded', failed: 0 });
    expect(linking.row.linked).toBeGreaterThanOrEqual(100); // a name shared by two records links neither
    // The picker's search finds this practice's links through the planner's statistics: they
    // count them as the run ends (left to VACUUM, or to the next run's start, they counted none).
    expect(await plannedRows(database.db, sql`select * from client_links where practice_id = ${practice.practiceId}`)).toBeGreaterThanOrEqual(linking.row.linked / 2);
  });

  test('a run makes way for people using the app: small batches while they are, large ones when nobody is', async () => {
    const { PACES } = await import('./pace');
    const { noteForegroundActivity } = await import('@/lib/jobs/foreground');
    const size = PACES[target.name === 'pglite' ? 'embedded' : 'postgres'].foreground.batchSize + 5;
    async function practiceWithChangedRecords(name: string) {
      const practice = await practiceWith(name, 'xpm');
      for (const [i, record] of (await xpmClients(size)).entries()) {
        await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { website: `https://pace${i}.example.com` } });
        await addClient(practice, `Pace before ${record.id}`, { app: 'xpm', externalId: record.id });
      }
      return practice;
    }
    const [busy, idle] = [await practiceWithChangedRecords('Engine Pace Busy'), await practiceWithChangedRecords('Engine Pace Idle')];

    const busyCommits: number[] = [];
    // A person keeps asking for pages throughout the run (one request alone could fall out of
    // the foreground window while a loaded machine is still reading the app).
    noteForegroundActivity();
    const person = setInterval(() => noteForegroundActivity(), 200);
    // Approved: a run renaming all these clients would otherwise wait for review.
    const whileBusy = await run(busy, 'xpm', { onBatchCommitted: ({ processed }) => void busyCommits.push(processed) }, { trigger: 'manual', approved: true }).finally(() =>
      clearInterval(person),
    );
    expect(whileBusy.row).toMatchObject({ status: 'succeeded', processed: size });
    expect(busyCommits).toEqual([size - 5, size]);

    const idleCommits: number[] = [];
    noteForegroundActivity(Number.NEGATIVE_INFINITY); // nobody since
    const whileIdle = await run(idle, 'xpm', { onBatchCommitted: ({ processed }) => void idleCommits.push(processed) }, { trigger: 'manual', approved: true });
    expect(whileIdle.row).toMatchObject({ status: 'succeeded', processed: size });
    expect(idleCommits).toEqual([size]);
  });

  test('From Gusto, all companies then one (a webhook): values flow, provenance names the run, an unreadable company (429 storm) fails alone', async () => {
    const companies = await control<{ id: string; name: string }[]>(sandbox.url, 'gusto/companies');
    const [a, b] = companies.slice(target.name === 'pglite' ? 0 : 2);
    const practice = await practiceWith('Engine Gusto', 'gusto', [a!.id, b!.id]);
    const aId = await addClient(practice, 'Gusto old name', { app: 'gusto', externalId: a!.id });
    const bId = await addClient(practice, b!.name.toLowerCase().replace(/ /g, '  '));

    const full = await run(practice, 'gusto');
    expect(full.row).toMatchObject({ status: 'succeeded', fetched: 2, updated: 1, linked: 1, failed: 0 });
    expect((await clientRow(aId)).name).toBe(a!.name);
    expect((await clientRow(bId)).name).toBe(b!.name);
    expect((await provenanceOf(practice)).filter((p) => p.clientId === aId && p.field === 'name')).toEqual([{ clientId: aId, field: 'name', syncRunId: full.runId }]);

    // A webhook's run for one company reads only that company.
    await control(sandbox.url, 'records/change', { app: 'gusto', id: a!.id, fields: { trade_name: 'Trading As Engine' } });
    const one = await run(practice, 'gusto', {}, { onlyExternalIds: [a!.id] });
    expect(one.row).toMatchObject({ status: 'succeeded', fetched: 1, updated: 1, unchanged: 0 });
    expect((await clientRow(aId)).tradingName).toBe('Trading As Engine');

    // A 429 storm on one company: the run ends partial, with a readable error naming it; the other company still syncs.
    await control(sandbox.url, 'records/change', { app: 'gusto', id: b!.id, fields: { trade_name: 'B Trading' } });
    await control(sandbox.url, 'records/change', { app: 'gusto', id: a!.id, fields: { trade_name: 'A Trading' } });
    await control(sandbox.url, 'faults', { app: 'gusto', kind: 'rate_limit', count: 6, retryAfterSeconds: 0, pathContains: `/v1/companies/${b!.id}` });
    const stormy = await run(practice, 'gusto');
    expect(stormy.row).toMatchObject({ status: 'partial', failed: 1, updated: 1 });
    expect((await clientRow(aId)).tradingName).toBe('A Trading');
    expect((await clientRow(bId)).tradingName).not.toBe('B Trading');
    const [error] = await database.db.select().from(syncRunErrors).where(eq(syncRunErrors.runId, stormy.runId));
    expect(error).toMatchObject({ externalId: b!.id });
    expect(error!.message).toMatch(/could not be read from Gusto/);
    expect(error!.message).not.toMatch(/HTTP|429|stack/i);

    // Nothing lost: retrying the failed records brings B's change in.
    const { failedExternalIds } = await import('./index');
    expect(await failedExternalIds(practice.practiceId, stormy.runId)).toEqual([b!.id]);
    expect(await failedExternalIds('00000000-0000-4000-8000-000000000000', stormy.runId)).toEqual([]);
    const retry = await run(practice, 'gusto', {}, { onlyExternalIds: [b!.id], retryOfRunId: stormy.runId });
    expect(retry.row).toMatchObject({ status: 'succeeded', updated: 1 });
    expect((await clientRow(bId)).tradingName).toBe('B Trading');
  });

  test('the import option (onboarding): unmatched Gusto companies become clients with provenance, previewed by the same planner; without it they stay in the picker; a replay imports nothing twice', async () => {
    const { previewSync } = await import('./preview');
    const companies = await control<{ id: string; name: string }[]>(sandbox.url, 'gusto/companies');
    const [a, b, c] = companies.slice(target.name === 'pglite' ? 4 : 7);
    const practice = await practiceWith('Engine Gusto Import', 'gusto', [a!.id, b!.id, c!.id]);
    const aId = await addClient(practice, a!.name);

    const plain = await run(practice, 'gusto');
    expect(plain.row).toMatchObject({ status: 'succeeded', linked: 1, created: 0, importUnlinked: false });
    expect((await database.db.select().from(clients).where(eq(clients.practiceId, practice.practiceId))).map((r) => r.id)).toEqual([aId]);

    const scope = { practiceId: practice.practiceId, app: 'gusto' as const, direction: 'from_app' as const, syncData: 'everything' as const };
    const preview = await previewSync(database.db, { ...scope, importUnlinked: true });
    expect(preview.counts.created).toBe(2);
    expect(
      preview.changes
        .filter((ch) => ch.kind === 'created')
        .map((ch) => ch.clientName)
        .sort(),
    ).toEqual([b!.name, c!.name].sort());
    expect((await previewSync(database.db, scope)).counts.created).toBe(0);

    const imported = await run(practice, 'gusto', {}, { importUnlinked: true });
    expect(imported.row).toMatchObject({ status: 'succeeded', created: 2, importUnlinked: true, failed: 0 });
    const rows = await database.db.select().from(clients).where(eq(clients.practiceId, practice.practiceId));
    expect(rows.map((r) => r.name).sort()).toEqual([a!.name, b!.name, c!.name].sort());
    const bClient = rows.find((r) => r.name === b!.name)!;
    const links = await database.db
      .select()
      .from(clientLinks)
      .where(and(eq(clientLinks.practiceId, practice.practiceId), eq(clientLinks.clientId, bClient.id)));
    expect(links).toMatchObject([{ app: 'gusto', externalId: b!.id, status: 'active' }]);
    expect((await provenanceOf(practice)).filter((p) => p.clientId === bClient.id && p.field === 'name')).toEqual([
      { clientId: bClient.id, field: 'name', syncRunId: imported.runId },
    ]);
    const changes = await database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, imported.runId));
    expect(changes.map((ch) => ch.kind)).toEqual(['created', 'created']);

    const replay = await run(practice, 'gusto', {}, { importUnlinked: true });
    expect(replay.row).toMatchObject({ status: 'succeeded', created: 0 });
    expect(await database.db.select({ n: count() }).from(clients).where(eq(clients.practiceId, practice.practiceId))).toEqual([{ n: 3 }]);
  });

  test('records left alone are named with their reason: a name shared by several clients, by several records, or linked by a person during the run', async () => {
    const [shared, twin, copy, first, second] = await xpmClients(5);
    // Changed in XPM, so the run reads them (it asks XPM for what changed); `copy` takes
    // `twin`'s name: two records with one name.
    for (const record of [shared!, twin!, first!, second!]) {
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { website: `https://skip-${record.id.slice(0, 6)}.example.com` } });
    }
    await control(sandbox.url, 'records/change', { app: 'xpm', id: copy!.id, fields: { name: twin!.name } });
    const practice = await practiceWith('Engine Skips', 'xpm');
    await addClient(practice, shared!.name);
    await addClient(practice, `${shared!.name} Ltd`);
    const twinClient = await addClient(practice, twin!.name);
    // What tells namesakes apart is shown with them: the email, else the city.
    await database.db.update(clients).set({ email: 'accounts@twin.example', streetCity: 'Nelson' }).where(eq(clients.id, twinClient));
    const firstClient = await addClient(practice, first!.name);
    const secondClient = await addClient(practice, second!.name);
    const personsChoice = await addClient(practice, 'Chosen by a person');

    // After the first of the two exact-name links commits, a person links the other record (or
    // its client) by hand: the run must leave that link alone.
    let linkedByHand: string | null = null;
    const { result, row, runId } = await run(practice, 'xpm', {
      batchSize: 1,
      onBatchCommitted: async () => {
        if (linkedByHand) return;
        const made = await database.db.select({ externalId: clientLinks.externalId }).from(clientLinks).where(eq(clientLinks.practiceId, practice.practiceId));
        const pending = [first!, second!].find((r) => !made.some((l) => l.externalId === r.id));
        if (!pending) return;
        linkedByHand = pending.id;
        await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: personsChoice, app: 'xpm', externalId: pending.id });
      },
    });
    expect(result).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(linkedByHand).not.toBeNull();
    expect(row).toMatchObject({ linked: 1, skipped: 4, failed: 0 });

    const skips = await database.db.select().from(syncRunSkips).where(eq(syncRunSkips.runId, runId));
    const byHand = [first!, second!].find((r) => r.id === linkedByHand)!;
    const expected = [
      { externalId: shared!.id, reason: 'several_clients', recordName: shared!.name },
      { externalId: twin!.id, reason: 'several_records', recordName: twin!.name },
      { externalId: copy!.id, reason: 'several_records', recordName: twin!.name },
      { externalId: byHand.id, reason: 'linked_meanwhile', recordName: byHand.name },
    ];
    const sortById = <T extends { externalId: string }>(list: T[]) => [...list].sort((a, b) => a.externalId.localeCompare(b.externalId));
    expect(sortById(skips.map((k) => ({ externalId: k.externalId, reason: k.reason, recordName: k.recordName })))).toEqual(sortById(expected));
    expect(skips.every((k) => k.practiceId === practice.practiceId)).toBe(true);
    // The person's link stands; the other record linked itself.
    const links = await database.db.select().from(clientLinks).where(eq(clientLinks.practiceId, practice.practiceId));
    expect(links.find((l) => l.externalId === byHand.id)?.clientId).toBe(personsChoice);
    const other = byHand.id === first!.id ? { record: second!, client: secondClient } : { record: first!, client: firstClient };
    expect(links.find((l) => l.externalId === other.record.id)?.clientId).toBe(other.client);

    // The run page's list: by name, with the client a skipped record is linked to now.
    const { runSkips } = await import('@/lib/dal/sync-run-skips');
    const listed = await runSkips(practice.admin, runId, 'xpm');
    expect(listed.total).toBe(4);
    const skipOf = (externalId: string) => listed.rows.find((k) => k.externalId === externalId)!;
    expect(skipOf(byHand.id)).toMatchObject({ linkedClient: { id: personsChoice, name: 'Chosen by a person' }, namesakes: [] });
    // Unlinked: the clients the sync compared it with, by normalised name ("… Ltd" too).
    expect(skipOf(shared!.id).linkedClient).toBeNull();
    expect(
      skipOf(shared!.id)
        .namesakes.map((c) => c.name)
        .sort(),
    ).toEqual([shared!.name, `${shared!.name} Ltd`].sort());
    expect(skipOf(shared!.id).namesakeCount).toBe(2);
    // More namesakes than a row shows: the first five, and how many in all.
    for (const ending of ['Pty Ltd', 'Limited', 'Inc', 'LLC', 'Co']) await addClient(practice, `${shared!.name} ${ending}`);
    const many = (await runSkips(practice.admin, runId, 'xpm')).rows.find((k) => k.externalId === shared!.id)!;
    expect({ shown: many.namesakes.length, count: many.namesakeCount }).toEqual({ shown: 5, count: 7 });
    // Not namesakes: an archived client, one linked to XPM already, and another practice's.
    const stranger = await createPracticeMembers(database.db, 'Engine Skips Stranger');
    const notNamesakes = [await addClient(practice, `${shared!.name} Pty`, { app: 'xpm', externalId: 'linked-elsewhere' }), await addClient(stranger, shared!.name)];
    const [archived] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name: shared!.name, archivedAt: new Date() }).returning({ id: clients.id });
    notNamesakes.push(archived!.id);
    const still = (await runSkips(practice.admin, runId, 'xpm')).rows.find((k) => k.externalId === shared!.id)!;
    expect(still.namesakeCount).toBe(7);
    expect(still.namesakes.filter((c) => notNamesakes.includes(c.id))).toEqual([]);
    // Letters JavaScript and the database lower differently (a final sigma) are found and
    // shown too, not only counted: the record's name, upper-cased, twice.
    const greek = (await xpmClients(1))[0]!;
    await control(sandbox.url, 'records/change', { app: 'xpm', id: greek.id, fields: { name: 'ΣΟΦΟΣ ΛΟΓΙΣΤΙΚΗ' } });
    const greekClients = [await addClient(practice, 'ΣΟΦΟΣ ΛΟΓΙΣΤΙΚΗ'), await addClient(practice, 'Σοφος Λογιστικη Ltd')];
    const greekRun = await run(practice, 'xpm');
    const greekSkip = (await runSkips(practice.admin, greekRun.runId, 'xpm')).rows.find((k) => k.externalId === greek.id);
    expect(greekSkip?.namesakeCount).toBe(2);
    expect(greekSkip?.namesakes.map((c) => c.id).sort()).toEqual([...greekClients].sort());
    expect(skipOf(copy!.id).namesakes).toEqual([{ id: twinClient, name: twin!.name, detail: 'accounts@twin.example' }]);
    // With no email or city, the phone; with none of them, when it was added (in the practice's zone).
    expect(new Set(skipOf(shared!.id).namesakes.map((c) => c.detail))).toEqual(new Set(['+61 2 0000 0000']));
    await database.db
      .update(clients)
      .set({ phone: null })
      .where(and(eq(clients.practiceId, practice.practiceId), eq(clients.name, shared!.name)));
    const bare = (await runSkips(practice.admin, runId, 'xpm')).rows.find((k) => k.externalId === shared!.id)!.namesakes.find((c) => c.name === shared!.name)!;
    expect(bare.detail).toMatch(/^added \d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2} [ap]m /);
    // Scoped by practice: another practice reads none of them, even with the run's id.
    expect(await runSkips(stranger.admin, runId, 'xpm')).toEqual({ rows: [], total: 0 });
  });

  test('a same-named client with another tax number is another business: the record is skipped, not linked and not imported beside it', async () => {
    const [namesake, sameBusiness] = await xpmClients(2);
    // XPM stores the whole number and shows only its last digits (*****2333).
    await control(sandbox.url, 'records/change', { app: 'xpm', id: namesake!.id, fields: { taxNumber: '111 222 333', website: 'https://namesake.example.com' } });
    await control(sandbox.url, 'records/change', { app: 'xpm', id: sameBusiness!.id, fields: { taxNumber: '444 555 666', website: 'https://same.example.com' } });
    const practice = await practiceWith('Engine Numbers Differ', 'xpm');
    const other = await addClient(practice, namesake!.name);
    const same = await addClient(practice, sameBusiness!.name);
    await database.db.update(clients).set({ taxNumber: '111 222 999' }).where(eq(clients.id, other));
    await database.db.update(clients).set({ taxNumber: '444555666' }).where(eq(clients.id, same));

    // The wizard's first sync imports what matches no client: a skipped namesake is not one of those.
    const { row, runId } = await run(practice, 'xpm', {}, { importUnlinked: true, approved: true });
    expect(row).toMatchObject({ status: 'succeeded', skipped: 1 });
    const skips = await database.db.select().from(syncRunSkips).where(eq(syncRunSkips.runId, runId));
    expect(skips.map((k) => ({ externalId: k.externalId, reason: k.reason }))).toEqual([{ externalId: namesake!.id, reason: 'tax_number_differs' }]);
    const links = await database.db.select().from(clientLinks).where(eq(clientLinks.practiceId, practice.practiceId));
    expect(links.find((l) => l.externalId === namesake!.id)).toBeUndefined();
    expect(links.find((l) => l.externalId === sameBusiness!.id)?.clientId).toBe(same);
    const named = await database.db
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.practiceId, practice.practiceId), eq(clients.name, namesake!.name)));
    expect(named).toEqual([{ id: other }]);
    expect(await clientRow(other)).toMatchObject({ taxNumber: '111 222 999', website: null });
    // The run page sets the client's own number (its ending) beside the record, for the admin to compare.
    const { runSkips } = await import('@/lib/dal/sync-run-skips');
    const [listed] = (await runSkips(practice.admin, runId, 'xpm')).rows;
    expect(listed!.namesakes).toEqual([{ id: other, name: namesake!.name, detail: 'tax number ending 999' }]);
  });

  test('a pair an admin unlinked, or an undo unlinked, is not linked again by name by the next run', async () => {
    const [unlinkedByAdmin, unlinkedByUndo] = await xpmClients(2);
    // Changed in XPM now, so the practice's first (incremental) read finds them.
    for (const r of [unlinkedByAdmin!, unlinkedByUndo!])
      await control(sandbox.url, 'records/change', { app: 'xpm', id: r.id, fields: { website: `https://apart-${r.id.slice(0, 6)}.example.com` } });
    const practice = await practiceWith('Engine Unlinked Before', 'xpm');
    const byAdmin = await addClient(practice, unlinkedByAdmin!.name);
    const byUndo = await addClient(practice, unlinkedByUndo!.name);
    const first = await run(practice, 'xpm', {}, { approved: true });
    const linkOf = async (clientId: string) =>
      (
        await database.db
          .select()
          .from(clientLinks)
          .where(and(eq(clientLinks.clientId, clientId), eq(clientLinks.app, 'xpm')))
      )[0]?.externalId ?? null;
    expect(first.row).toMatchObject({ status: 'succeeded', linked: 2 });
    expect([await linkOf(byAdmin), await linkOf(byUndo)]).toEqual([unlinkedByAdmin!.id, unlinkedByUndo!.id]);

    const { unlinkClient } = await import('@/lib/dal/client-sync');
    await unlinkClient(practice.admin, { clientId: byAdmin, app: 'xpm' });
    // The undo of the first run takes both of its links apart (the admin's is gone already).
    const { undoSyncRun } = await import('@/lib/dal/sync-undo');
    expect(await undoSyncRun(practice.admin, first.runId, [])).toMatchObject({ status: 'succeeded' });
    expect([await linkOf(byAdmin), await linkOf(byUndo)]).toEqual([null, null]);

    const again = await run(practice, 'xpm', {}, { approved: true });
    expect(again.row).toMatchObject({ status: 'succeeded', linked: 0 });
    const skips = await database.db.select().from(syncRunSkips).where(eq(syncRunSkips.runId, again.runId));
    expect(new Set(skips.filter((k) => k.reason === 'unlinked_before').map((k) => k.externalId))).toEqual(new Set([unlinkedByAdmin!.id, unlinkedByUndo!.id]));
    expect([await linkOf(byAdmin), await linkOf(byUndo)]).toEqual([null, null]);
    // A person may still link them: the rule only keeps the sync from doing it by name.
    const { linkClientToRecord } = await import('@/lib/dal/client-sync');
    await linkClientToRecord(practice.admin, { clientId: byUndo, app: 'xpm', externalId: unlinkedByUndo!.id });
    expect(await linkOf(byUndo)).toBe(unlinkedByUndo!.id);
  });

  test('a run stopped after its first batch resumes from its cursor and ends like an uninterrupted run, with no duplicates', async () => {
    const records = await xpmClients(5);
    for (const r of records) await control(sandbox.url, 'records/change', { app: 'xpm', id: r.id, fields: { website: `https://resume-${r.id.slice(0, 6)}.example.com` } });

    async function prepared(name: string) {
      const practice = await practiceWith(name, 'xpm');
      const ids = [];
      for (const r of records) ids.push(await addClient(practice, `Local ${r.id.slice(0, 6)}`, { app: 'xpm', externalId: r.id }));
      return { practice, ids };
    }
    const state = async (practice: Practice, ids: string[]) => ({
      clients: await Promise.all(ids.map(async (id) => ({ name: (await clientRow(id)).name, website: (await clientRow(id)).website, version: (await clientRow(id)).version }))),
      clientCount: (await database.db.select({ n: count() }).from(clients).where(eq(clients.practiceId, practice.practiceId)))[0]!.n,
      links: (await database.db.select({ n: count() }).from(clientLinks).where(eq(clientLinks.practiceId, practice.practiceId)))[0]!.n,
      provenance: (await provenanceOf(practice)).length,
    });

    const straight = await prepared('Engine Straight');
    const uninterrupted = await run(straight.practice, 'xpm', { batchSize: 2 });
    expect(uninterrupted.row).toMatchObject({ status: 'succeeded', updated: 5 });

    const stopped = await prepared('Engine Stopped');
    const controller = new AbortController();
    const { executeSyncRun } = await import('./index');
    const runId = await requestRun(stopped.practice, 'xpm');
    const halted = await executeSyncRun(runId, { batchSize: 2, signal: controller.signal, onBatchCommitted: () => controller.abort() });
    expect(halted).toEqual({ outcome: 'stopped', status: 'requeued' });
    expect(await runRow(runId)).toMatchObject({ status: 'queued', processed: 2, updated: 2, total: 5 });
    expect((await runRow(runId)).cursor).not.toBeNull();

    const resumed = await executeSyncRun(runId, { batchSize: 2 });
    expect(resumed).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(await runRow(runId)).toMatchObject({ status: 'succeeded', processed: 5, updated: 5, total: 5, failed: 0 });
    expect(await countOf(syncRunChanges, runId)).toBe(5);
    expect(await countOf(syncRunChanges, uninterrupted.runId)).toBe(5);
    expect(await state(stopped.practice, stopped.ids)).toEqual(await state(straight.practice, straight.ids));
    // Running it again finds it finished; a new run finds nothing to do.
    expect(await executeSyncRun(runId)).toEqual({ outcome: 'not_claimed', reason: 'finished' });
  });

  test('widened while it waited after applying a batch, a run also applies the records it now covers that sort before its cursor, and applies or fails none twice, though stopped again', async () => {
    const [a, b, c, d] = (await xpmClients(4)).sort((x, y) => (x.id < y.id ? -1 : 1));
    const practice = await practiceWith('Engine Widened Cursor', 'xpm');
    const local = new Map<string, string>();
    for (const r of [a!, b!, c!, d!]) local.set(r.id, await addClient(practice, `Local ${r.id.slice(0, 6)}`, { app: 'xpm', externalId: r.id }));
    for (const r of [b!, c!, d!]) await control(sandbox.url, 'records/change', { app: 'xpm', id: r.id, fields: { website: `https://widened-${r.id.slice(0, 6)}.example.com` } });
    // Record a, spoiled after each read, cannot be applied: it fails, alone, in both parts.
    const spoilA = async () => {
      const spoiled = await database.db
        .update(directoryRecords)
        .set({ payload: { app: 'xpm', externalId: a!.id, name: a!.name, contacts: 'not a list' }, payloadHash: 'spoiled' })
        .where(and(eq(directoryRecords.practiceId, practice.practiceId), eq(directoryRecords.externalId, a!.id)))
        .returning({ id: directoryRecords.externalId });
      expect(spoiled).toHaveLength(1);
    };
    const { executeSyncRun } = await import('./index');
    const runId = await requestRun(practice, 'xpm', { onlyExternalIds: [a!.id, c!.id, d!.id], approved: true });
    const controller = new AbortController();
    let commits = 0;
    const halted = await executeSyncRun(runId, {
      batchSize: 1,
      signal: controller.signal,
      read: readWithErrors([], spoilA),
      onBatchCommitted: () => void (++commits === 2 && controller.abort()),
    });
    expect(halted).toEqual({ outcome: 'stopped', status: 'requeued' });
    expect(await runRow(runId)).toMatchObject({ status: 'queued', processed: 2, updated: 1, failed: 1, cursor: c!.id });

    // c changes again in XPM meanwhile: applied once already, it waits for the next run.
    await control(sandbox.url, 'records/change', { app: 'xpm', id: c!.id, fields: { website: 'https://changed-again.example.com' } });
    // The schedule joins it: every record now, b among them, which sorts before the cursor.
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    expect(await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, 'schedule'), { app: 'xpm' }))).toEqual({ kind: 'coalesced', runId });
    expect(await runRow(runId)).toMatchObject({ onlyExternalIds: null, cursor: null });

    // It restarts from its first record and stops again after one batch (b): its new cursor
    // does not cover what it settled before the widening (c, sorting after b).
    const again = new AbortController();
    const restarted = await executeSyncRun(runId, {
      batchSize: 1,
      signal: again.signal,
      read: readWithErrors([], spoilA),
      onBatchCommitted: () => again.abort(),
    });
    expect(restarted).toEqual({ outcome: 'stopped', status: 'requeued' });
    expect(await runRow(runId)).toMatchObject({ status: 'queued', cursor: b!.id, updated: 2 });
    expect(await executeSyncRun(runId, { batchSize: 1, read: readWithErrors([], spoilA) })).toEqual({ outcome: 'finished', status: 'partial' });
    expect(await runRow(runId)).toMatchObject({ status: 'partial', updated: 3, failed: 1, processed: 4 });
    expect(await countOf(syncRunErrors, runId)).toBe(1);
    expect(await countOf(syncRunChanges, runId)).toBe(3);
    for (const r of [b!, c!, d!]) expect((await clientRow(local.get(r.id)!)).website).toBe(`https://widened-${r.id.slice(0, 6)}.example.com`);
    expect(await clientRow(local.get(a!.id)!)).toMatchObject({ name: `Local ${a!.id.slice(0, 6)}`, version: 1 });

    // The next run applies c's second change: nothing was lost, only left to it.
    const next = await run(practice, 'xpm', { read: readWithErrors([], spoilA) }, { approved: true });
    expect(next.row).toMatchObject({ updated: 1, failed: 1 });
    expect((await clientRow(local.get(c!.id)!)).website).toBe('https://changed-again.example.com');
  });

  describe('a run claimed again counts its read once: whether the read was recorded decides, not the cursor', () => {
    // Two read failures (lib/sync/testing/read-with-errors.ts) show a read counted twice.
    async function withClashAndTwoChanges(name: string) {
      const [shared, first, second] = await xpmClients(3);
      for (const r of [shared!, first!, second!])
        await control(sandbox.url, 'records/change', { app: 'xpm', id: r.id, fields: { website: `https://reread-${r.id.slice(0, 6)}.example.com` } });
      const practice = await practiceWith(name, 'xpm');
      await addClient(practice, shared!.name); // two clients share the record's name: skipped
      await addClient(practice, shared!.name);
      await addClient(practice, `Linked ${first!.id.slice(0, 6)}`, { app: 'xpm', externalId: first!.id });
      await addClient(practice, `Linked ${second!.id.slice(0, 6)}`, { app: 'xpm', externalId: second!.id });
      return { practice, shared: shared!, first: first! };
    }
    const recorded = async (runId: string) => ({
      errors: await countOf(syncRunErrors, runId),
      skips: await database.db.select({ externalId: syncRunSkips.externalId, reason: syncRunSkips.reason }).from(syncRunSkips).where(eq(syncRunSkips.runId, runId)),
    });

    test('stopped after recording its read and before its first batch: the next claim adds nothing from the first read', async () => {
      const { practice, shared } = await withClashAndTwoChanges('Engine Reread Stopped');
      const { executeSyncRun } = await import('./index');
      const runId = await requestRun(practice, 'xpm');
      const controller = new AbortController();
      const halted = await executeSyncRun(runId, { batchSize: 1, signal: controller.signal, read: readWithErrors(INJECTED_READ_ERRORS, () => controller.abort()) });
      expect(halted).toEqual({ outcome: 'stopped', status: 'requeued' });
      const between = await runRow(runId);
      // Nothing applied yet, so no cursor: only the recorded read says the next claim resumes.
      expect(between).toMatchObject({ status: 'queued', processed: 0, cursor: null, failed: 2, skipped: 1 });
      expect(between.readRecordedAt).not.toBeNull();

      expect(await executeSyncRun(runId, { batchSize: 1, read: readWithErrors() })).toEqual({ outcome: 'finished', status: 'partial' });
      expect(await runRow(runId)).toMatchObject({ status: 'partial', updated: 2, failed: 2, skipped: 1, processed: 2 });
      expect(await recorded(runId)).toEqual({ errors: 2, skips: [{ externalId: shared.id, reason: 'several_clients' }] });
    });

    test('widened while it waited (a webhook, the schedule), it records the skips of the records it now covers too', async () => {
      const { practice, shared, first } = await withClashAndTwoChanges('Engine Reread Widened');
      const { executeSyncRun } = await import('./index');
      const runId = await requestRun(practice, 'xpm', { onlyExternalIds: [first.id] });
      const controller = new AbortController();
      expect(await executeSyncRun(runId, { read: readWithErrors(INJECTED_READ_ERRORS, () => controller.abort()), signal: controller.signal })).toEqual({
        outcome: 'stopped',
        status: 'requeued',
      });
      expect(await runRow(runId)).toMatchObject({ status: 'queued', skipped: 0, failed: 2 });

      const { requestSyncRun } = await import('@/lib/commands/sync-runs');
      const joined = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, 'schedule'), { app: 'xpm' }));
      expect(joined).toEqual({ kind: 'coalesced', runId });
      expect(await executeSyncRun(runId, { read: readWithErrors() })).toEqual({ outcome: 'finished', status: 'partial' });
      expect(await runRow(runId)).toMatchObject({ status: 'partial', updated: 2, failed: 2, skipped: 1 });
      expect(await recorded(runId)).toEqual({ errors: 2, skips: [{ externalId: shared.id, reason: 'several_clients' }] });
    });

    test('its worker died during the read (nothing recorded): the run taken over records the read in full', async () => {
      const { practice, shared } = await withClashAndTwoChanges('Engine Reread Died');
      const { executeSyncRun } = await import('./index');
      const runId = await requestRun(practice, 'xpm');
      const longAgo = new Date(Date.now() - 60 * 60_000);
      await database.db.update(syncRuns).set({ status: 'running', startedAt: longAgo, heartbeatAt: longAgo }).where(eq(syncRuns.id, runId));

      expect(await executeSyncRun(runId, { batchSize: 1, read: readWithErrors() })).toEqual({ outcome: 'finished', status: 'partial' });
      expect(await runRow(runId)).toMatchObject({ status: 'partial', updated: 2, failed: 2, skipped: 1 });
      expect(await recorded(runId)).toEqual({ errors: 2, skips: [{ externalId: shared.id, reason: 'several_clients' }] });
    });
  });

  test('a run stopped while a follow-up waits ends cancelled; the follow-up applies the rest, once', async () => {
    const records = await xpmClients(3);
    for (const r of records) await control(sandbox.url, 'records/change', { app: 'xpm', id: r.id, fields: { website: `https://follow-${r.id.slice(0, 6)}.example.com` } });
    const practice = await practiceWith('Engine Follow-up', 'xpm');
    for (const r of records) await addClient(practice, `Follow ${r.id.slice(0, 6)}`, { app: 'xpm', externalId: r.id });
    const { executeSyncRun } = await import('./index');
    const first = await requestRun(practice, 'xpm');
    const controller = new AbortController();
    let followUp = '';
    const halted = await executeSyncRun(first, {
      batchSize: 1,
      signal: controller.signal,
      onBatchCommitted: async () => {
        if (followUp) return;
        followUp = await requestRun(practice, 'xpm'); // a webhook or the schedule, behind the running run
        controller.abort();
      },
    });
    expect(halted).toEqual({ outcome: 'stopped', status: 'cancelled' });
    expect(await runRow(first)).toMatchObject({ status: 'cancelled', processed: 1, updated: 1 });
    expect(await executeSyncRun(followUp)).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(await runRow(followUp)).toMatchObject({ updated: 2, unchanged: 1 });
    const changes = await database.db.select({ externalId: syncRunChanges.externalId }).from(syncRunChanges).where(eq(syncRunChanges.practiceId, practice.practiceId));
    expect(changes.map((c) => c.externalId).sort()).toEqual(records.map((r) => r.id).sort());
  });

  test('a run whose worker died (stale heartbeat) is taken over and resumed; another stale run of the app is marked interrupted', async () => {
    const records = await xpmClients(2);
    for (const r of records) await control(sandbox.url, 'records/change', { app: 'xpm', id: r.id, fields: { website: `https://stale-${r.id.slice(0, 6)}.example.com` } });
    const practice = await practiceWith('Engine Stale', 'xpm');
    for (const r of records) await addClient(practice, `Stale ${r.id.slice(0, 6)}`, { app: 'xpm', externalId: r.id });
    const runId = await requestRun(practice, 'xpm');
    const longAgo = new Date(Date.now() - 60 * 60_000);
    await database.db.update(syncRuns).set({ status: 'running', startedAt: longAgo, heartbeatAt: longAgo }).where(eq(syncRuns.id, runId));
    const { executeSyncRun } = await import('./index');
    // A fresh heartbeat means another worker holds it.
    expect(await executeSyncRun(runId, { staleMs: 2 * 60 * 60_000 })).toEqual({ outcome: 'not_claimed', reason: 'busy' });
    expect(await executeSyncRun(runId)).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(await runRow(runId)).toMatchObject({ status: 'succeeded', updated: 2 });

    // A stale `running` run of the same app blocks nothing: it is failed as interrupted when the next one is claimed.
    const next = await requestRun(practice, 'xpm');
    const [ghost] = await database.db
      .insert(syncRuns)
      .values({ practiceId: practice.practiceId, app: 'xpm', direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'running', heartbeatAt: longAgo })
      .returning({ id: syncRuns.id });
    expect(await executeSyncRun(next)).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(await runRow(ghost!.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped before it finished/) });
  });

  test('an archived XPM record marks the link only: the client stays active and unchanged', async () => {
    const [record] = await xpmClients(1);
    const practice = await practiceWith('Engine Archived', 'xpm');
    const clientId = await addClient(practice, 'Keeps its name', { app: 'xpm', externalId: record!.id });
    await control(sandbox.url, 'records/change', { app: 'xpm', id: record!.id, fields: { isArchived: true } });
    const result = await run(practice, 'xpm');
    expect(result.row.status).toBe('succeeded');
    expect(await clientRow(clientId)).toMatchObject({ name: 'Keeps its name', archivedAt: null, version: 1 });
    const [link] = await database.db.select().from(clientLinks).where(eq(clientLinks.clientId, clientId));
    expect(link!.status).toBe('external_archived');
    const [change] = await database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, result.runId));
    expect(change).toMatchObject({ kind: 'link_archived', clientId, fields: [] });
    await control(sandbox.url, 'records/change', { app: 'xpm', id: record!.id, fields: { isArchived: false } });
  });

  test('nothing readable at all (XPM access revoked) ends the run failed with the app’s plain message', async () => {
    const practice = await createPracticeMembers(database.db, 'Engine Revoked');
    const { sandboxGrantId } = await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    await database.db.update(connections).set({ syncData: 'everything', syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    await control(sandbox.url, 'grants/revoke', { app: 'xpm', grantId: sandboxGrantId });
    await control(sandbox.url, 'tokens/expire', { app: 'xpm' });
    const result = await run(practice, 'xpm');
    expect(result.row).toMatchObject({ status: 'failed', processed: 0 });
    expect(result.row.error).toMatch(/reconnect/i);
    expect(result.row.error).not.toMatch(/invalid_grant|stack/);
  });
}

// The malformed record stays broken in the shared sandbox (its controls cannot mend it), and
// XPM reads what changed in the last minutes: these tests run after every other one.
/** The same three records for every database: the broken one shows up in each later XPM read. */
let malformedSlice: Promise<XpmSummary[]> | undefined;
const malformedRecords = () => (malformedSlice ??= xpmClients(3));

describe.each(testDatabases())('sync engine on $name', (target) => engineSuite(target, 'main'));
describe.each(testDatabases())('sync engine with malformed records on $name', (target) => engineSuite(target, 'malformed'));
