import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections, syncRunChanges, syncRuns, syncRunSkips } from '@/db/schema';
import { memberActor, systemActor } from '@/lib/commands/actor';
import { approvePausedRun, discardPausedRun } from '@/lib/commands/sync-runs';
import { connectDirectly } from '@/lib/integrations/testing/direct-connection';
import { control } from '@/lib/providers/testing/sandbox-controls';
import { startSandbox } from '@/lib/sandbox/server';
import { xpmRecordSlices } from '@/lib/sync/testing/sandbox-xpm';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * Issue 12, the mass-change guard, against the running sandbox on both databases: a scheduled
 * run that would overwrite 10 of 10 linked clients stops before applying (`needs_review`,
 * nothing changed); approved, it applies; discarded, it applies nothing; "Sync now" is not held.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-guard-`);
});
afterAll(() => sandbox?.close());

const xpmRecords = xpmRecordSlices(() => sandbox.url);

describe.each(testDatabases())('mass-change guard on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  /** A practice with XPM connected, Everything / From XPM, and 10 of the sandbox's records. */
  async function practiceFromXpm(label: string) {
    const practice = await createPracticeMembers(database.db, label);
    await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    await database.db.update(connections).set({ syncData: 'everything', syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    return { practice, records: await xpmRecords(10) };
  }

  /** A practice From XPM with 10 clients linked to XPM records that XPM has just renamed. */
  async function practiceAboutToBeOverwritten(label: string) {
    const { practice, records } = await practiceFromXpm(label);
    const ids: string[] = [];
    for (const [i, record] of records.entries()) {
      const [row] = await database.db
        .insert(clients)
        .values({ practiceId: practice.practiceId, name: `${label} local ${i}` })
        .returning({ id: clients.id });
      await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: row!.id, app: 'xpm', externalId: record.id });
      // Changed upstream now, so the run's read (modifiedsince) brings it.
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { name: `${record.name.slice(0, 40)} ${label} renamed` } });
      ids.push(row!.id);
    }
    return { practice, clientIds: ids };
  }

  async function runAs(practiceId: string, trigger: 'schedule' | 'manual') {
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    const { executeSyncRun } = await import('./index');
    const request = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practiceId, trigger), { app: 'xpm' }));
    const runId = (request as { runId: string }).runId;
    const result = await executeSyncRun(runId);
    return { runId, result };
  }
  const namesOf = async (ids: string[]) => (await database.db.select({ name: clients.name }).from(clients).where(inArray(clients.id, ids))).map((c) => c.name).sort();
  const runRow = async (runId: string) => (await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId)))[0]!;

  test('a scheduled run overwriting 10 of 10 linked clients waits for review, changes nothing, and applies once approved', async () => {
    const { practice, clientIds } = await practiceAboutToBeOverwritten('Guarded');
    // And one record two clients here share the name of: skipped, once per read.
    const [shared] = await xpmRecords(1);
    await control(sandbox.url, 'records/change', { app: 'xpm', id: shared!.id, fields: { website: 'https://guarded-skip.example.com' } });
    await database.db.insert(clients).values([
      { practiceId: practice.practiceId, name: shared!.name },
      { practiceId: practice.practiceId, name: `${shared!.name} Ltd` },
    ]);
    const skipsOf = async (runId: string) => (await database.db.select().from(syncRunSkips).where(eq(syncRunSkips.runId, runId))).map((k) => [k.externalId, k.reason]);
    const before = await namesOf(clientIds);
    const { runId, result } = await runAs(practice.practiceId, 'schedule');
    expect(result).toEqual({ outcome: 'finished', status: 'needs_review' });
    const paused = await runRow(runId);
    expect(paused.status).toBe('needs_review');
    expect(paused.reviewReason).toBe('This sync needs a second look: it would overwrite values of 10 of 10 linked clients (100%).');
    expect(await namesOf(clientIds)).toEqual(before);
    expect(await database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, runId))).toHaveLength(0);
    expect(paused.skipped).toBe(1);
    expect(await skipsOf(runId)).toEqual([[shared!.id, 'several_clients']]);

    // Approved by an admin: queued again, then applied without the guard.
    expect(await database.db.transaction((tx) => approvePausedRun(tx, memberActor(practice.admin), runId))).toBe('queued');
    expect(await database.db.transaction((tx) => approvePausedRun(tx, memberActor(practice.admin), runId))).toBe('not_waiting');
    const { executeSyncRun } = await import('./index');
    expect(await executeSyncRun(runId)).toEqual({ outcome: 'finished', status: 'succeeded' });
    const applied = await runRow(runId);
    expect(applied).toMatchObject({ status: 'succeeded', updated: 10, approvedByUserId: practice.admin.userId });
    // It read XPM again: its skip is counted and named once, not once per read.
    expect(applied.skipped).toBe(1);
    expect(await skipsOf(runId)).toEqual([[shared!.id, 'several_clients']]);
    expect((await namesOf(clientIds)).every((n) => n.endsWith('Guarded renamed'))).toBe(true);
  });

  test('discarded, a paused run applies nothing; "Sync now" of the same change pauses too, and applies once approved', async () => {
    const { practice, clientIds } = await practiceAboutToBeOverwritten('Discarded');
    const before = await namesOf(clientIds);
    const { runId } = await runAs(practice.practiceId, 'schedule');
    expect((await runRow(runId)).status).toBe('needs_review');
    expect(await database.db.transaction((tx) => discardPausedRun(tx, memberActor(practice.admin), runId))).toBe(true);
    expect(await database.db.transaction((tx) => approvePausedRun(tx, memberActor(practice.admin), runId))).toBe('not_waiting');
    expect(await runRow(runId)).toMatchObject({ status: 'cancelled', error: 'Discarded after review: nothing was applied.' });
    expect(await namesOf(clientIds)).toEqual(before);

    // Sync now asked before the run read what changed: the mass change needs one more confirmation.
    const manual = await runAs(practice.practiceId, 'manual');
    expect(manual.result).toEqual({ outcome: 'finished', status: 'needs_review' });
    expect(await namesOf(clientIds)).toEqual(before);
    expect(await database.db.transaction((tx) => approvePausedRun(tx, memberActor(practice.admin), manual.runId))).toBe('queued');
    const { executeSyncRun } = await import('./index');
    expect(await executeSyncRun(manual.runId)).toEqual({ outcome: 'finished', status: 'succeeded' });
    expect(await namesOf(clientIds)).not.toEqual(before);
    const [link] = await database.db
      .select()
      .from(clientLinks)
      .where(and(eq(clientLinks.practiceId, practice.practiceId), eq(clientLinks.clientId, clientIds[0]!)));
    expect(link?.lastSyncedHash).not.toBeNull();
  });

  test('a first run that would link 10 clients by name and overwrite their values waits too, and says so of those 10, not "of 0 linked clients"', async () => {
    const { practice, records } = await practiceFromXpm('By name');
    const ids: string[] = [];
    for (const [i, record] of records.entries()) {
      // A client of the record's exact name, with a website of its own that XPM's would replace.
      const [row] = await database.db
        .insert(clients)
        .values({ practiceId: practice.practiceId, name: record.name, website: `https://ours-${i}.example.com` })
        .returning({ id: clients.id });
      ids.push(row!.id);
      await control(sandbox.url, 'records/change', { app: 'xpm', id: record.id, fields: { website: `https://by-name-${i}.example.com` } });
    }
    const websites = async () => (await database.db.select({ website: clients.website }).from(clients).where(inArray(clients.id, ids))).map((c) => c.website).sort();
    const before = await websites();
    const { runId, result } = await runAs(practice.practiceId, 'schedule');
    expect(result).toEqual({ outcome: 'finished', status: 'needs_review' });
    expect((await runRow(runId)).reviewReason).toBe('This sync needs a second look: it would overwrite values of 10 of the 10 clients it would link by name (100%).');
    expect(await websites()).toEqual(before);
    expect(await database.db.select().from(clientLinks).where(eq(clientLinks.practiceId, practice.practiceId))).toHaveLength(0);
  });
});
