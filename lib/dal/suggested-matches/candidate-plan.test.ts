import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queryRows } from '@/db';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { OpenDatabase } from '@/db/open';
import { connectApps } from '@/lib/dal/client-picker/directory-fixture';
import { NAME_ONLY_MIN_SIMILARITY } from '@/lib/sync/matching';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { candidateStatement, type ClientSide, exactNameStatement } from './find-suggestions';

/**
 * The candidate statement must cost what its few clients cost, not what the directory does:
 * on PGlite it holds the one connection while every picker search waits (issue 14 req. 4).
 * Its plan, over a directory large enough for the planner to prefer scanning it whole, must
 * reach directory records only through indexes, and equal emails through the btree index.
 */
const RECORDS = 20_000;

describe.each(testDatabases())('the suggested-match candidate statement over a large directory on $name', (target) => {
  let database: OpenDatabase;
  let practiceId: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    ({ practiceId } = await createPracticeMembers(database.db, 'Candidate Plan'));
    await connectApps(database.db, practiceId, ['xpm']);
    await database.db.execute(sql`insert into directory_records (practice_id, app, external_id, name, normalized_name, email, tax_number, payload, payload_hash)
      select ${practiceId}, 'xpm', 'r' || i, 'Business ' || i || ' Holdings', 'business ' || i || ' holdings',
        'office' || i || '@business' || (i % 500) || '.com.au', lpad((i * 7919 % 1000000000)::text, 9, '0'), '{}'::jsonb, md5(i::text)
      from generate_series(1, ${RECORDS}) as i`);
    await database.db.execute(sql`analyze directory_records`);
  }, 120_000);
  afterAll(() => uninstallTestDatabase(database));

  async function plan(clients: ClientSide[]): Promise<string> {
    const rows = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(NAME_ONLY_MIN_SIMILARITY)}, true)`);
      return queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${candidateStatement(practiceId, ['xpm'], clients)}`);
    });
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  const client = (i: number): ClientSide => ({
    id: randomUUID(),
    name: `Business ${i} Holding`,
    email: `office${i}@business${i % 500}.com.au`,
    taxNumber: '123 456 789',
    businessNumber: null,
  });

  test.each([1, 4, 50])('%s clients: no sequential scan of the directory', async (count) => {
    const text = await plan(Array.from({ length: count }, (_, i) => client(i + 1)));
    expect(text).toContain('directory_records');
    expect(text).not.toMatch(/Seq Scan on directory_records/);
  });

  test.each([1, 50, 500])('the exact-name statement for %s clients: through the (practice, normalised name) index', async (count) => {
    const clients = Array.from({ length: count }, (_, i) => client(i + 1));
    const text = (await queryRows<{ 'QUERY PLAN': string }>(database.db, sql`explain ${exactNameStatement(practiceId, ['xpm'], clients)}`)).map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('directory_records_practice_name_idx');
    expect(text).not.toMatch(/Seq Scan on directory_records/);
  });

  // PostgreSQL plans each probe for its own parameters.
  test.skipIf(target.name !== 'pglite').each([1, 4])(
    '%s clients, planned once for any clients (PGlite runs the probe prepared): no sequential scan of the directory',
    async (count) => {
      const { sql: text } = new PgDialect({ casing: 'snake_case' }).sqlToQuery(
        candidateStatement(
          practiceId,
          ['xpm'],
          Array.from({ length: count }, (_, i) => client(i + 1)),
        ),
      );
      // The simple protocol: the text keeps its $n, and no values are bound.
      const pglite = (database.db as unknown as { $client: { exec(sql: string): Promise<{ rows: { 'QUERY PLAN': string }[] }[]> } }).$client;
      const results = await pglite.exec(`begin; set local pg_trgm.similarity_threshold = ${NAME_ONLY_MIN_SIMILARITY}; explain (generic_plan) ${text}; rollback`);
      const rows = results.flatMap((r) => r.rows);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('directory_records');
      expect(plan).not.toMatch(/Seq Scan on directory_records/);
    },
  );

  test('equal emails are found through the btree index, not the trigram one', async () => {
    const text = await plan([client(7)]);
    expect(text).toContain('directory_records_practice_email_idx');
  });
});
