import { afterEach, describe, expect, test, vi } from 'vitest';
import { canonicalRecord } from '@/lib/dal/client-picker/directory-fixture';
import { noteForegroundActivity } from '@/lib/jobs/foreground';
import { PACES } from '@/lib/sync/engine/pace';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { directoryRow, upsertDirectory } from './directory-upsert';

/**
 * A directory refresh writes as a sync run applies (issue 14 requirement 4): large batches
 * when nobody is using the app, small ones while someone is, so a picker search never waits
 * behind a 250-row statement on PGlite's one connection.
 */
describe.each(testDatabases())('upsertDirectory batches on $name', (target) => {
  afterEach(() => {
    noteForegroundActivity(Number.NEGATIVE_INFINITY);
    vi.restoreAllMocks();
  });

  test('one statement for 120 records when nobody uses the app; small paced batches while someone does', async () => {
    const database = await target.open();
    try {
      const { practiceId } = await createPracticeMembers(database.db);
      const rows = (from: number) =>
        Array.from({ length: 120 }, (_, i) => directoryRow(practiceId, null, canonicalRecord('xpm', `paced-${from + i}`, { name: `Paced Refresh Client ${from + i}` })));
      const inserts = vi.spyOn(database.db, 'insert');

      expect(await upsertDirectory(database.db, rows(0))).toBe(120);
      expect(inserts).toHaveBeenCalledTimes(1);

      inserts.mockClear();
      noteForegroundActivity();
      expect(await upsertDirectory(database.db, rows(1_000))).toBe(120);
      const kind = target.name === 'pglite' ? 'embedded' : 'postgres';
      expect(inserts).toHaveBeenCalledTimes(Math.ceil(120 / PACES[kind].foreground.batchSize));
    } finally {
      await database.close();
    }
  });
});
