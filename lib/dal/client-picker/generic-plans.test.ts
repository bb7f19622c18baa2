import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, openPglite, openPostgres, queryRows } from '@/db/open';
import { createFreshPostgresDatabase } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { connectApps } from './directory-fixture';
import { findPickerCandidates } from './search-query';
import { searchTerms } from './search-terms';

/**
 * The picker's statements are prepared, on each PostgreSQL connection (db/prepared-rows.ts) and
 * in the app's PGlite worker (db/pglite-prepared-source.ts), so that the database stops
 * planning them: after five searches it keeps one generic plan, but only if that plan looks no
 * costlier than the ones made for each search's values. Written so that it does
 * (search-query.ts: literalLimit, appLiteral, prefixFilter); this holds them to it.
 */
const url = process.env.TEST_DATABASE_URL;
const databases = [
  // One connection, so every search's statement is prepared, and read back, on it.
  {
    name: 'PostgreSQL',
    skip: !url,
    open: async () => {
      const fresh = await createFreshPostgresDatabase(url!);
      return { database: await openPostgres(fresh.url, { max: 1 }), drop: fresh.drop };
    },
  },
  // As the app opens it: in a worker thread, the one connection.
  { name: 'PGlite in its worker thread', skip: false, open: async () => ({ database: await openPglite(null, { thread: true }), drop: async () => {} }) },
];
for (const { name, skip, open } of databases)
  describe.skipIf(skip)(`on ${name}, each kind of picker search gets a generic plan`, () => {
    let fresh: { drop(): Promise<void> } | undefined;
    let database: OpenDatabase;
    let practiceId: string;
    beforeAll(async () => {
      const opened = await open();
      database = opened.database;
      fresh = { drop: opened.drop };
      ({ practiceId } = await createPracticeMembers(database.db, 'Generic Plans'));
      await connectApps(database.db, practiceId, ['xpm', 'gusto']);
      // Enough records, with names spread over the alphabet, that a known prefix changes the
      // planner's estimates (a handful of rows would cost every plan alike).
      await database.db.execute(sql`
      insert into directory_records (practice_id, app, external_id, name, normalized_name, archived, is_prospect, payload, payload_hash)
      select ${practiceId}, (case when i % 2 = 0 then 'xpm' else 'gusto' end)::app_id, 'ext-' || i, n, lower(n), false, false, '{}'::jsonb, md5(n)
      from (select i, initcap(substr(md5(i::text), 1, 1 + i % 7)) || ' ' || (array['Dental','Bakery','Holdings','Partners','Harbour'])[1 + i % 5] || ' ' || i as n
            from generate_series(1, 20000) as i) as names`);
      await database.db.execute(sql`insert into clients (practice_id, name) select ${practiceId}, 'Client ' || md5(i::text) from generate_series(1, 500) as i`);
      await database.db.execute(sql`analyze`);
    }, 60_000);
    afterAll(async () => {
      await database?.close();
      await fresh?.drop();
    });

    test.each([
      ['one or two characters', ['a', 'b', 'c', 'd', 'ab', 'cd', 'ef', 'e1', 'f', '9']],
      ['one word', ['harb', 'dent', 'bake', 'hold', 'part', 'abc', 'c4ca', 'eccb']],
      ['two words', ['harbour 1', 'dental 2', 'bakery 3', 'holdings 4', 'partners 5', 'harbour 6', 'dental 7', 'bakery 8']],
      ['a typo (the second, typo-tolerant statement)', ['harbuor', 'dentla', 'bakrey', 'holdigns', 'partnres', 'harbor', 'dentall', 'bakerie']],
    ])('%s', async (_kind, queries) => {
      for (const q of queries) await findPickerCandidates(database.db, practiceId, searchTerms(q)!, 'connected');
      const statements = await queryRows<{ statement: string; generic: number; custom: number }>(
        database.db,
        sql`select statement, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements`,
      );
      // Counts add up over the tests (a statement is never deallocated: node-postgres remembers
      // which it prepared); each kind brings statements of its own shape.
      const repeated = statements.filter((s) => s.generic + s.custom > 5);
      expect(repeated.length).toBeGreaterThan(0);
      for (const s of repeated) expect({ generic: s.generic > 0, statement: s.statement.slice(0, 60) }).toEqual({ generic: true, statement: s.statement.slice(0, 60) });
    });
  });
