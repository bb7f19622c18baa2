/**
 * The app stays responsive during a sync (issue 10, requirement 8): the picker's search
 * endpoint, p95 ≤ 50 ms, while a 20,000-record run applies — 10 users typing, as
 * scripts/bench/endpoint.ts types. Then the same load with no run, for comparison. It prints
 * numbers and asserts nothing.
 *
 *   npx next build                            # first: it serves the existing .next build
 *   npm run bench:during-sync                 # PGlite in a temp dir (and PostgreSQL when
 *                                             # BENCH_DATABASE_URL is set: a fresh database)
 *   BENCH_SYNC_RECORDS=5000                   # fewer records (default 20,000)
 *   BENCH_PORT=3192                           # the app's port (the sandbox takes a free one)
 *   BENCH_PROFILE=<dir>                       # the server writes a CPU profile there on exit
 *   BENCH_PGLITE=0                            # PostgreSQL only
 *   BENCH_ENGINE_PAUSE_MS=20                  # experiment: the engine pauses this long between
 *                                             # batches instead of one setImmediate
 *                                             # (scripts/bench/engine-pause-preload.mjs)
 *
 * How: the sandbox runs in this process; the demo practice is connected to its XPM (From XPM,
 * Everything) with 20,000 linked clients whose directory records changed, and a `queued` run
 * (scripts/bench/during-sync-seed.ts). `next start` then starts its worker, which picks the
 * run up; its read asks XPM for changes since the watermark and gets none, so the run is the
 * apply stage. That read is held (scripts/bench/held-proxy.ts) until the server is warm and
 * the users are typing; they type until the run's last record shows in the picker under its
 * new name. Only searches sent between the read's release and the run's finished_at (read
 * from sync_runs after the server stops) count as "during the run"; records/s is over the
 * same span (selecting work + applying), and so is the server's event-loop lag (requirement 8:
 * p99 ≤ 100 ms), sampled inside `next start` by scripts/bench/event-loop-lag-preload.mjs.
 *
 * Run with the react-server condition (see package.json): the commands are server-only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { type OpenDatabase, openPglite } from '@/db/open';
import { syncRuns } from '@/db/schema';
import { control } from '@/lib/providers/testing/sandbox-controls';
import { startSandbox } from '@/lib/sandbox/server';
import { SENTINEL_AFTER, seedDuringSync } from './during-sync-seed';
import { signIn, waitUntilUp } from './endpoint';
import { startHeldProxy } from './held-proxy';
import { openFreshPostgres } from './fresh-postgres';
import { typedQueries } from './queries';
import { percentile, summarize } from './stats';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 20_000);
const PORT = Number(process.env.BENCH_PORT ?? 3192);
const USERS = 10;
/** As endpoint.ts: the picker's debounce lets one search per 150 ms through per user. */
const TYPING_INTERVAL_MS = 150;
const BASELINE_REQUESTS_PER_USER = 60;
/** Typing stops here even if the run never finishes (it then shows as not finished). */
const MAX_TYPING_MS = Number(process.env.BENCH_MAX_SECONDS ?? 900) * 1000;
/** Users type this long with the run claimed but its read held, before it applies. */
const WARM_TYPING_MS = 3_000;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Both processes (the seeding one and `next start`) must share the keys: tokens sealed here
// are opened by the server. PostgreSQL requires them set; PGlite gets the same for simplicity.
process.env.AUTH_SECRET ??= randomBytes(32).toString('base64');
process.env.TOKEN_ENCRYPTION_KEYS ??= `1:${randomBytes(32).toString('base64')}`;

interface Sample {
  /** Wall clock (ms since epoch) when the search was sent, to compare with sync_runs. */
  sentAt: number;
  ms: number;
  auth: number;
  search: number;
}

function makeSearch(base: string, cookie: string) {
  return async (q: string): Promise<{ sample: Sample; body: unknown }> => {
    const sentAt = Date.now();
    const started = performance.now();
    const response = await fetch(`${base}/api/client-search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`search answered HTTP ${response.status}`);
    const body: unknown = await response.json();
    const ms = performance.now() - started;
    const timing = response.headers.get('server-timing') ?? '';
    const dur = (name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(timing)?.[1] ?? Number.NaN);
    return { sample: { sentAt, ms, auth: dur('auth'), search: dur('search') }, body };
  };
}

/** USERS users, each searching at most once per TYPING_INTERVAL_MS, until `more()` says stop. */
async function typing(queries: string[], search: ReturnType<typeof makeSearch>, more: (user: number, i: number) => boolean): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, user) => {
      await sleep((TYPING_INTERVAL_MS / USERS) * user); // users start at different moments
      for (let i = 0; more(user, i); i++) {
        const sent = performance.now();
        samples.push((await search(queries[(user * 997 + i) % queries.length]!)).sample);
        const wait = TYPING_INTERVAL_MS - (performance.now() - sent);
        if (wait > 0) await sleep(wait);
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

function report(label: string, samples: Sample[], seconds: number) {
  log(
    summarize(
      label,
      samples.map((s) => s.ms),
    ),
  );
  log(
    summarize(
      '  of which, in the handler: session check',
      samples.map((s) => s.auth),
    ),
  );
  log(
    summarize(
      '  of which, in the handler: search',
      samples.map((s) => s.search),
    ),
  );
  log(`  ${samples.length} requests in ${seconds.toFixed(1)} s (${(samples.length / seconds).toFixed(1)} requests/s)`);
}

/** The 3 slowest searches and when each was sent, in seconds after `from`: where in a run a search waited. */
function slowest(samples: Sample[], from: number): string {
  return [...samples]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((s) => `${s.ms.toFixed(0)} ms at +${((s.sentAt - from) / 1000).toFixed(1)} s`)
    .join(', ');
}

/** The server's event-loop lag samples (./event-loop-lag-preload.mjs) between two wall-clock moments. */
function lagSummary(label: string, file: string, from: number, to: number): string {
  const lags = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.split(' ').map(Number) as [number, number])
        .filter(([at, lag]) => at >= from && at <= to && Number.isFinite(lag))
        .map(([, lag]) => lag)
        .sort((a, b) => a - b)
    : [];
  return `${label.padEnd(44)} n=${String(lags.length).padStart(5)}  p50 ${percentile(lags, 50).toFixed(1)} ms  p99 ${percentile(lags, 99).toFixed(1)} ms  max ${(lags.at(-1) ?? Number.NaN).toFixed(1)} ms (10 ms timer)`;
}

/** The built server chunk holding the engine's executeSyncRun (found by its log message). */
function engineChunk(): string {
  const dir = '.next/server/chunks';
  const name = readdirSync(dir).find((f) => f.endsWith('.js') && readFileSync(path.join(dir, f), 'utf8').includes('[sync] run apply failed'));
  if (!name) throw new Error('BENCH_ENGINE_PAUSE_MS: the engine chunk was not found in .next/server/chunks');
  return name;
}

/** Whether the run's last record (by external id) has its new name in the practice's own group. */
function sentinelApplied(body: unknown): boolean {
  const groups = (body as { groups?: { source: string; entries: { name: string }[] }[] }).groups ?? [];
  return groups.some((g) => g.source === 'practice' && g.entries.some((e) => e.name === SENTINEL_AFTER));
}

async function benchDatabase(label: string, open: OpenDatabase, serverEnv: Record<string, string>, reopen: () => Promise<OpenDatabase>, dir: string, sandboxUrl: string) {
  log(`\n== ${label}: seeding`);
  const { runId, sampleNames } = await seedDuringSync(open, sandboxUrl, RECORDS, log);
  await open.close(); // PGlite: the server must be the only opener

  const base = `http://127.0.0.1:${PORT}`;
  // The run's XPM read waits here until the users type (see held-proxy.ts).
  const proxy = await startHeldProxy(sandboxUrl, (p) => p.startsWith('/xero/api/practicemanager/'));
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const pause = process.env.BENCH_ENGINE_PAUSE_MS ? ['--import', path.resolve('scripts/bench/engine-pause-preload.mjs')] : [];
  const serverLog = path.join(dir, `server-${label}.log`);
  const lagFile = path.join(dir, `lag-${label}.txt`);
  const lagProbe = ['--import', path.resolve('scripts/bench/event-loop-lag-preload.mjs')];
  const out = createWriteStream(serverLog);
  const server: ChildProcess = spawn(process.execPath, [...profile, ...pause, ...lagProbe, 'node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...serverEnv,
      SANDBOX_URL: proxy.url,
      BENCH_LAG_FILE: lagFile,
      ...(pause.length > 0 ? { BENCH_ENGINE_CHUNK: engineChunk() } : {}),
      NEXT_TELEMETRY_DISABLED: '1',
      APP_URL: base,
      AUTH_TRUST_HOST: 'true',
      NEXT_MANUAL_SIG_HANDLE: 'true',
    },
  });
  server.stdout!.pipe(out);
  server.stderr!.pipe(out);
  const serverStarted = Date.now();
  let during: { samples: Sample[]; seconds: number };
  let baseline: { samples: Sample[]; seconds: number };
  let sawApplied = false;
  let releasedAt = Number.NaN;
  try {
    await waitUntilUp(`${base}/sign-in`, server);
    const search = makeSearch(base, await signIn(base));
    const queries = typedQueries(sampleNames, 2_000);
    for (const q of queries.slice(-50)) await search(q); // warm up: compile routes, fill caches
    await Promise.race([proxy.firstHeld, sleep(120_000).then(() => Promise.reject(new Error('the worker did not start the run within 120 s')))]);
    log(
      `server up and warm in ${((Date.now() - serverStarted) / 1000).toFixed(1)} s; the run is claimed and its read held; users start typing, the read goes in ${WARM_TYPING_MS / 1000} s`,
    );
    const stopAt = performance.now() + MAX_TYPING_MS;
    // Watches for the run's end: its last record renamed. Its own searches are not counted.
    const watcher = (async () => {
      await sleep(WARM_TYPING_MS);
      releasedAt = proxy.release();
      while (!sawApplied && performance.now() < stopAt) {
        sawApplied = sentinelApplied((await search(SENTINEL_AFTER)).body);
        if (!sawApplied) await sleep(500);
      }
    })();
    during = await typing(queries, search, () => !sawApplied && performance.now() < stopAt);
    await watcher;
    // A few seconds for the run to record its end and settle the search indexes.
    await sleep(5_000);
    baseline = await typing(queries, search, (_, i) => i < BASELINE_REQUESTS_PER_USER);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(null)));
    out.end();
    await proxy.close();
  }

  const reopened = await reopen();
  try {
    const runs = await reopened.db.select().from(syncRuns);
    const run = runs.find((r) => r.id === runId)!;
    const others = runs.filter((r) => r.id !== runId);
    const startedAt = run.startedAt?.getTime() ?? Number.NaN;
    const finishedAt = run.finishedAt?.getTime() ?? Number.NaN;
    const applySeconds = (finishedAt - releasedAt) / 1000;
    const inRun = during.samples.filter((s) => s.sentAt >= releasedAt && s.sentAt <= finishedAt);
    log(
      `${label}: run ${run.status}: ${run.processed} records (updated ${run.updated}, unchanged ${run.unchanged}, failed ${run.failed}, fetched ${run.fetched}) ` +
        `in ${applySeconds.toFixed(1)} s = ${Math.round(run.processed / applySeconds)} records/s ` +
        `(from the read's answer to finished_at: selecting work and applying; started_at → finished_at, with the held read, ${((finishedAt - startedAt) / 1000).toFixed(1)} s)`,
    );
    if (!sawApplied) log(`${label}: the run's last record was not seen applied within ${MAX_TYPING_MS / 1000} s`);
    if (others.length > 0) log(`${label}: other runs meanwhile: ${others.map((r) => `${r.trigger} ${r.status}`).join(', ')}`);
    log(
      `${label}: searches sent while the read was held: ${during.samples.filter((s) => s.sentAt < releasedAt).length}, after the run finished: ${during.samples.filter((s) => s.sentAt > finishedAt).length} (not counted)`,
    );
    report(`${label} endpoint DURING the run, ${USERS} users typing`, inRun, applySeconds);
    log(`  slowest: ${slowest(inRun, releasedAt)}`);
    log(lagSummary(`${label} server event-loop lag DURING the run`, lagFile, releasedAt, finishedAt));
    report(`${label} endpoint, no run (baseline), ${USERS} users typing`, baseline.samples, baseline.seconds);
    const baselineFrom = baseline.samples[0]?.sentAt ?? Number.NaN;
    log(lagSummary(`${label} server event-loop lag, no run (baseline)`, lagFile, baselineFrom, baselineFrom + baseline.seconds * 1000));
  } finally {
    await reopened.close();
  }
  const problems = readFileSync(serverLog, 'utf8')
    .split('\n')
    .filter((l) => /\[(sync|jobs|db)\]|error/i.test(l));
  if (problems.length > 0) log(`${label}: the server said:\n  ${problems.slice(0, 20).join('\n  ')}`);
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` first.');
  const [one, five, fifteen] = loadavg().map((n) => n.toFixed(2));
  if (process.env.BENCH_ENGINE_PAUSE_MS) log(`EXPERIMENT: the engine pauses ${process.env.BENCH_ENGINE_PAUSE_MS} ms between batches (engine-pause-preload.mjs)`);
  log(
    `Picker search during a ${RECORDS}-record sync run. ${new Date().toISOString()}; load average ${one}, ${five}, ${fifteen} on ${cpus().length} CPUs (figures on a loaded machine are not the target's)`,
  );
  const sandbox = await startSandbox({ port: 0, testMode: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'during-sync-bench-'));
  try {
    const dataDir = path.join(dir, 'data');
    const pgliteDir = path.join(dataDir, 'pglite');
    if (process.env.BENCH_PGLITE !== '0') {
      await benchDatabase('PGlite', await openPglite(pgliteDir), { DATA_DIR: dataDir, DATABASE_URL: '' }, () => openPglite(pgliteDir), dir, sandbox.url);
    }

    const url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL to a local server)');
      return;
    }
    await control(sandbox.url, 'reset', {}); // the PGlite pass's grant and counters go
    const postgres = await openFreshPostgres(url);
    try {
      // The bench keeps its own pool open (it reads the run at the end); the server opens its own.
      const keep = { ...postgres, close: async () => undefined };
      await benchDatabase('PostgreSQL', keep, { DATA_DIR: path.join(dir, 'data-pg'), DATABASE_URL: postgres.url }, async () => keep, dir, sandbox.url);
    } finally {
      await postgres.close();
    }
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
