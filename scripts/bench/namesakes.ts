/**
 * A skipped record's namesakes (lib/dal/sync-run-skips.ts withNamesakes), as the run page and
 * the sync preview load them: a practice whose clients are all unlinked from the app — a first
 * sync's preview, the widest case — and a page of skipped records, some with namesakes (one,
 * or twenty: more than are shown) and some with none. p50/p95 over repeated loads; asserts nothing.
 *
 *   npm run bench:namesakes                 # PGlite in a temp dir (as `npm run demo`, in its worker thread)
 *   BENCH_DATABASE_URL=postgres://…         # and PostgreSQL: a fresh database, dropped after
 *   BENCH_CLIENTS=2000 BENCH_LOADS=50       # a smaller practice, fewer loads (defaults 10,000 and 100)
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { OpenDatabase } from '@/db/open';
import { clients, practices } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { withNamesakes } from '@/lib/dal/sync-run-skips';
import { onBothEngines } from './on-both-engines';
import { summarize, timeEach } from './stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 100);
const CHUNK = 1_000;
const log = (line: string) => console.log(line);

/**
 * Client i's name. Every 100th is one of a few names shared by many ("… Pty Ltd" and
 * "… Limited" normalise alike), more than a row shows; the others are their own.
 */
const nameOf = (i: number) => (i % 100 === 0 ? `Namesake ${Math.floor(i / 2000)} ${i % 200 === 0 ? 'Pty Ltd' : 'Limited'}` : `Client ${i} Accounting`);

/** A page of skipped records: names with one client, with several, and with none. */
function skippedPage() {
  return Array.from({ length: 12 }, (_, k) => ({
    recordName: k < 4 ? `Client ${k * 97 + 1} Accounting` : k < 8 ? `Namesake ${k - 4}` : `Nobody Called ${k}`,
    reason: k < 4 ? ('business_number_differs' as const) : ('several_clients' as const),
    linkedClient: null,
  }));
}

async function bench(label: string, open: OpenDatabase) {
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(open);
  try {
    const { db } = open;
    const practiceId = randomUUID();
    await db.insert(practices).values({ id: practiceId, name: `${label} namesakes` });
    for (let from = 0; from < CLIENTS; from += CHUNK) {
      const size = Math.min(CHUNK, CLIENTS - from);
      await db.insert(clients).values(Array.from({ length: size }, (_, j) => ({ practiceId, name: nameOf(from + j), email: `c${from + j}@bench.example` })));
    }
    await db.execute(sql`analyze`);
    const member: Member = {
      userId: randomUUID(),
      practiceId,
      role: 'admin',
      name: 'Bench',
      email: 'bench@bench.example',
      practiceName: 'Bench',
      practiceTimezone: 'Australia/Sydney',
    };
    const page = skippedPage();
    const first = await withNamesakes(member, 'xpm', page);
    log(`(check: namesakes per record ${first.map((r) => r.namesakeCount).join(' ')})`);
    await timeEach(
      Array.from({ length: 10 }, () => page),
      (rows) => withNamesakes(member, 'xpm', rows),
    ); // warm up
    log(
      summarize(
        `${label}: namesakes of 12 skips, ${CLIENTS} unlinked clients`,
        await timeEach(
          Array.from({ length: LOADS }, () => page),
          (rows) => withNamesakes(member, 'xpm', rows),
        ),
      ),
    );
  } finally {
    (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = undefined;
  }
}

await onBothEngines('namesakes', bench, { thread: true });
