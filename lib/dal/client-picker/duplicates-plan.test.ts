import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isEmbedded, queryRowsWithSettings } from '@/db';
import type { OpenDatabase } from '@/db/open';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { connectApps } from './directory-fixture';
import { likelyDuplicatesStatement, PLANNER_SETTINGS } from './duplicates';

/**
 * The likely-duplicates statement orders each source's name-alike records, so it reads all of
 * them: it must find them through the trigram indexes, not by testing every client or record
 * of the practice (hundreds of milliseconds in a large practice). Over enough names sharing the
 * draft's words for the planner to weigh a whole-table scan.
 */
const ROWS = 20_000;

describe.each(testDatabases())('the likely-duplicates statement in a large practice on $name', (target) => {
  let database: OpenDatabase;
  let practiceId: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    ({ practiceId } = await createPracticeMembers(database.db, 'Duplicates Plan'));
    await connectApps(database.db, practiceId, ['xpm']);
    // One name in ten has "Green", one in five "Advisory": common words, as in the user trial.
    const name = sql.raw(`(case when i % 10 = 0 then 'Green & ' else '' end) || 'Firm ' || i || (case when i % 5 = 0 then ' Advisory' else ' Partners' end)`);
    await database.db.execute(sql`insert into clients (practice_id, name, email)
      select ${practiceId}, ${name}, 'office' || i || '@firm' || (i % 500) || '.com.au' from generate_series(1, ${ROWS}) as i`);
    await database.db.execute(sql`insert into directory_records (practice_id, app, external_id, name, normalized_name, payload, payload_hash)
      select ${practiceId}, 'xpm', 'r' || i, ${name}, lower(replace(${name}, '&', 'and')), '{}'::jsonb, md5(i::text)
      from generate_series(1, ${ROWS}) as i`);
    await database.db.execute(sql`analyze clients`);
    await database.db.execute(sql`analyze directory_records`);
  }, 120_000);
  afterAll(() => uninstallTestDatabase(database));

  async function plan(draft: { name: string; email?: string }): Promise<string> {
    const embedded = isEmbedded(database.db);
    const explain = sql`explain ${likelyDuplicatesStatement(practiceId, ['xpm'], draft, embedded)}`;
    // As findLikelyDuplicates runs it.
    const rows = await queryRowsWithSettings<{ 'QUERY PLAN': string }>(database.db, explain, PLANNER_SETTINGS[embedded ? 'embedded' : 'postgres']);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  test.each([{ name: 'Green & Kaur Advisory' }, { name: 'Green and Kaur Advisory Limited', email: 'office@gka.example' }, { name: 'Green' }])(
    'clients and directory records are read through their trigram indexes: %o',
    async (draft) => {
      const text = await plan(draft);
      expect(text).toContain('clients_name_trgm_idx');
      expect(text).toContain('directory_records_name_trgm_idx');
      expect(text).not.toMatch(/Seq Scan on (clients|directory_records)/);
    },
  );
});
