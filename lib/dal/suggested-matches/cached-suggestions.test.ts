import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections } from '@/db/schema';
import { memberActor, systemActor } from '@/lib/commands/actor';
import { disconnect } from '@/lib/commands/connections';
import { requestSyncRun } from '@/lib/commands/sync-runs';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import { directoryRow, upsertDirectory } from '@/lib/integrations/directory-upsert';
import { clientInputSchema } from '@/lib/validation/client';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { executeSyncRun } from '@/lib/sync/engine';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { linkClientToRecord, unlinkClient } from '../client-sync';
import { setClientArchived, updateClient } from '../clients';
import { cachedSuggestions } from './cached-suggestions';
import { findSuggestions } from './find-suggestions';
import { confirmSuggestedMatch, countSuggestedMatches, dismissSuggestedMatch } from './review';

/**
 * The cache is kept per state of what suggestions are made from: each write that can change
 * them, through the app's own write path, must give the same answer as working them out
 * afresh — and no write must give back the very same cached array.
 */
describe.each(testDatabases())('cached suggested matches on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;
  const id: Record<string, string> = {};

  const keys = (rows: readonly { clientId: string; externalId: string }[]) => rows.map((r) => `${Object.keys(id).find((k) => id[k] === r.clientId)}-${r.externalId}`).sort();
  /** The cached answer, checked against a fresh computation every time. */
  async function cached(practiceId = a.practiceId) {
    const rows = await cachedSuggestions(database.db, practiceId);
    expect(keys(rows)).toEqual(keys(await findSuggestions(database.db, practiceId)));
    return rows;
  }
  const xpm = (externalId: string, name: string) => insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', externalId, { name }));
  async function client(key: string, name: string) {
    const [row] = await database.db.insert(clients).values({ practiceId: a.practiceId, name }).returning({ id: clients.id });
    id[key] = row!.id;
  }

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Cache Alpha');
    b = await createPracticeMembers(database.db, 'Cache Beta');
    await connectApps(database.db, a.practiceId, ['xpm']);
    await connectApps(database.db, b.practiceId, ['xpm']);
    await client('kowhai', 'Kowhai Landscaping Ltd');
    await client('harbour', 'Harbour Dental Group');
    await client('tasman', 'Tasman Freight Services');
    await xpm('x-kowhai', 'Kowhai Landscpaing Ltd');
    await xpm('x-harbour', 'Harbour Dentl Group');
    await xpm('x-tasman', 'Tasman Freight Servics');
  });
  afterAll(() => uninstallTestDatabase(database));

  test('nothing changed: the same answer, not worked out again', async () => {
    const first = await cached();
    expect(keys(first)).toEqual(['harbour-x-harbour', 'kowhai-x-kowhai', 'tasman-x-tasman']);
    expect(await cachedSuggestions(database.db, a.practiceId)).toBe(first);
    // Another practice's writes leave this practice's answer alone, and its own answer is its own.
    await insertDirectoryRecord(database.db, b.practiceId, canonicalRecord('xpm', 'b-kowhai', { name: 'Kowhai Landscapeing Ltd' }));
    expect(await cachedSuggestions(database.db, a.practiceId)).toBe(first);
    expect(await cached(b.practiceId)).toEqual([]);
  });

  test('a dismissal, a confirmation, an unlink and a link each give a fresh answer', async () => {
    const steps: [string, () => Promise<unknown>, string[]][] = [
      ['dismiss', () => dismissSuggestedMatch(a.admin, { clientId: id.tasman!, app: 'xpm', externalId: 'x-tasman' }), ['harbour-x-harbour', 'kowhai-x-kowhai']],
      ['confirm', () => confirmSuggestedMatch(a.admin, { clientId: id.kowhai!, app: 'xpm', externalId: 'x-kowhai' }), ['harbour-x-harbour']],
      ['unlink', () => unlinkClient(a.admin, { clientId: id.kowhai!, app: 'xpm' }), ['harbour-x-harbour', 'kowhai-x-kowhai']],
      ['link by hand', () => linkClientToRecord(a.admin, { clientId: id.harbour!, app: 'xpm', externalId: 'x-harbour' }), ['kowhai-x-kowhai']],
    ];
    for (const [step, write, expected] of steps) {
      const before = await cached();
      await write();
      const after = await cached();
      expect(after, step).not.toBe(before);
      expect(keys(after), step).toEqual(expected);
    }
  });

  test('an edit, an archive and a directory refresh each give a fresh answer', async () => {
    const before = await cached();
    await updateClient(a.author, id.kowhai!, 1, clientInputSchema.parse({ name: 'Completely Different Name' }));
    expect(keys(await cached())).toEqual([]);
    await updateClient(a.author, id.kowhai!, 2, clientInputSchema.parse({ name: 'Kowhai Landscaping Ltd' }));
    expect(keys(await cached())).toEqual(keys(before));

    await setClientArchived(a.author, id.kowhai!, true);
    expect(keys(await cached())).toEqual([]);
    await setClientArchived(a.author, id.kowhai!, false);

    // The refresh renames XPM's record so it no longer looks like ours, then archives a new near-twin.
    await upsertDirectory(database.db, [directoryRow(a.practiceId, null, canonicalRecord('xpm', 'x-kowhai', { name: 'Pohutukawa Plumbing' }))]);
    expect(keys(await cached())).toEqual([]);
    await upsertDirectory(database.db, [directoryRow(a.practiceId, null, canonicalRecord('xpm', 'x-kowhai2', { name: 'Kowhai Landscapng Ltd' }))]);
    expect(keys(await cached())).toEqual(['kowhai-x-kowhai2']);
    // The Dashboard's count: per app, this practice's only, for admins only.
    expect(await countSuggestedMatches(a.admin)).toEqual([{ app: 'xpm', count: 1 }]);
    expect(await countSuggestedMatches(b.admin)).toEqual([]);
    await expect(countSuggestedMatches(a.author)).rejects.toMatchObject({ code: 'forbidden' });
  });

  test('the same tax or business number is found by its last digits whatever the names (the generated tail columns)', async () => {
    const c = await createPracticeMembers(database.db, 'Cache Tax');
    await connectApps(database.db, c.practiceId, ['xpm']);
    const [orbit, quill] = await database.db
      .insert(clients)
      .values([
        { practiceId: c.practiceId, name: 'Orbit Analytics', taxNumber: '11 222 333 444' },
        { practiceId: c.practiceId, name: 'Quill and Ink Studio', businessNumber: '55-6667777' },
      ])
      .returning({ id: clients.id });
    id.orbit = orbit!.id;
    id.quill = quill!.id;
    await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('xpm', 'x-tax', { name: 'Zephyr Holdings', taxNumber: '11222333444' }));
    await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('xpm', 'x-business', { name: 'Marlin Group', businessNumber: '556667777' }));
    await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('xpm', 'x-other', { name: 'Marlin Partners', businessNumber: '556660000' }));
    const rows = await cached(c.practiceId);
    expect(keys(rows)).toEqual(['orbit-x-tax', 'quill-x-business']);
    expect(rows.every((r) => r.reasons.includes('same_tax_number'))).toBe(true);
  });

  test('a sync run that links and updates clients gives a fresh answer', async () => {
    // A practice of its own, From XPM and with Gusto connected: the run renames a client linked
    // to XPM after XPM's record, which makes it look like a Gusto company it did not before,
    // and links an exact-name twin.
    const c = await createPracticeMembers(database.db, 'Cache Run');
    await connectApps(database.db, c.practiceId, ['xpm', 'gusto']);
    await database.db
      .update(connections)
      .set({ syncData: 'everything', syncDirection: 'from_app' })
      .where(and(eq(connections.practiceId, c.practiceId), eq(connections.app, 'xpm')));
    const [rimu, kauri] = await database.db
      .insert(clients)
      .values([
        { practiceId: c.practiceId, name: 'Rimu Joinery Ltd' },
        { practiceId: c.practiceId, name: 'Kauri Coffee Roasters' },
      ])
      .returning({ id: clients.id });
    id.rimu = rimu!.id;
    id.kauri = kauri!.id;
    await database.db.insert(clientLinks).values({ practiceId: c.practiceId, clientId: id.rimu, app: 'xpm', externalId: 'x-rimu' });
    await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('xpm', 'x-rimu', { name: 'Matai Construction Services' }));
    await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('xpm', 'x-kauri', { name: 'Kauri Coffee Roasters' }));
    await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('gusto', 'g-matai', { name: 'Matai Construction Servces' }));
    const before = await cached(c.practiceId);
    expect(keys(before)).toEqual([]);

    const request = await database.db.transaction((tx) => requestSyncRun(tx, systemActor(c.practiceId, 'manual'), { app: 'xpm' }));
    expect(request.kind).toBe('queued');
    // The directory is filled here already: the run skips its read (the app over the network).
    const result = await executeSyncRun((request as { runId: string }).runId, { read: async () => ({ fetched: 0, errors: [] }) });
    expect(result).toEqual({ outcome: 'finished', status: 'succeeded' });
    const links = await database.db
      .select({ clientId: clientLinks.clientId, externalId: clientLinks.externalId })
      .from(clientLinks)
      .where(eq(clientLinks.practiceId, c.practiceId));
    expect(keys(links)).toEqual(['kauri-x-kauri', 'rimu-x-rimu']);

    const after = await cached(c.practiceId);
    expect(after).not.toBe(before);
    expect(keys(after)).toEqual(['rimu-g-matai']);
  });

  test('disconnecting the app leaves nothing to suggest', async () => {
    expect((await cached()).length).toBeGreaterThan(0);
    await database.db.transaction((tx) => disconnect(tx, memberActor(a.admin), 'xpm'));
    expect(await cached()).toEqual([]);
  });
});
