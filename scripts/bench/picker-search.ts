/**
 * Client picker benchmark (issue 5): 100,000 directory records in one practice, then the
 * picker's search as authors type. Prints numbers; it is not a test and asserts nothing.
 *
 *   npm run bench                       # PGlite in a temp dir
 *   BENCH_DATABASE_URL=postgres://…     # also PostgreSQL (a fresh database, dropped after)
 *   BENCH_ENDPOINT=1                    # also the HTTP endpoint under 10 concurrent users
 *                                       # (needs `npx next build` first); =only for just that
 *   BENCH_RECORDS=20000                 # a smaller run
 *   BENCH_PROFILE=/tmp/prof             # the endpoint's server writes a CPU profile there
 *
 * Run with the react-server condition (see package.json): the DAL modules are server-only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type OpenDatabase, openPglite } from '@/db/open';
import { findPickerCandidates } from '@/lib/dal/client-picker/search-query';
import { searchPractice } from '@/lib/dal/client-picker/search';
import { searchTerms } from '@/lib/dal/client-picker/search-terms';
import { settleSearchIndexes } from '@/lib/integrations/search-index-upkeep';
import { benchEndpoint } from './endpoint';
import { openFreshPostgres } from './fresh-postgres';
import { QUERY_KINDS, typedQueriesByKind } from './queries';
import { seedBenchPractice } from './seed-directory';
import { summarize, timeEach } from './stats';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const PRACTICE_CLIENTS = 2_000;
const QUERIES = 800;
const log = (line: string) => console.log(line);

async function benchDatabase(label: string, open: OpenDatabase) {
  log(`\n== ${label}: seeding ${RECORDS} directory records and ${PRACTICE_CLIENTS} clients`);
  const { practiceId, sampleNames } = await seedBenchPractice(open.db, { directoryCount: RECORDS, practiceClients: PRACTICE_CLIENTS, log });
  const queries = typedQueriesByKind(sampleNames, QUERIES);
  const apps = ['xpm', 'gusto'] as const;
  const candidates = ({ q }: { q: string }) => findPickerCandidates(open.db, practiceId, searchTerms(q)!, apps);

  // Straight after a bulk write the trigram indexes still hold a GIN pending list that
  // every search scans: shown for comparison, it is not the state authors search in.
  await timeEach(queries.slice(0, 100), candidates);
  log(summarize(`${label}: search query, before index upkeep`, await timeEach(queries, candidates)));

  // What follows a directory refresh: on PGlite the refresh settles the indexes itself
  // (lib/integrations/search-index-upkeep.ts); on PostgreSQL autovacuum does the same
  // within a minute, done here at once.
  if ((await settleSearchIndexes(open.db)).length === 0) await open.db.execute(sql`vacuum analyze`);
  await timeEach(queries.slice(0, 100), candidates);
  log(summarize(`${label}: search query (all typed queries)`, await timeEach(queries, candidates)));
  for (const kind of QUERY_KINDS) {
    log(summarize(`  ${kind}`, await timeEach(queries.filter((entry) => entry.kind === kind), candidates)));
  }
  log(summarize(`${label}: search + ranking (the route's work)`, await timeEach(queries, ({ q }) => searchPractice(open.db, practiceId, q))));
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'picker-bench-'));
  try {
    const endpoint = process.env.BENCH_ENDPOINT ?? '';
    if (endpoint !== 'only') {
      const pglite = await openPglite(path.join(dir, 'pglite'));
      try {
        await benchDatabase('PGlite', pglite);
      } finally {
        await pglite.close();
      }
    }
    if (endpoint === '1' || endpoint === 'only') await benchEndpoint(dir, RECORDS, log);
    if (endpoint === 'only') return;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const postgres = await openFreshPostgres(url);
    try {
      await benchDatabase('PostgreSQL', postgres);
    } finally {
      await postgres.close();
    }
  } else {
    log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it.)');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
