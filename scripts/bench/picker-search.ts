/**
 * Client picker benchmark (issue 5): 100,000 directory records in one practice, then the
 * picker's search as authors type. Prints numbers; it is not a test and asserts nothing.
 *
 *   npm run bench                       # PGlite in a temp dir
 *   BENCH_DATABASE_URL=postgres://…     # also PostgreSQL (a fresh database, dropped after)
 *   BENCH_ENDPOINT=1                    # also the HTTP endpoint under 10 concurrent users
 *                                       # (needs `npx next build` first); =only for just that
 *   BENCH_ENDPOINT_DATABASES=postgresql # the endpoint on that database only (pglite, postgresql)
 *   BENCH_PG_POOL_SIZE=10               # PostgreSQL connections per instance (default 3: endpoint.ts)
 *   BENCH_RECORDS=20000                 # a smaller run
 *   BENCH_PROFILE=/tmp/prof             # the endpoint's server writes a CPU profile there
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

  // Straight after a bulk write, before the upkeep a directory refresh does: shown for
  // comparison (on a sample: it is slow), it is not the state authors search in.
  log(
    summarize(
      `${label}: search query, before index upkeep`,
      await timeEach(
        queries.filter((_, i) => i % 4 === 0),
        candidates,
      ),
    ),
  );

  // What a directory refresh does after writing (lib/integrations/search-index-upkeep.ts).
  await settleSearchIndexes(open.db, { directory_records: RECORDS, clients: PRACTICE_CLIENTS });
  await timeEach(queries.slice(0, 100), candidates);
  log(summarize(`${label}: search query (all typed queries)`, await timeEach(queries, candidates)));
  for (const kind of QUERY_KINDS) {
    log(
      summarize(
        `  ${kind}`,
        await timeEach(
          queries.filter((entry) => entry.kind === kind),
          candidates,
        ),
      ),
    );
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
