import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { queryRows } from '@/db';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections, syncRunChanges, syncRuns, syncRunSkips } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import { directoryRow, upsertDirectory } from '@/lib/integrations/directory-upsert';
import { connectDirectly, connectXpmToXpm } from '@/lib/integrations/testing/direct-connection';
import { control } from '@/lib/providers/testing/sandbox-controls';
import { startSandbox } from '@/lib/sandbox/server';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { previewSync } from './preview';

/**
 * Issue 12, requirement 1, against the running sandbox on both databases: a preview is the
 * run's plan without the apply step — it predicts exactly what the run then does, and it
 * changes nothing: every table's rows and the sandbox's request counters are the same after.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-preview-`);
});
afterAll(() => sandbox?.close());

interface GustoSummary {
  id: string;
  name: string;
}

describe.each(testDatabases())('sync preview on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  /** Every public table's rows, hashed: "nothing changed" means each is byte-for-byte the same. */
  async function databaseFingerprint(): Promise<Record<string, string>> {
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%drizzle%' order by table_name`,
    );
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const rows = await queryRows<{ row: string }>(database.db, sql`select t::text as row from ${sql.identifier(table_name)} t order by 1`);
      out[table_name] = `${rows.length}:${createHash('sha256')
        .update(rows.map((r) => r.row).join('\n'))
        .digest('hex')}`;
    }
    return out;
  }
  const sandboxCounters = async () => JSON.stringify(await control(sandbox.url, 'counters'));

  test('From Gusto: the preview predicts the run (a link by exact name, an update with each field before → after) and changes nothing', async () => {
    const companies = (await control<GustoSummary[] | { companies: GustoSummary[] }>(sandbox.url, 'gusto/companies')) as GustoSummary[];
    const [shared, a, b] = companies.slice(-3);
    const practice = await createPracticeMembers(database.db, 'Preview Gusto');
    await connectDirectly(database.db, sandbox.url, practice, 'gusto', a!.id);
    await connectDirectly(database.db, sandbox.url, practice, 'gusto', shared!.id);
    const { connection } = await connectDirectly(database.db, sandbox.url, practice, 'gusto', b!.id);
    await database.db.update(connections).set({ syncData: 'everything', syncDirection: 'from_app' }).where(eq(connections.practiceId, practice.practiceId));
    const { refreshGustoDirectory } = await import('@/lib/integrations/directory-refresh');
    await refreshGustoDirectory(practice.practiceId, connection.id);
    // A linked client Gusto disagrees with, and an unlinked one with company B's exact name.
    const [linked] = await database.db
      .insert(clients)
      .values({ practiceId: practice.practiceId, name: `${a!.name} (old name)`, businessNumber: '00-0000000' })
      .returning({ id: clients.id });
    await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: linked!.id, app: 'gusto', externalId: a!.id });
    const [byName] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name: b!.name }).returning({ id: clients.id });
    // Two clients with the third company's name: a sync leaves it for a person.
    await database.db.insert(clients).values([
      { practiceId: practice.practiceId, name: shared!.name },
      { practiceId: practice.practiceId, name: `${shared!.name} LLC` },
    ]);

    const before = await databaseFingerprint();
    const countersBefore = await sandboxCounters();
    const preview = await previewSync(database.db, { practiceId: practice.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything' });
    expect(await databaseFingerprint()).toEqual(before);
    expect(await sandboxCounters()).toBe(countersBefore);

    expect(preview.dataAsOf).toBeInstanceOf(Date);
    expect(preview.counts).toMatchObject({ linked: 1, updated: 1 });
    const updated = preview.changes.find((c) => c.clientId === linked!.id)!;
    expect(updated.kind).toBe('updated');
    expect(updated.fields.find((f) => f.field === 'name')).toEqual({ field: 'name', before: `${a!.name} (old name)`, after: a!.name });
    expect(updated.fields.find((f) => f.field === 'businessNumber')?.before).toBe('00-0000000');
    expect(preview.changes.find((c) => c.clientId === byName!.id)?.kind).toBe('linked');
    expect(preview.skips).toEqual([{ externalId: shared!.id, recordName: shared!.name, reason: 'several_clients' }]);
    expect(preview.skipTotal).toBe(1);

    // The run then does exactly what the preview said.
    const { requestSyncRun } = await import('@/lib/commands/sync-runs');
    const { executeSyncRun } = await import('./index');
    const request = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(practice.practiceId, 'manual'), { app: 'gusto' }));
    const runId = (request as { runId: string }).runId;
    await executeSyncRun(runId);
    const [run] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect({ linked: run!.linked, updated: run!.updated, skipped: run!.skipped }).toEqual({
      linked: preview.counts.linked,
      updated: preview.counts.updated,
      skipped: preview.counts.skipped,
    });
    // The run names the record the preview said it would skip.
    const skips = await database.db.select().from(syncRunSkips).where(eq(syncRunSkips.runId, runId));
    expect(skips.map((k) => ({ externalId: k.externalId, recordName: k.recordName, reason: k.reason }))).toEqual(preview.skips);
    const changes = await database.db.select().from(syncRunChanges).where(eq(syncRunChanges.runId, runId));
    const ran = changes.find((c) => c.clientId === linked!.id)!;
    expect(ran.fields).toEqual(updated.fields);

    // Afterwards the preview has nothing left to do.
    const again = await previewSync(database.db, { practiceId: practice.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything' });
    expect(again.changeCount).toBe(0);
    expect(again.counts).toMatchObject({ linked: 0, updated: 0 });
  });

  test('To XPM: the preview lists the fields a push would send, calls no XPM endpoint, and changes nothing', async () => {
    const practice = await createPracticeMembers(database.db, 'Preview XPM');
    const { grant, xpm } = await connectXpmToXpm(database.db, sandbox.url, practice);
    const record = await xpm.addClient({ name: `Preview Push ${Date.now()}`, website: 'https://before.example.com' });
    await upsertDirectory(database.db, [directoryRow(practice.practiceId, grant.id, record)]);
    const [client] = await database.db
      .insert(clients)
      .values({ practiceId: practice.practiceId, name: record.name, website: 'https://after.example.com' })
      .returning({ id: clients.id });
    await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: client!.id, app: 'xpm', externalId: record.externalId });

    const before = await databaseFingerprint();
    const countersBefore = await sandboxCounters();
    const preview = await previewSync(database.db, { practiceId: practice.practiceId, app: 'xpm', direction: 'to_app', syncData: 'everything' });
    expect(await databaseFingerprint()).toEqual(before);
    expect(await sandboxCounters()).toBe(countersBefore);
    expect(preview.counts.updated).toBe(1);
    expect(preview.guard.kind).toBe('apply'); // 1 of 1 linked client, but fewer than 10
    expect(preview.changes).toEqual([
      expect.objectContaining({ clientId: client!.id, kind: 'sent', fields: [{ field: 'website', before: 'https://before.example.com', after: 'https://after.example.com' }] }),
    ]);
    // Client name only: the website is not in scope, so nothing would be sent.
    const nameOnly = await previewSync(database.db, { practiceId: practice.practiceId, app: 'xpm', direction: 'to_app', syncData: 'client_name' });
    expect(nameOnly.changeCount).toBe(0);
    const [link] = await database.db
      .select()
      .from(clientLinks)
      .where(and(eq(clientLinks.clientId, client!.id), eq(clientLinks.app, 'xpm')));
    expect(link?.lastPushedHash ?? null).toBeNull();
  });

  test('the mass-change guard in the preview: overwriting 10 of 10 linked clients is flagged, filling empty fields is not', async () => {
    const practice = await createPracticeMembers(database.db, 'Preview Guard');
    const { grant, xpm } = await connectXpmToXpm(database.db, sandbox.url, practice);
    const stamp = Date.now();
    for (let i = 0; i < 10; i++) {
      const record = await xpm.addClient({ name: `Guard ${stamp} ${i}`, website: `https://xpm-${i}.example.com` });
      await upsertDirectory(database.db, [directoryRow(practice.practiceId, grant.id, record)]);
      // Nine fill an empty phone only; one also replaces XPM's website.
      const [client] = await database.db
        .insert(clients)
        .values({ practiceId: practice.practiceId, name: record.name, phone: '0400 000 000', website: i === 0 ? 'https://ours.example.com' : `https://xpm-${i}.example.com` })
        .returning({ id: clients.id });
      await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: client!.id, app: 'xpm', externalId: record.externalId });
    }
    const filling = await previewSync(database.db, { practiceId: practice.practiceId, app: 'xpm', direction: 'to_app', syncData: 'everything' });
    expect(filling.counts.updated).toBe(10);
    expect(filling.guard).toEqual({ kind: 'apply' });
    // Now every client would replace XPM's website: 10 of 10 linked clients overwritten.
    await database.db.update(clients).set({ website: 'https://changed.example.com' }).where(eq(clients.practiceId, practice.practiceId));
    const overwriting = await previewSync(database.db, { practiceId: practice.practiceId, app: 'xpm', direction: 'to_app', syncData: 'everything' });
    expect(overwriting.guard).toEqual({
      kind: 'review',
      reasons: ['mass_overwrite'],
      facts: { linkedClients: 10, newlyLinkedClients: 0, overwrittenClients: 10, overwrittenNewlyLinked: 0, blankedFields: 0 },
    });
  });
});
