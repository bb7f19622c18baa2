import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clients } from '@/db/schema';
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
