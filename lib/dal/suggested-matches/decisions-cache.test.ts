import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clients } from '@/db/schema';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { cachedSuggestions, clearSuggestionsCache } from './cached-suggestions';
import { findCandidates, findSuggestions } from './find-suggestions';
import { confirmSuggestedMatch, confirmSuggestedMatches, dismissSuggestedMatch } from './review';

// Counts how often the cache asks the database for candidates (findSuggestions, used below as
// the reference, calls its own module's copy and is not counted).
vi.mock('./find-suggestions', async (original) => {
  const actual = await original<typeof import('./find-suggestions')>();
  return { ...actual, findCandidates: vi.fn(actual.findCandidates) };
});

/**
 * A Confirm or Dismiss on the review page is applied to the cached suggestions instead of
 * working them all out again (a user trial: 2.5–6 s per decision under load) — and the answer
 * is always the one working them out afresh gives: a decided pair never comes back, a pair a
 * decision uncovers appears, and anything else that changed meanwhile is not missed.
 */
describe.each(testDatabases())('decisions applied to the cached suggestions on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  const id: Record<string, string> = {};
  const workedOut = vi.mocked(findCandidates);

  const keys = (rows: readonly { clientId: string; externalId: string }[]) => rows.map((r) => `${Object.keys(id).find((k) => id[k] === r.clientId)}-${r.externalId}`).sort();
  /** The cached answer's pairs, checked against a fresh computation, and whether the cache worked it out. */
  async function cached() {
    const before = workedOut.mock.calls.length;
    const rows = keys(await cachedSuggestions(database.db, a.practiceId));
    const computed = workedOut.mock.calls.length > before;
    expect(rows).toEqual(keys(await findSuggestions(database.db, a.practiceId)));
    return { rows, computed };
  }
  const xpm = (externalId: string, name: string) => insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', externalId, { name }));
  async function client(key: string, name: string) {
    const [row] = await database.db.insert(clients).values({ practiceId: a.practiceId, name }).returning({ id: clients.id });
    id[key] = row!.id;
  }
  const pair = (key: string, externalId: string) => ({ clientId: id[key]!, app: 'xpm' as const, externalId });

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Decisions Cache');
    await connectApps(database.db, a.practiceId, ['xpm']);
    await client('kowhai', 'Kowhai Landscaping Ltd');
    await client('harbour', 'Harbour Dental Group');
    await client('tasman', 'Tasman Freight Services');
    await client('rimu', 'Rimu Joinery Ltd');
    await client('matai', 'Matai Construction Services');
    // Kowhai has two XPM look-alikes: only the likelier is suggested while it is there.
    await xpm('x-kowhai', 'Kowhai Landscapng');
    await xpm('x-kowhai-2', 'Kowhai Landscpaing Ltd');
    await xpm('x-harbour', 'Harbour Dentl Group');
    await xpm('x-tasman', 'Tasman Freight Servics');
    await xpm('x-rimu', 'Rimu Joinery Limited'); // Rimu's exact partner: never suggested, Rimu never probed
    await xpm('x-matai', 'Matai Construction Servces');
    clearSuggestionsCache();
  });
  afterAll(() => uninstallTestDatabase(database));

  test('a dismissal uncovers the runner-up it hid, and is not worked out again', async () => {
    expect(await cached()).toEqual({ rows: ['harbour-x-harbour', 'kowhai-x-kowhai', 'matai-x-matai', 'tasman-x-tasman'], computed: true });
    await dismissSuggestedMatch(a.admin, pair('kowhai', 'x-kowhai'));
    expect(await cached()).toEqual({ rows: ['harbour-x-harbour', 'kowhai-x-kowhai-2', 'matai-x-matai', 'tasman-x-tasman'], computed: false });
    // Dismissing it again writes nothing and changes nothing.
    await dismissSuggestedMatch(a.admin, pair('kowhai', 'x-kowhai'));
    expect(await cached()).toEqual({ rows: ['harbour-x-harbour', 'kowhai-x-kowhai-2', 'matai-x-matai', 'tasman-x-tasman'], computed: false });
  });

  test('a confirmation and a bulk confirmation take their pairs and both sides’ other pairs away, not worked out again', async () => {
    await confirmSuggestedMatch(a.admin, pair('kowhai', 'x-kowhai-2'));
    expect(await cached()).toEqual({ rows: ['harbour-x-harbour', 'matai-x-matai', 'tasman-x-tasman'], computed: false });
    // Confirming a pair linked already writes nothing.
    await confirmSuggestedMatch(a.admin, pair('kowhai', 'x-kowhai-2'));
    const result = await confirmSuggestedMatches(a.admin, [pair('harbour', 'x-harbour'), pair('kowhai', 'x-tasman')]);
    expect({ linked: result.linked, skipped: result.skipped.length }).toEqual({ linked: 1, skipped: 1 });
    expect(await cached()).toEqual({ rows: ['matai-x-matai', 'tasman-x-tasman'], computed: false });
  });

  test('anything else written since the answer was worked out: worked out again, the write included', async () => {
    await client('pohutukawa', 'Pohutukawa Plumbing');
    await xpm('x-pohutukawa', 'Pohutukawa Plumbng');
    await dismissSuggestedMatch(a.admin, pair('tasman', 'x-tasman'));
    expect(await cached()).toEqual({ rows: ['matai-x-matai', 'pohutukawa-x-pohutukawa'], computed: true });
  });

  test('taking away a pair of exactly alike names (its client was never probed): worked out again', async () => {
    expect((await cached()).computed).toBe(false);
    // Another tab linked Rimu's namesake record to Matai: Rimu is probed again, and its look-alikes count.
    await xpm('x-rimu-2', 'Rimu Joinery Lt');
    expect((await cached()).rows).toEqual(['matai-x-matai', 'pohutukawa-x-pohutukawa']);
    await confirmSuggestedMatch(a.admin, pair('matai', 'x-rimu'));
    expect(await cached()).toEqual({ rows: ['pohutukawa-x-pohutukawa', 'rimu-x-rimu-2'], computed: true });
  });
});
