import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, dismissedMatchSuggestions } from '@/db/schema';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import { settlePlannerStats } from '@/lib/sync/engine/planner-stats';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { plannedRows } from '@/test/planned-rows';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { confirmSuggestedMatch, confirmSuggestedMatches, dismissSuggestedMatch, listSuggestedMatches, previewBulkConfirm } from './review';

const THRESHOLDS = [90, 50];

describe.each(testDatabases())('suggested matches on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;
  const id: Record<string, string> = {};

  async function client(key: string, values: { name: string; email?: string; taxNumber?: string; archived?: boolean }) {
    const [row] = await database.db
      .insert(clients)
      .values({ practiceId: a.practiceId, name: values.name, email: values.email ?? null, taxNumber: values.taxNumber ?? null, archivedAt: values.archived ? new Date() : null })
      .returning({ id: clients.id });
    id[key] = row!.id;
  }
  const xpm = (externalId: string, fields: Parameters<typeof canonicalRecord>[2]) => insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', externalId, fields));
  const keysOf = (rows: readonly { clientId: string; externalId: string }[]) => rows.map((r) => `${Object.keys(id).find((k) => id[k] === r.clientId)}-${r.externalId}`).sort();
  const linksOfA = async () =>
    (await database.db.select({ clientId: clientLinks.clientId, externalId: clientLinks.externalId }).from(clientLinks).where(eq(clientLinks.practiceId, a.practiceId))).map(
      (r) => `${Object.keys(id).find((k) => id[k] === r.clientId)}-${r.externalId}`,
    );
  const pairs = (rows: readonly { clientId: string; app: 'xpm' | 'gusto'; externalId: string }[]) => rows.map(({ clientId, app, externalId }) => ({ clientId, app, externalId }));

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    await connectApps(database.db, a.practiceId, ['xpm']);
    await connectApps(database.db, b.practiceId, ['xpm']);
    await client('kowhai', { name: 'Kowhai Landscaping Ltd' });
    await client('summit', { name: 'Summit Peak Consulting', taxNumber: '12 345 678 635', email: 'office@summitpeak.example' });
    await client('harbour', { name: 'Harbour Dental Pty Ltd' });
    await client('acme', { name: 'Acme Widgets', email: 'Info@Acme.example' });
    await client('bluegum', { name: 'Bluegum Physiotherapy' });
    await client('linked', { name: 'Riverside Bakery' });
    await client('archived', { name: 'Kowhai Landscaping Limited', archived: true });
    await xpm('x-kowhai', { name: 'Kowhai Landscpaing Ltd' });
    await xpm('x-summit', { name: 'Summit Peak Consultants', taxNumber: '*****8635', taxNumberMasked: true });
    await xpm('x-summit2', { name: 'Summit Peak Consultancy', email: 'office@summitpeak.example' });
    await xpm('x-harbour', { name: 'Harbour Dental Pty. Ltd.' });
    await xpm('x-zebra', { name: 'Zebra Holdings', email: 'info@acme.example' });
    await xpm('x-bluegum', { name: 'Blue Gum Physiotherapy Pty Ltd' });
    await xpm('x-bakery', { name: 'Riverside Bakeries' });
    await xpm('x-gone', { name: 'Kowhai Landscapes', archived: true });
    await database.db.insert(clientLinks).values({ practiceId: a.practiceId, clientId: id.linked!, app: 'xpm', externalId: 'x-bakery-elsewhere' });
    // Another practice's directory holds a record like ours: it must never be suggested here.
    await insertDirectoryRecord(database.db, b.practiceId, canonicalRecord('xpm', 'b-kowhai', { name: 'Kowhai Landscapeing Ltd' }));
  });
  afterAll(() => uninstallTestDatabase(database));

  test('lists close names, the same email and the same tax number, never an exact name, a linked client, an archived side or another practice', async () => {
    const page = await listSuggestedMatches(a.admin, 1, THRESHOLDS);
    expect(keysOf(page.rows)).toEqual(['acme-x-zebra', 'bluegum-x-bluegum', 'kowhai-x-kowhai', 'summit-x-summit', 'summit-x-summit2']);
    expect(page.total).toBe(5);
    // Best first.
    const confidences = page.rows.map((r) => r.confidence);
    expect(confidences).toEqual([...confidences].sort((x, y) => y - x));
    const summit = page.rows.find((r) => r.externalId === 'x-summit')!;
    expect(summit.why).toEqual(['Same tax number (ending 635)', 'Names 68% alike']);
    expect(summit.client).toMatchObject({
      name: 'Summit Peak Consulting',
      taxNumberEnding: '635',
      highlight: [
        [0, 6],
        [7, 11],
      ],
    });
    expect(summit.record).toMatchObject({ name: 'Summit Peak Consultants', taxNumberEnding: '635', appLabel: 'XPM' });
    expect(page.atOrAbove).toEqual({ 90: 1, 50: 5 });
    // What "confirm all" would link at each threshold, as its preview links: Summit Peak Consulting
    // has two records, so one of the five waits (a trial read "3 pairs" and saw 1 linked).
    expect(page.linkable).toEqual({ 90: 1, 50: 4 });
    for (const t of THRESHOLDS) expect((await previewBulkConfirm(a.admin, t)).link).toHaveLength(page.linkable[t]!);
    expect((await listSuggestedMatches(b.admin, 1, THRESHOLDS)).rows).toEqual([]);
  });

  test('bulk-confirming suggested matches links exactly the confirmed pairs, once, and a dismissed pair is not suggested again', async () => {
    await dismissSuggestedMatch(a.admin, { clientId: id.bluegum!, app: 'xpm', externalId: 'x-bluegum' });
    await dismissSuggestedMatch(a.admin, { clientId: id.bluegum!, app: 'xpm', externalId: 'x-bluegum' }); // twice: nothing more
    expect(await database.db.select().from(dismissedMatchSuggestions).where(eq(dismissedMatchSuggestions.clientId, id.bluegum!))).toMatchObject([
      { dismissedByUserId: a.admin.userId },
    ]);

    const preview = await previewBulkConfirm(a.admin, 50);
    // One client, two records: the better record is linked, the other skipped in words.
    expect(keysOf(preview.link)).toEqual(['acme-x-zebra', 'kowhai-x-kowhai', 'summit-x-summit2']);
    expect(preview.skipped.map((s) => [keysOf([s.suggestion])[0], s.why])).toEqual([
      ['summit-x-summit', 'Summit Peak Consulting links to XPM’s “Summit Peak Consultancy” instead (a client links to one XPM record)'],
    ]);

    const before = await linksOfA();
    const result = await confirmSuggestedMatches(a.admin, pairs(preview.link));
    expect(result).toMatchObject({ linked: 3, alreadyLinked: 0, skipped: [], summary: 'Linked 3 pairs.' });
    expect((await linksOfA()).sort()).toEqual([...before, 'acme-x-zebra', 'kowhai-x-kowhai', 'summit-x-summit2'].sort());
    const [link] = await database.db
      .select({ linkedByUserId: clientLinks.linkedByUserId })
      .from(clientLinks)
      .where(and(eq(clientLinks.clientId, id.kowhai!), eq(clientLinks.externalId, 'x-kowhai')));
    expect(link?.linkedByUserId).toBe(a.admin.userId);

    // Confirming the same preview again links nothing more.
    const again = await confirmSuggestedMatches(a.admin, pairs(preview.link));
    expect(again).toMatchObject({ linked: 0, alreadyLinked: 3, skipped: [] });
    expect(await confirmSuggestedMatch(a.admin, pairs(preview.link)[0]!)).toEqual({ outcome: 'already_linked', xid: expect.stringMatching(/^\d+$/) });
    expect((await linksOfA()).length).toBe(before.length + 3);

    // Linked pairs drop out, and so does the dismissed one; the second Summit record has no free client left.
    expect((await listSuggestedMatches(a.admin, 1, THRESHOLDS)).rows).toEqual([]);
  });

  test('two records as likely as each other for one client: a bulk confirmation links neither and says so', async () => {
    const g = await createPracticeMembers(database.db, 'Gamma');
    await connectApps(database.db, g.practiceId, ['xpm']);
    const [northwind] = await database.db.insert(clients).values({ practiceId: g.practiceId, name: 'Northwind Traders' }).returning({ id: clients.id });
    // The same name, twice in XPM: equally alike, neither better.
    await insertDirectoryRecord(database.db, g.practiceId, canonicalRecord('xpm', 'x-north-1', { name: 'Northwind Trading' }));
    await insertDirectoryRecord(database.db, g.practiceId, canonicalRecord('xpm', 'x-north-2', { name: 'Northwind Trading' }));
    const preview = await previewBulkConfirm(g.admin, 50);
    expect(preview.link).toEqual([]);
    expect(preview.skipped.map((s) => [s.suggestion.clientId, s.suggestion.externalId, s.why])).toEqual([
      [northwind!.id, 'x-north-1', 'Northwind Traders has other XPM records as likely as this one, so none is linked: confirm the right one on its own'],
      [northwind!.id, 'x-north-2', 'Northwind Traders has other XPM records as likely as this one, so none is linked: confirm the right one on its own'],
    ]);
  });

  test('a pair whose side was linked meanwhile is refused in words, alone or in a bulk confirmation', async () => {
    await client('summit2', { name: 'Summit Peak Consultancy Group' });
    // x-summit2 is linked to Summit Peak Consulting by the previous test.
    await expect(confirmSuggestedMatch(a.admin, { clientId: id.summit2!, app: 'xpm', externalId: 'x-summit2' })).rejects.toMatchObject({
      code: 'refused',
      formError: 'XPM’s “Summit Peak Consultancy” is already linked to Summit Peak Consulting. Unlink it there first if this pair is right.',
    });
    const result = await confirmSuggestedMatches(a.admin, [
      { clientId: id.summit!, app: 'xpm', externalId: 'x-summit' },
      { clientId: id.summit2!, app: 'xpm', externalId: 'x-summit' },
    ]);
    expect(result.linked).toBe(1);
    expect(result.skipped).toEqual([
      {
        clientName: 'Summit Peak Consulting',
        recordName: 'Summit Peak Consultants',
        why: 'Summit Peak Consulting is already linked to another XPM record. Unlink it on the client’s page first if this pair is right.',
      },
    ]);
    expect(await linksOfA()).toContain('summit2-x-summit');
  });

  test('an author, or an admin of another practice, changes nothing', async () => {
    await client('author-try', { name: 'Tasman Freight' });
    await xpm('x-tasman', { name: 'Tasman Freights' });
    const pair = { clientId: id['author-try']!, app: 'xpm' as const, externalId: 'x-tasman' };
    await expect(listSuggestedMatches(a.author, 1, THRESHOLDS)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(previewBulkConfirm(a.author, 50)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(confirmSuggestedMatch(a.author, pair)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(confirmSuggestedMatches(a.author, [pair])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dismissSuggestedMatch(a.author, pair)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(confirmSuggestedMatch(b.admin, pair)).rejects.toMatchObject({ code: 'not_found' });
    await expect(dismissSuggestedMatch(b.admin, pair)).rejects.toMatchObject({ code: 'not_found' });
    expect((await confirmSuggestedMatches(b.admin, [pair])).skipped).toHaveLength(1);
    expect(await linksOfA()).not.toContain('author-try-x-tasman');
    expect(await database.db.select().from(dismissedMatchSuggestions).where(eq(dismissedMatchSuggestions.clientId, pair.clientId))).toEqual([]);
    expect(keysOf((await listSuggestedMatches(a.admin, 1, THRESHOLDS)).rows)).toContain('author-try-x-tasman');
  });

  test('a bulk confirmation leaves the planner knowing the links it made: every picker search joins them', async () => {
    const c = await createPracticeMembers(database.db, 'Gamma');
    await connectApps(database.db, c.practiceId, ['xpm']);
    const made = await database.db
      .insert(clients)
      .values(Array.from({ length: 120 }, (_, i) => ({ practiceId: c.practiceId, name: `Gamma Client ${i}` })))
      .returning({ id: clients.id });
    for (let i = 0; i < made.length; i++) await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('xpm', `g-${i}`, { name: `Gamma Clients ${i}` }));
    await settlePlannerStats(database.db); // in step before the confirmation, when Gamma has no links

    const result = await confirmSuggestedMatches(
      c.admin,
      made.map((client, i) => ({ clientId: client.id, app: 'xpm' as const, externalId: `g-${i}` })),
    );
    expect(result.linked).toBe(120);
    // Left to the next sync run, the statistics counted none of Gamma's links.
    expect(await plannedRows(database.db, sql`select * from client_links where practice_id = ${c.practiceId}`)).toBeGreaterThanOrEqual(60);
  });
});
