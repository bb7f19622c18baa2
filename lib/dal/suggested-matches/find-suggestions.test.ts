import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { eq } from 'drizzle-orm';
import { clientLinks, clients, dismissedMatchSuggestions } from '@/db/schema';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import { generateClients, nameVariant } from '@/lib/fixtures/business-names';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { findSuggestions, PROBE_CLIENTS } from './find-suggestions';

/**
 * The candidates are probed a few clients per statement (so a search on PGlite never waits
 * behind all of them): chunked, the answer must be the one a single statement gives. More
 * unlinked clients than the larger chunk, each with a typo'd twin in XPM's directory.
 */
const COUNT = PROBE_CLIENTS.postgres + 7;

describe.each(testDatabases())('suggested matches probed in chunks on $name', (target) => {
  let database: OpenDatabase;
  let practiceId: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    ({ practiceId } = await createPracticeMembers(database.db, 'Chunked Probe'));
    await connectApps(database.db, practiceId, ['xpm']);
    const names = generateClients(COUNT, 0x5eed).map((c) => c.name);
    await database.db.insert(clients).values(names.map((name) => ({ practiceId, name })));
    for (const [i, name] of names.entries()) {
      await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', `twin-${i}`, { name: nameVariant(name, 'typo') }));
    }
  });
  afterAll(() => uninstallTestDatabase(database));

  const pairs = (suggestions: readonly { clientId: string; externalId: string; confidence: number }[]) =>
    suggestions.map((s) => `${s.clientId}→${s.externalId}@${s.confidence}`).sort();

  test.each([1, 4, PROBE_CLIENTS.postgres, undefined])(`${COUNT} unlinked clients probed %s at a time: the answer of one statement`, async (probeClients) => {
    const whole = pairs(await findSuggestions(database.db, practiceId, { probeClients: COUNT }));
    expect(whole.length).toBeGreaterThan(COUNT / 2);
    expect(pairs(await findSuggestions(database.db, practiceId, { probeClients }))).toEqual(whole);
  });
});

/**
 * A client with an exact-name partner in every app it is not linked to cannot be suggested
 * (the matcher drops both sides of an exact pair: a run links it), so it is not probed. After
 * an undo of an import every imported client is like that: probing each, one statement at a
 * time on PGlite, took 22–33 s for 2,360 clients and held up Integrations and the Dashboard.
 * The answer must stay the one probing everyone gives, exact-taken records included.
 */
/** A typo'd name that is never the same name normalised (nameVariant falls back to a suffix change, which is). */
const twin = (name: string) => name.replace(/\p{L}{4,}/u, (word) => `${word.slice(0, -2)}x${word.slice(-1)}`);

describe.each(testDatabases())('clients with an exact-name partner are not probed on $name', (target) => {
  let database: OpenDatabase;
  let practiceId: string;
  const ids = { notProbed: new Set<string>(), probed: new Set<string>() };

  beforeAll(async () => {
    database = await installTestDatabase(target);
    ({ practiceId } = await createPracticeMembers(database.db, 'Exact Partners'));
    await connectApps(database.db, practiceId, ['xpm', 'gusto']);
    const names = generateClients(52, 0xe8ac7).map((c) => c.name);
    const made = await database.db
      .insert(clients)
      .values(names.map((name) => ({ practiceId, name })))
      .returning({ id: clients.id, name: clients.name });
    const linkGusto = (clientId: string, i: number) => database.db.insert(clientLinks).values({ practiceId, clientId, app: 'gusto', externalId: `g-linked-${i}` });
    for (const [i, { id, name }] of made.entries()) {
      if (i < 30) {
        // As after an undo of an import: the XPM record of the same name, unlinked; linked to Gusto.
        await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', `exact-${i}`, { name }));
        await linkGusto(id, i);
        ids.notProbed.add(id);
      } else if (i < 40) {
        // Exact in XPM, but not linked to Gusto, where a twin waits: probed for Gusto.
        await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', `exact-${i}`, { name }));
        await insertDirectoryRecord(database.db, practiceId, canonicalRecord('gusto', `g-twin-${i}`, { name: twin(name) }));
        ids.probed.add(id);
      } else if (i < 50) {
        // Only a twin in XPM: probed.
        await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', `twin-${i}`, { name: twin(name) }));
        await linkGusto(id, i);
        ids.probed.add(id);
      } else if (i === 50) {
        // Its exact pair was dismissed, so it does not count; a twin remains.
        await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', `exact-${i}`, { name }));
        await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', `twin-${i}`, { name: twin(name) }));
        await database.db.insert(dismissedMatchSuggestions).values({ practiceId, clientId: id, app: 'xpm', externalId: `exact-${i}` });
        await linkGusto(id, i);
        ids.probed.add(id);
      } else {
        // Named like client 0 with a typo: XPM's `exact-0` is its likely twin, but client 0 takes it exactly.
        await database.db
          .update(clients)
          .set({ name: twin(names[0]!) })
          .where(eq(clients.id, id));
        await linkGusto(id, i);
        ids.probed.add(id);
      }
    }
  });
  afterAll(() => uninstallTestDatabase(database));

  const pairs = (suggestions: readonly { clientId: string; app: string; externalId: string; confidence: number }[]) =>
    suggestions.map((s) => `${s.clientId}→${s.app}:${s.externalId}@${s.confidence}`).sort();

  test('only clients without an exact partner everywhere are probed, and the answer is the one probing all of them gives', async () => {
    const probed: string[] = [];
    const found = await findSuggestions(database.db, practiceId, { onProbe: (chunk) => probed.push(...chunk) });
    expect(new Set(probed)).toEqual(ids.probed);
    const everyone: string[] = [];
    const probingAll = await findSuggestions(database.db, practiceId, { skipExact: false, onProbe: (chunk) => everyone.push(...chunk) });
    expect(everyone).toHaveLength(ids.probed.size + ids.notProbed.size);
    expect(pairs(found)).toEqual(pairs(probingAll));
    expect(found.length).toBeGreaterThanOrEqual(10);
    expect(found.some((s) => s.externalId === 'exact-0')).toBe(false);
  });
});
