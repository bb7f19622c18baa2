import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clients } from '@/db/schema';
import type { AppId } from '@/lib/sync/canonical-client';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { canonicalRecord, connectApps, insertDirectoryRecord } from './directory-fixture';
import { findLikelyDuplicates } from './duplicates';

/**
 * A user trial: with many names sharing the draft's common words ("Green", "Advisory"), the
 * record with the very same name was cut from the candidates before they were ranked, and
 * "Create anyway" made a duplicate of it. Each source here holds more such names than a
 * source returns, and they come before the namesake in every order a scan may read them:
 * written first, with names and external ids that sort first.
 */
const SURNAMES = [
  'Adams',
  'Ahmed',
  'Allen',
  'Bailey',
  'Baker',
  'Bell',
  'Brown',
  'Campbell',
  'Carter',
  'Chen',
  'Clarke',
  'Cooper',
  'Davies',
  'Edwards',
  'Evans',
  'Fisher',
  'Foster',
  'Green',
  'Hall',
  'Harris',
  'Hill',
  'Hughes',
  'Jackson',
  'Jones',
];
const lookalikes = SURNAMES.map((surname, i) => `Green & ${surname} Advisory${i % 3 ? '' : ' Pty Ltd'}`);

/** The draft names the author may type for a business named "Green & Kaur Advisory". */
const DRAFTS = ['Green & Kaur Advisory', 'Green and Kaur Advisory Limited', 'The Green and Kaur Advisory Ltd', 'green & kaur advisory'];

describe.each(testDatabases())('likely duplicates among many look-alike names on $name', (target) => {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  /** A practice with XPM and Gusto connected and the look-alikes in `where`, then `namesake` there. */
  async function practiceWith(where: 'practice' | AppId, namesake: string) {
    const p = await createPracticeMembers(database.db, `Green ${where}`);
    await connectApps(database.db, p.practiceId, ['xpm', 'gusto']);
    const names = [...lookalikes, namesake];
    if (where === 'practice') {
      for (const name of names) await database.db.insert(clients).values({ practiceId: p.practiceId, name });
    } else {
      for (const [i, name] of names.entries()) await insertDirectoryRecord(database.db, p.practiceId, canonicalRecord(where, `${where}-${String(i).padStart(3, '0')}`, { name }));
    }
    return p;
  }

  test.each([
    ['practice', 'Green & Kaur Advisory Pty Ltd'],
    ['xpm', 'Green & Kaur Advisory'],
    ['gusto', 'Green and Kaur Advisory LLC'],
  ] as const)('in %s, the client named alike (%s) is listed first, however the name is written', async (where, namesake) => {
    const p = await practiceWith(where, namesake);
    for (const name of DRAFTS) {
      const [first] = await findLikelyDuplicates(p.author, { name });
      expect(first, name).toMatchObject({ name: namesake, reasons: ['exact_name'], sources: [where] });
    }
  });

  test('a client with the same email is listed though more names than a source returns are alike', async () => {
    const p = await practiceWith('practice', 'Green & Kaur Advisory');
    await database.db.insert(clients).values({ practiceId: p.practiceId, name: 'GKA Trading', email: 'office@gka.example' });
    const found = await findLikelyDuplicates(p.author, { name: 'Green & Kaur Advisory', email: 'office@gka.example' });
    expect(found.map((d) => [d.name, d.reasons])).toEqual(
      expect.arrayContaining([
        ['Green & Kaur Advisory', ['exact_name']],
        ['GKA Trading', ['same_email']],
      ]),
    );
  });

  test("another practice's namesake is never listed", async () => {
    await practiceWith('xpm', 'Green & Kaur Advisory');
    const other = await createPracticeMembers(database.db, 'Elsewhere');
    await connectApps(database.db, other.practiceId, ['xpm']);
    expect(await findLikelyDuplicates(other.author, { name: 'Green & Kaur Advisory' })).toEqual([]);
  });
});
