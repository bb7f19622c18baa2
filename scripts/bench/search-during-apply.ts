/**
 * Why the picker is slow during a run, without the HTTP server: in one process (as in
 * `next start` on PGlite) the engine applies a run while 10 users type, each search doing
 * what the route does — the session cookie decrypted (lib/auth/session-cookie), the member
 * lookup, then the picker search (its own queries). Per batch size, it prints the search
 * latency before and during the apply and the run's records/s. A diagnostic for
 * `npm run bench:during-sync`; it asserts nothing.
 *
 *   npx tsx --conditions=react-server scripts/bench/search-during-apply.ts
 *   BENCH_SYNC_RECORDS=5000                   # records per pass (default 5,000)
 *   BENCH_SYNC_BATCHES=250,50,25              # batch sizes to compare (default these)
 *   BENCH_PAUSE_MS=20                         # simulates an engine that pauses this long between
 *                                             # batches instead of one setImmediate (the engine's
 *                                             # only setImmediate user; swapped during the run only)
 *
 * Each pass gets a fresh in-memory PGlite (seeded as scripts/bench/during-sync-seed.ts).
 *
 * Compare passes with each other, not with the endpoint bench: here the 10 users' own
 * searches run on the same loop as their cookie decryption, so even "no run" waits (p50
 * ~230 ms on a loaded 2-core machine, where one decryption alone takes 0.5 ms). What it
 * shows: the waiting is in the cookie decryption (crypto completions are event-loop turns,
 * and during a run each turn waits for a whole batch), not in the member or search queries.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { and, eq, isNull } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { type OpenDatabase, openPglite } from '@/db/open';
import { DEMO_LOGINS } from '@/db/seed';
import { practices, users } from '@/db/schema';
import { sessionFromCookies } from '@/lib/auth/session-cookie';
import { searchPractice } from '@/lib/dal/client-picker/search';
import { startSandbox } from '@/lib/sandbox/server';
import { executeSyncRun } from '@/lib/sync/engine';
import { noteForegroundActivity } from '@/lib/jobs/foreground';
import { seedDuringSync } from './during-sync-seed';
import { typedQueries } from './queries';
import { summarize } from './stats';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 5_000);
/** Batch sizes; `paced` is the engine's own pace (the searches note foreground activity, as currentMember does). */
const BATCHES = (process.env.BENCH_SYNC_BATCHES ?? '250,50,25').split(',').map((b) => (b === 'paced' ? undefined : Number(b)));
/** BENCH_PGLITE_THREAD=1: PGlite in its worker thread, as the app runs it (default: this thread). */
const THREAD = process.env.BENCH_PGLITE_THREAD === '1';
const PAUSE_MS = process.env.BENCH_PAUSE_MS ? Number(process.env.BENCH_PAUSE_MS) : null;
const USERS = 10;
const TYPING_INTERVAL_MS = 150;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** lib/dal/session's loadMember query (that module imports next/navigation, which needs Next). */
async function loadMember(db: OpenDatabase['db'], userId: string, sessionVersion: number) {
  const [row] = await db
    .select({
      userId: users.id,
      practiceId: users.practiceId,
      role: users.role,
      name: users.name,
      email: users.email,
      practiceName: practices.name,
      practiceTimezone: practices.timezone,
    })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion), isNull(users.removedAt)))
    .limit(1);
  return row ?? null;
}

async function pass(batchSize: number | undefined, sandboxUrl: string) {
  const open: OpenDatabase = await openPglite(null, { thread: THREAD });
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(open);
  try {
    const { runId, sampleNames } = await seedDuringSync(open, sandboxUrl, RECORDS, () => undefined);
    const [author] = await open.db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.email, DEMO_LOGINS.author.email));
    const queries = typedQueries(sampleNames, 2_000);
    const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
    const cookie = { name: 'authjs.session-token', value: await encode({ token: { sub: author!.id, sv: author!.sessionVersion }, secret, salt: 'authjs.session-token' }) };
    // `typed`: when the user's search was due; the time until it starts is the event loop's.
    const search = async (q: string, typed = performance.now()) => {
      const started = performance.now();
      const claims = await sessionFromCookies([cookie], secret);
      noteForegroundActivity();
      const decoded = performance.now() - started;
      const member = await loadMember(open.db, claims!.userId, claims!.sessionVersion);
      const auth = performance.now() - started;
      await searchPractice(open.db, member!.practiceId, q);
      return { ms: performance.now() - started, decoded, auth, fromTyped: performance.now() - typed };
    };
    for (const q of queries.slice(-50)) await search(q); // warm up

    let done = false;
    type Sample = { ms: number; decoded: number; auth: number; fromTyped: number };
    const samples: Sample[] = [];
    const show = (label: string, list: Sample[]) => {
      log(
        summarize(
          `  ${label} (cookie + member + picker)`,
          list.map((s) => s.ms),
        ),
      );
      log(
        summarize(
          `    of which the cookie decrypted`,
          list.map((s) => s.decoded),
        ),
      );
      log(
        summarize(
          `    of which cookie + member lookup`,
          list.map((s) => s.auth),
        ),
      );
      log(
        summarize(
          `    from when it was due (event loop wait included)`,
          list.map((s) => s.fromTyped),
        ),
      );
    };
    const typing = Promise.all(
      Array.from({ length: USERS }, async (_, user) => {
        await sleep((TYPING_INTERVAL_MS / USERS) * user);
        let due = performance.now();
        for (let i = 0; !done; i++) {
          samples.push(await search(queries[(user * 997 + i) % queries.length]!, due));
          due = Math.max(due + TYPING_INTERVAL_MS, performance.now());
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait);
        }
      }),
    );
    await sleep(3_000);
    const typedBefore = samples.length;
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const started = performance.now();
    const batchMs: number[] = [];
    let lastCommit = started;
    const realSetImmediate = globalThis.setImmediate;
    if (PAUSE_MS !== null) {
      globalThis.setImmediate = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => setTimeout(callback, PAUSE_MS, ...args)) as unknown as typeof setImmediate;
    }
    let result;
    try {
      result = await executeSyncRun(runId, {
        batchSize,
        read: async () => ({ fetched: 0, errors: [] }),
        onBatchCommitted: () => {
          const now = performance.now();
          batchMs.push(now - lastCommit);
          lastCommit = now;
        },
      });
    } finally {
      globalThis.setImmediate = realSetImmediate;
    }
    const seconds = (performance.now() - started) / 1000;
    lag.disable();
    done = true;
    const during = samples.slice(typedBefore);
    await typing;
    log(
      `batch ${String(batchSize ?? 'paced').padStart(5)}${THREAD ? ' (PGlite thread)' : ''}${PAUSE_MS === null ? '' : `, ${PAUSE_MS} ms pause between batches (simulated)`}: ${RECORDS} records in ${seconds.toFixed(1)} s = ${Math.round(RECORDS / seconds)} records/s (${result.outcome})`,
    );
    log(summarize('  batch commit to commit', batchMs));
    show('search, no run', samples.slice(USERS, typedBefore)); // the first round: users joining
    show('search during the apply', during);
    log(
      `  event-loop lag during the apply: p50 ${(lag.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms, max ${(lag.max / 1e6).toFixed(0)} ms`,
    );
    log(`  ${during.length} searches in ${seconds.toFixed(1)} s (${(during.length / seconds).toFixed(1)}/s; ${((USERS * 1000) / TYPING_INTERVAL_MS).toFixed(0)}/s asked)`);
  } finally {
    (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = undefined;
    await open.close();
  }
}

async function main() {
  log(
    `Search during the apply stage, in-process PGlite, ${RECORDS} records per pass; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
  const sandbox = await startSandbox({ port: 0, testMode: true });
  try {
    for (const batch of BATCHES) await pass(batch, sandbox.url);
  } finally {
    await sandbox.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
