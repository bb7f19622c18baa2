/**
 * Client picker benchmark (issue 5): 100,000 directory records in one practice, then the
 * picker's search as authors type. Prints numbers; it is not a test and asserts nothing.
 *
 *   npm run bench                       # PGlite in a temp dir
 *   BENCH_DATABASE_URL=postgres://…     # also PostgreSQL (a fresh database, dropped after)
 *   BENCH_ENDPOINT=1                    # also the HTTP endpoint under 10 concurrent users
 *                                       # (needs `npx next build` first)
 *   BENCH_RECORDS=20000                 # a smaller run
 *
 * Run with the react-server condition (see package.json): the DAL modules are server-only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type OpenDatabase, openPglite } from '@/db/open';
import { findPickerCandidates } from '@/lib/dal/client-picker/search-query';
import { searchPractice } from '@/lib/dal/client-picker/search';
import { searchTerms } from '@/lib/dal/client-picker/search-terms';
import { benchEndpoint } from './endpoint';
import { openFreshPostgres } from './fresh-postgres';
import { typedQueries } from './queries';
import { seedBenchPractice } from './seed-directory';
import { summarize, timeEach } from './stats';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const PRACTICE_CLIENTS = 2_000;
const QUERIES = 800;
const log = (line: string) => console.log(line);

async function benchDatabase(label: string, open: OpenDatabase) {
  log(`\n== ${label}: seeding ${RECORDS} directory records and ${PRACTICE_CLIENTS} clients`);
  const { practiceId, sampleNames } = await seedBenchPractice(open.db, { directoryCount: RECORDS, practiceClients: PRACTICE_CLIENTS, log });
  const queries = typedQueries(sampleNames, QUERIES);
  const apps = ['xpm', 'gusto'] as const;
  const candidates = (q: string) => findPickerCandidates(open.db, practiceId, searchTerms(q)!, apps);

  await timeEach(queries.slice(0, 100), candidates); // warm caches and plans
  const short = queries.filter((q) => searchTerms(q)!.short);
  const long = queries.filter((q) => !searchTerms(q)!.short);
  log(summarize(`${label}: search query (all)`, await timeEach(queries, candidates)));
  log(summarize(`${label}: search query, 1–2 characters`, await timeEach(short, candidates)));
  log(summarize(`${label}: search query, 3+ characters`, await timeEach(long, candidates)));
  log(summarize(`${label}: search + ranking (what the route runs)`, await timeEach(queries, (q) => searchPractice(open.db, practiceId, q))));
  return { practiceId, queries };
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'picker-bench-'));
  try {
    const pglite = await openPglite(path.join(dir, 'pglite'));
    try {
      await benchDatabase('PGlite', pglite);
    } finally {
      await pglite.close();
    }
    if (process.env.BENCH_ENDPOINT === '1') await benchEndpoint(dir, RECORDS, log);
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
