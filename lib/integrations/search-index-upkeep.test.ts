import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queryRows } from '@/db/open';
import type { OpenDatabase } from '@/db/open';
import { canonicalRecord } from '@/lib/dal/client-picker/directory-fixture';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { directoryRow, upsertDirectory } from './directory-upsert';
import { BULK_WRITE_ROWS, settleDirectorySearchIndexes } from './search-index-upkeep';

/** Pages still waiting in the name index's GIN pending list (cleaning them returns their count). */
async function pendingPages(database: OpenDatabase): Promise<number> {
  const [row] = await queryRows<{ pages: number }>(database.db, sql`select gin_clean_pending_list('directory_records_name_trgm_idx'::regclass)::int as pages`);
  return row!.pages;
}

async function writeRecords(database: OpenDatabase, practiceId: string, count: number, from = 0): Promise<number> {
  const rows = Array.from({ length: count }, (_, i) =>
    directoryRow(practiceId, null, canonicalRecord('xpm', `x-${from + i}`, { name: `Bulk Refresh Client ${from + i} Pty Ltd` })),
  );
  return upsertDirectory(database.db, rows);
}

describe.each(testDatabases())('directory search index upkeep on $name', (target) => {
  let database: OpenDatabase;
  let practiceId: string;

  beforeAll(async () => {
    database = await target.open();
    practiceId = (await createPracticeMembers(database.db, 'Upkeep')).practiceId;
    // This test's own fresh database: autovacuum must not settle the index behind its back.
    if (target.name === 'postgres') await database.db.execute(sql`alter table directory_records set (autovacuum_enabled = false)`);
  });
  afterAll(() => database?.close());

  test('a small refresh leaves the indexes to the database', async () => {
    const written = await writeRecords(database, practiceId, 20);
    expect(await settleDirectorySearchIndexes(database.db, written)).toBe(false);
  });

  test('a bulk refresh settles the embedded database: no pending list, fresh statistics', async () => {
    const written = await writeRecords(database, practiceId, BULK_WRITE_ROWS + 100, 1_000);
    expect(written).toBe(BULK_WRITE_ROWS + 100);
    const settled = await settleDirectorySearchIndexes(database.db, written);
    // PostgreSQL's autovacuum does this work there; only PGlite needs it done.
    expect(settled).toBe(target.name === 'pglite');
    if (!settled) return;
    expect(await pendingPages(database)).toBe(0);
    const [stats] = await queryRows<{ tuples: number }>(database.db, sql`select reltuples::int as tuples from pg_class where relname = 'directory_records'`);
    expect(stats!.tuples).toBeGreaterThanOrEqual(BULK_WRITE_ROWS + 100);
  });

  test('without settling, a bulk write does leave a pending list (what the upkeep is for)', async () => {
    await writeRecords(database, practiceId, BULK_WRITE_ROWS + 100, 5_000);
    expect(await pendingPages(database)).toBeGreaterThan(0);
  });
});
