import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections } from '@/db/schema';
import { createClient } from '@/lib/dal/clients';
import { clientInputSchema } from '@/lib/validation/client';
import { pickerNewClientSchema } from '@/lib/validation/proposal';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { planAdoption } from './adopt-directory-record';
import { createClientFromPicker, REVIEW_DUPLICATES_MESSAGE } from './create-client';
import { canonicalRecord, connectApps, insertDirectoryRecord } from './directory-fixture';
import { findLikelyDuplicates } from './duplicates';
import { searchClientPicker } from './search';

const client = (raw: Record<string, unknown>) => clientInputSchema.parse(raw);

/**
 * Counts what reaches the database driver: a query, or a transaction (PGlite) or pooled
 * connection (node-postgres) — each at least one round trip.
 */
function countDriverCalls(db: OpenDatabase['db']): { readonly count: number; restore(): void } {
  const driver = (db as unknown as { $client: Record<string, unknown> }).$client;
  const originals = new Map<string, unknown>();
  let count = 0;
  let inside = false;
  for (const name of ['query', 'transaction', 'connect']) {
    const original = driver[name];
    if (typeof original !== 'function') continue;
    originals.set(name, original);
    driver[name] = (...args: unknown[]) => {
      // node-postgres's pool.query takes a connection itself (synchronously): one call, not two.
      if (!inside) count++;
      inside = true;
      try {
        return (original as (...a: unknown[]) => unknown).apply(driver, args);
      } finally {
        inside = false;
      }
    };
  }
  return {
    get count() {
      return count;
    },
    restore() {
      for (const [name, original] of originals) driver[name] = original;
    },
  };
}

describe.each(testDatabases())('client picker on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;
  let linkedClientId: string;
  let harbourId: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    await connectApps(database.db, a.practiceId, ['xpm', 'gusto']);

    harbourId = (
      await createClient(a.admin, client({ name: 'Harbour Dental Pty Ltd', email: 'reception@harbourdental.example', taxNumber: '51 824 753 556', streetCity: 'Sydney' }))
    ).id;
    await createClient(a.admin, client({ name: 'Harbourside Cafe' }));
    linkedClientId = (await createClient(a.admin, client({ name: 'Pelican Plumbing' }))).id;
    const archived = await createClient(a.admin, client({ name: 'Harbour Archived Co' }));
    await database.db.update(clients).set({ archivedAt: new Date() }).where(eq(clients.id, archived.id));

    for (const [app, id, name, extra] of [
      ['xpm', 'x-1', 'Harbour Engineering', { email: 'ops@harbour-eng.example', taxNumber: '*****4321', taxNumberMasked: true }],
      ['xpm', 'x-2', 'Pelican Plumbing Pty Ltd', {}],
      ['xpm', 'x-3', 'Coastal Harbour Traders', {}],
      ['xpm', 'x-4', 'Harbour Retired Ltd', { archived: true }],
      ['gusto', 'g-1', 'Harbour Engineering LLC', { email: 'payroll@harbour-eng.example' }],
      ['gusto', 'g-2', 'Kauri Landscaping', { email: 'accounts@harbourdental.example' }],
    ] as const) {
      await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord(app, id, { name, ...extra }));
    }
    await database.db.insert(clientLinks).values({ practiceId: a.practiceId, clientId: linkedClientId, app: 'xpm', externalId: 'x-2' });
    // Beta has a look-alike everywhere; none of it may reach Alpha.
    await createClient(b.admin, client({ name: 'Harbour Dental (Beta)' }));
    await connectApps(database.db, b.practiceId, ['xpm']);
    await insertDirectoryRecord(database.db, b.practiceId, canonicalRecord('xpm', 'x-1', { name: 'Harbour Beta Engineering' }));
  });
  afterAll(() => uninstallTestDatabase(database));

  const names = (result: Awaited<ReturnType<typeof searchClientPicker>>) => Object.fromEntries(result.groups.map((g) => [g.source, g.entries.map((e) => e.name)]));

  test('groups by source, best matches first, with details and highlights; archived and other practices left out', async () => {
    const result = await searchClientPicker(a.author, 'harbour');
    expect(result.apps).toEqual(['xpm', 'gusto']);
    expect(names(result)).toEqual({
      practice: ['Harbourside Cafe', 'Harbour Dental Pty Ltd'],
      xpm: ['Harbour Engineering', 'Coastal Harbour Traders'],
      gusto: ['Harbour Engineering LLC'],
    });
    const dental = result.groups[0]!.entries.find((e) => e.name === 'Harbour Dental Pty Ltd')!;
    expect(dental).toMatchObject({
      clientId: harbourId,
      external: null,
      sources: ['practice'],
      email: 'reception@harbourdental.example',
      city: 'Sydney',
      taxNumberEnding: '556',
      highlight: [[0, 7]],
    });
    const engineering = result.groups[1]!.entries[0]!;
    expect(engineering).toMatchObject({ clientId: null, external: { app: 'xpm', externalId: 'x-1' }, sources: ['xpm'], taxNumberEnding: '321' });
    expect(result.shown).toBe(5);
  });

  test('one- and two-character queries match name prefixes', async () => {
    expect(names(await searchClientPicker(a.author, 'h'))).toEqual({
      practice: ['Harbourside Cafe', 'Harbour Dental Pty Ltd'],
      xpm: ['Harbour Engineering'],
      gusto: ['Harbour Engineering LLC'],
    });
    expect(names(await searchClientPicker(a.author, 'Ka'))).toEqual({ gusto: ['Kauri Landscaping'] });
    expect((await searchClientPicker(a.author, '  ')).groups).toEqual([]);
  });

  test('joining words narrow nothing: "&" alone is the start of a name, and "smith & sons" needs smith and sons', async () => {
    await createClient(a.admin, client({ name: 'Smith and Sons Joinery' }));
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'x-and-1', { name: 'Anderson Smith Accounting' }));
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('gusto', 'g-and-1', { name: 'Sandhurst Sons Bakery' }));
    // "Sandhurst" contains "and" and "Smith and Sons" has it as a word: neither starts with it.
    expect(names(await searchClientPicker(a.author, '&'))).toEqual({ xpm: ['Anderson Smith Accounting'] });
    expect(names(await searchClientPicker(a.author, 'and'))).toEqual({ xpm: ['Anderson Smith Accounting'] });
    expect(names(await searchClientPicker(a.author, 'smith & sons'))).toEqual({ practice: ['Smith and Sons Joinery'] });
  });

  test('legal forms alone ("ltd") are the start of a name in every source alike, and the result says how names were searched', async () => {
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'x-ltd-1', { name: 'Ltd Logistics' }));
    await createClient(a.admin, client({ name: 'Incite Media Inc' }));
    // Not the practice's "Harbour Dental Pty Ltd", which "contains 'ltd'" found while XPM's
    // "Pelican Plumbing Pty Ltd" (stored without its legal form) never could be.
    const ltd = await searchClientPicker(a.author, 'ltd');
    expect(names(ltd)).toEqual({ xpm: ['Ltd Logistics'] });
    expect(ltd.searched).toBe('start-legal-forms');
    expect(names(await searchClientPicker(a.author, 'Pty Ltd'))).toEqual({});
    expect(names(await searchClientPicker(a.author, 'inc'))).toEqual({ practice: ['Incite Media Inc'] });
    expect((await searchClientPicker(a.author, 'harbour')).searched).toBe('within');
    expect((await searchClientPicker(a.author, 'ha')).searched).toBe('start-short');
    expect((await searchClientPicker(a.author, 'the')).searched).toBe('start-joining-words');
  });

  test('a typo still finds the name', async () => {
    expect(names(await searchClientPicker(a.author, 'harbor engineer'))).toMatchObject({ xpm: ['Harbour Engineering'] });
    expect(names(await searchClientPicker(a.author, 'harbor eng'))).toMatchObject({ xpm: ['Harbour Engineering'] });
  });

  test('a short word the name does not contain rules a typo match out: no guessing on the long words alone', async () => {
    // "harbor" alone is close to several names; with "zzz" (in none of them) nothing is a match.
    expect(names(await searchClientPicker(a.author, 'zzz harbor'))).toEqual({});
    expect((await searchClientPicker(a.author, 'zzz harbor')).shown).toBe(0);
  });

  test('a linked external record shows once, as its client, with both badges', async () => {
    const result = await searchClientPicker(a.author, 'pelican');
    expect(result.groups.map((g) => g.source)).toEqual(['practice']);
    expect(result.groups[0]!.entries).toHaveLength(1);
    expect(result.groups[0]!.entries[0]).toMatchObject({ name: 'Pelican Plumbing', clientId: linkedClientId, external: null, sources: ['practice', 'xpm'] });
  });

  test("a client's badges do not depend on what is typed: its linked record need not be among the app's candidates", async () => {
    const p = await createPracticeMembers(database.db, 'Zeta');
    await connectApps(database.db, p.practiceId, ['xpm', 'gusto']);
    const carter = await createClient(p.admin, client({ name: 'Carter Superannuation Fund' }));
    // More XPM names start with "carter" than a branch returns, and they sort before the linked one.
    for (let i = 0; i < 14; i++)
      await insertDirectoryRecord(database.db, p.practiceId, canonicalRecord('xpm', `zx-${i}`, { name: `Carter Associates ${String(i).padStart(2, '0')}` }));
    await insertDirectoryRecord(database.db, p.practiceId, canonicalRecord('xpm', 'zx-linked', { name: 'Carter Superannuation Fund' }));
    await insertDirectoryRecord(database.db, p.practiceId, canonicalRecord('gusto', 'zg-linked', { name: 'Carter Super Payroll' }));
    await database.db.insert(clientLinks).values([
      { practiceId: p.practiceId, clientId: carter.id, app: 'xpm', externalId: 'zx-linked' },
      { practiceId: p.practiceId, clientId: carter.id, app: 'gusto', externalId: 'zg-linked', status: 'external_archived' },
    ]);
    for (const q of ['carter', 'carter super', 'ca']) {
      const entry = (await searchClientPicker(p.author, q)).groups[0]!.entries.find((e) => e.clientId === carter.id);
      // An archived link is no badge; the active XPM link is, whichever XPM rows came back.
      expect(entry?.sources, q).toEqual(['practice', 'xpm']);
    }
    // Found only through its Gusto record's name ("payroll"), the client still has its XPM badge.
    await database.db
      .update(clientLinks)
      .set({ status: 'active' })
      .where(and(eq(clientLinks.practiceId, p.practiceId), eq(clientLinks.app, 'gusto')));
    const throughGusto = (await searchClientPicker(p.author, 'payroll')).groups[0]!.entries.find((e) => e.clientId === carter.id);
    expect(throughGusto?.sources).toEqual(['practice', 'xpm', 'gusto']);
    // The likely duplicates of a new client badge it by its links too, though only its own name was found.
    const dupes = await findLikelyDuplicates(p.author, { name: 'Carter Superannuation Fund' });
    expect(dupes.find((d) => d.clientId === carter.id)?.sources).toEqual(['practice', 'xpm', 'gusto']);
    // Disconnected, XPM is no longer searched, so no XPM badge either.
    await database.db
      .update(connections)
      .set({ status: 'disconnected' })
      .where(and(eq(connections.practiceId, p.practiceId), eq(connections.app, 'xpm')));
    expect((await searchClientPicker(p.author, 'carter')).groups[0]!.entries.find((e) => e.clientId === carter.id)?.sources).toEqual(['practice', 'gusto']);
  });

  test('another practice sees only its own records', async () => {
    const result = await searchClientPicker(b.author, 'harbour');
    expect(names(result)).toEqual({ practice: ['Harbour Dental (Beta)'], xpm: ['Harbour Beta Engineering'] });
  });

  test('with no apps connected, only clients are searched and the result says so', async () => {
    const c = await createPracticeMembers(database.db, 'Gamma');
    await createClient(c.admin, client({ name: 'Gamma Harbour' }));
    const result = await searchClientPicker(c.author, 'harb');
    expect(result.apps).toEqual([]);
    expect(names(result)).toEqual({ practice: ['Gamma Harbour'] });
  });

  test('a disconnected app is not searched, for prefixes, words and typos, and the result says which apps were', async () => {
    for (const [label, connected] of [
      ['Delta', 'xpm'],
      ['Epsilon', 'gusto'],
    ] as const) {
      const p = await createPracticeMembers(database.db, label);
      await connectApps(database.db, p.practiceId, ['xpm', 'gusto']);
      const other = connected === 'xpm' ? 'gusto' : 'xpm';
      await database.db
        .update(connections)
        .set({ status: 'disconnected' })
        .where(and(eq(connections.practiceId, p.practiceId), eq(connections.app, other)));
      await insertDirectoryRecord(database.db, p.practiceId, canonicalRecord('xpm', `${label}-x`, { name: `${label} Harbour Xpm` }));
      await insertDirectoryRecord(database.db, p.practiceId, canonicalRecord('gusto', `${label}-g`, { name: `${label} Harbour Gusto` }));
      const only = { [connected]: [`${label} Harbour ${connected === 'xpm' ? 'Xpm' : 'Gusto'}`] };
      for (const q of [label.slice(0, 2), `${label} harbour`, `${label} harbor`]) {
        const result = await searchClientPicker(p.author, q);
        expect(result.apps, q).toEqual([connected]);
        expect(names(result), q).toEqual(only);
      }
      expect((await searchClientPicker(p.author, '')).apps).toEqual([connected]);
    }
  });

  test('a search is one statement: which apps are connected is asked within it', async () => {
    const statements = countDriverCalls(database.db);
    try {
      const result = await searchClientPicker(a.author, 'harbour');
      expect(result.apps).toEqual(['xpm', 'gusto']);
      expect(result.shown).toBeGreaterThan(0);
      expect(statements.count).toBe(1);
    } finally {
      statements.restore();
    }
  });

  test('likely duplicates across all three sources: similar name, same email, same domain, same tax number', async () => {
    const dupes = await findLikelyDuplicates(a.author, { name: 'Harbour Dental', email: 'info@harbourdental.example' });
    expect(dupes[0]).toMatchObject({ name: 'Harbour Dental Pty Ltd', clientId: harbourId, reasons: ['exact_name', 'same_email_domain'] });
    expect(dupes.map((d) => d.name)).toContain('Kauri Landscaping'); // same business email domain, in Gusto
    expect(dupes.find((d) => d.name === 'Kauri Landscaping')).toMatchObject({ external: { app: 'gusto', externalId: 'g-2' }, reasons: ['same_email_domain'] });

    const byTax = await findLikelyDuplicates(a.author, { name: 'Totally Different Name', taxNumber: '51824753556' });
    expect(byTax.map((d) => [d.name, d.reasons])).toEqual([['Harbour Dental Pty Ltd', ['same_tax_number']]]);

    const byEmail = await findLikelyDuplicates(a.author, { name: 'Someone Else', email: 'OPS@harbour-eng.example' });
    expect(byEmail[0]).toMatchObject({ name: 'Harbour Engineering', reasons: ['same_email'] });

    expect(await findLikelyDuplicates(a.author, { name: 'Zebra Unrelated Holdings', email: 'me@gmail.com' })).toEqual([]);
    // Beta's look-alike is not Alpha's duplicate, and vice versa.
    expect((await findLikelyDuplicates(b.author, { name: 'Harbour Dental' })).map((d) => d.name)).toEqual(['Harbour Dental (Beta)']);
  });

  test('a linked record counts as its client once among duplicates', async () => {
    const dupes = await findLikelyDuplicates(a.author, { name: 'Pelican Plumbing' });
    expect(dupes.filter((d) => d.name.startsWith('Pelican'))).toEqual([expect.objectContaining({ clientId: linkedClientId, sources: ['practice', 'xpm'] })]);
  });

  test('creating from the picker first insists on reviewing likely duplicates, then allows it', async () => {
    const input = pickerNewClientSchema.parse({ name: 'Harbour Dental.' });
    await expect(createClientFromPicker(a.author, input)).rejects.toThrow(REVIEW_DUPLICATES_MESSAGE);
    const created = await createClientFromPicker(a.author, { ...input, duplicatesReviewed: true });
    expect(created.name).toBe('Harbour Dental.');
    const fresh = await createClientFromPicker(a.author, pickerNewClientSchema.parse({ name: 'Quokka Quilting Studio' }));
    expect(fresh.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('the plan for a pick says what saving will do', async () => {
    expect(await planAdoption(database.db, a.admin, 'xpm', 'x-2')).toEqual({ kind: 'already_linked', client: { id: linkedClientId, name: 'Pelican Plumbing' } });
    expect(await planAdoption(database.db, a.admin, 'xpm', 'x-3')).toEqual({
      kind: 'create',
      name: 'Coastal Harbour Traders',
      duplicates: [],
      linkEffect: expect.any(String),
      // The settings, for "Use this instead" of a look-alike to say what linking it does (components/proposals/used-instead.ts).
      flow: { syncData: 'nothing', direction: 'from_app' },
    });
    await createClient(a.admin, client({ name: 'Coastal Harbour Traders Ltd' }));
    expect(await planAdoption(database.db, a.admin, 'xpm', 'x-3')).toMatchObject({ kind: 'link_existing', client: { name: 'Coastal Harbour Traders Ltd' } });
    // Linking says what the app's settings will do with it (here Sync data Nothing; then From XPM, Everything).
    expect(await planAdoption(database.db, a.admin, 'xpm', 'x-3')).toMatchObject({
      linkEffect: 'XPM’s Sync data is Nothing: no client data flows either way; the link only says they are the same business.',
    });
    await database.db
      .update(connections)
      .set({ syncData: 'everything', syncDirection: 'from_app' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'xpm')));
    expect(await planAdoption(database.db, a.admin, 'xpm', 'x-3')).toMatchObject({
      linkEffect: 'XPM’s next sync brings its values in, replacing what differs here. This client will be renamed “Coastal Harbour Traders”.',
    });
    await database.db
      .update(connections)
      .set({ syncData: 'nothing' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'xpm')));
    await expect(planAdoption(database.db, b.admin, 'xpm', 'x-3')).rejects.toThrow(/no longer in the directory/);
  });
});
