import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { queryRows } from '@/db';
import { type OpenDatabase, openPglite } from '@/db/open';
import { clients } from '@/db/schema';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import { createPracticeMembers } from '@/test/members-fixture';
import { findSuggestions } from './find-suggestions';

/**
 * On PGlite in its worker thread, as the app runs it, each client's probe is one prepared
 * statement, planned once: planning it cost about ten times running it, once per unlinked
 * client on every first load of the suggested-matches page.
 */
let dir: string;
let database: OpenDatabase;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'probe-prepared-'));
  database = await openPglite(path.join(dir, 'pglite'), { thread: true });
}, 60_000);
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the probes of many clients share one prepared statement, and find what they found unprepared', async () => {
  const { practiceId } = await createPracticeMembers(database.db, 'Probe Prepared');
  await connectApps(database.db, practiceId, ['xpm']);
  await database.db.insert(clients).values([
    { practiceId, name: 'Kowhai Landscaping Ltd' },
    { practiceId, name: 'Harbour Dental Group' },
    { practiceId, name: 'Tasman Freight Services' },
  ]);
  await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', 'x-kowhai', { name: 'Kowhai Landscpaing Ltd' }));
  await insertDirectoryRecord(database.db, practiceId, canonicalRecord('xpm', 'x-harbour', { name: 'Harbour Dentl Group' }));
  let probes = 0;
  const found = await findSuggestions(database.db, practiceId, { onProbe: () => probes++ });
  expect(found.map((s) => s.externalId).sort()).toEqual(['x-harbour', 'x-kowhai']);
  expect(probes).toBe(3);
  const prepared = await queryRows<{ statements: number }>(
    database.db,
    sql`select count(*)::int as statements from pg_prepared_statements where statement like '%probe as materialized%'`,
  );
  expect(prepared[0]!.statements).toBe(1);
});
