import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, queryRows } from '@/db/open';
import { canonicalRecord } from '@/lib/dal/client-picker/directory-fixture';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { directoryRow, upsertDirectory } from './directory-upsert';
import { needsAnalyze, settleSearchIndexes } from './search-index-upkeep';

describe('needsAnalyze: autovacuum’s rule, 50 rows + 10% changed', () => {
  test.each([
    [0, -1, false],
    [50, -1, false], // never analysed, and hardly anything there
    [51, -1, true],
    [51, 0, true],
    [150, 1_000, false],
    [151, 1_000, true],
    [10_050, 100_000, false],
    [10_051, 100_000, true],
  ])('%i changed of about %i rows → %s', (changed, rows, expected) => {
    expect(needsAnalyze(changed, rows)).toBe(expected);
  });
});

/** Pages waiting in the name index's GIN pending list (cleaning them returns their count). */
async function pendingPages(database: OpenDatabase): Promise<number> {
  const [row] = await queryRows<{ pages: number }>(database.db, sql`select gin_clean_pending_list('directory_records_name_trgm_idx'::regclass)::int as pages`);
  return row!.pages;
}

async function estimatedRows(database: OpenDatabase, table: string): Promise<number> {
  const [row] = await queryRows<{ rows: number }>(database.db, sql`select reltuples::float8 as rows from pg_class where relname = ${table}`);
  return row!.rows;
}

async function writeRecords(database: OpenDatabase, practiceId: string, count: number, from: number): Promise<number> {
  const rows = Array.from({ length: count }, (_, i) =>
    directoryRow(practiceId, null, canonicalRecord('xpm', `x-${from + i}`, { name: `Bulk Refresh Client ${from + i} Pty Ltd` })),
  );
  return upsertDirectory(database.db, rows);
}

describe.each(testDatabases())('search index upkeep on $name', (target) => {
  let database: OpenDatabase;
  let practiceId: string;

  beforeAll(async () => {
    database = await target.open();
    practiceId = (await createPracticeMembers(database.db, 'Upkeep')).practiceId;
    // This test's own fresh database: autovacuum must not settle the tables behind its back.
    if (target.name === 'postgres') {
      await database.db.execute(sql`alter table directory_records set (autovacuum_enabled = false)`);
      await database.db.execute(sql`alter table clients set (autovacuum_enabled = false)`);
    }
  });
  afterAll(() => database?.close());

  test('a bulk write leaves a pending list and no statistics: what the upkeep is for', async () => {
    expect(await writeRecords(database, practiceId, 600, 0)).toBe(600);
    expect(await pendingPages(database)).toBeGreaterThan(0); // (this call also merges it)
    expect(await estimatedRows(database, 'directory_records')).toBeLessThan(600);
  });

  test('a bulk write is settled at once: pending list merged, statistics fresh; a small one is left alone', async () => {
    const written = await writeRecords(database, practiceId, 600, 1_000);
    expect(await settleSearchIndexes(database.db, { directory_records: written, clients: 0 })).toEqual(['directory_records']);
    expect(await pendingPages(database)).toBe(0);
    expect(await estimatedRows(database, 'directory_records')).toBe(1_200);

    // 20 more of about 1,200 is under autovacuum's threshold: nothing to do.
    const few = await writeRecords(database, practiceId, 20, 5_000);
    expect(await settleSearchIndexes(database.db, { directory_records: few })).toEqual([]);
    expect(await estimatedRows(database, 'directory_records')).toBe(1_200);
  });

  test('nothing written, nothing done', async () => {
    expect(await settleSearchIndexes(database.db, {})).toEqual([]);
    expect(await settleSearchIndexes(database.db, { directory_records: 0, clients: 0 })).toEqual([]);
  });
});
