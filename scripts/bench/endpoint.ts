import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openPglite } from '@/db/open';
import { DEMO_LOGINS, DEMO_PRACTICE_ID, seedDemo } from '@/db/seed';
import { settleSearchIndexes } from '@/lib/integrations/search-index-upkeep';
import { firstLoadJs } from './first-load-js';
import { typedQueries } from './queries';
import { seedBenchPractice } from './seed-directory';
import { summarize } from './stats';

/**
 * The search endpoint under load: the real `next start` (the existing .next build) over a
 * PGlite directory holding the demo practice plus `records` directory records, signed in
 * through Auth.js as the demo author: one user alone, then 10 users at once, typing, and
 * back to back.
 */
const USERS = 10;
const REQUESTS_PER_USER = 60;
/**
 * The picker searches 150 ms after the last keystroke, so one user can send at most one
 * search per 150 ms however fast they type: the typing load is every user at that ceiling.
 */
const TYPING_INTERVAL_MS = 150;
const PORT = Number(process.env.BENCH_PORT ?? 3190);

export function cookiesFrom(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function signIn(base: string, login: { email: string; password: string } = DEMO_LOGINS.author): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesFrom(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: login.email, password: login.password, callbackUrl: `${base}/dashboard` });
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body,
  });
  cookiesFrom(response, jar);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed (HTTP ${response.status} to ${response.headers.get('location')})`);
  return cookieHeader(jar);
}

export async function waitUntilUp(url: string, server: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error('next start exited');
    try {
      if ((await fetch(url, { redirect: 'manual' })).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

export async function benchEndpoint(tempDir: string, records: number, log: (line: string) => void): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) {
    log('\n(Endpoint skipped: no production build. Run `npx next build` first.)');
    return;
  }
  const dataDir = path.join(tempDir, 'endpoint-data');
  log(`\n== Endpoint: next start over PGlite, demo practice + ${records} directory records, ${USERS} concurrent users`);
  const db = await openPglite(path.join(dataDir, 'pglite'));
  let names: string[];
  try {
    await seedDemo(db.db);
    ({ sampleNames: names } = await seedBenchPractice(db.db, { directoryCount: records, practiceClients: 0, log, existingPracticeId: DEMO_PRACTICE_ID }));
    await settleSearchIndexes(db.db, { directory_records: records }); // as the directory refresh does
  } finally {
    await db.close(); // the server must be the only opener
  }

  const base = `http://127.0.0.1:${PORT}`;
  // BENCH_PROFILE=<dir>: the server writes a CPU profile there on exit (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const server = spawn(process.execPath, [...profile, 'node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    stdio: 'ignore',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NEXT_TELEMETRY_DISABLED: '1', APP_URL: base, AUTH_TRUST_HOST: 'true', NEXT_MANUAL_SIG_HANDLE: 'true' },
  });
  try {
    await waitUntilUp(`${base}/sign-in`, server);
    const cookie = await signIn(base);
    for (const page of ['/proposals/new']) {
      const js = await firstLoadJs(base, page, cookie);
      const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
      log(`Proposal editor (${page}) first-load JavaScript: ${kib(js.gzipBytes)} gzip in ${js.files} files (largest: ${js.largest.map((f) => kib(f.gzipBytes)).join(', ')})`);
    }
    // The handler's own Server-Timing: how much of each answer was the session check and the search.
    const serverTimings: { auth: number[]; search: number[] } = { auth: [], search: [] };
    const search = async (q: string) => {
      const started = performance.now();
      const response = await fetch(`${base}/api/client-search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`search answered HTTP ${response.status}`);
      await response.arrayBuffer();
      for (const [, name, ms] of (response.headers.get('server-timing') ?? '').matchAll(/(auth|search);dur=([\d.]+)/g)) {
        serverTimings[name as 'auth' | 'search'].push(Number(ms));
      }
      return performance.now() - started;
    };
    const logServerTimings = () => {
      log(summarize('  of which, in the handler: session check', serverTimings.auth.splice(0)));
      log(summarize('  of which, in the handler: search', serverTimings.search.splice(0)));
    };
    const queries = typedQueries(names, USERS * REQUESTS_PER_USER);
    for (const q of queries.slice(0, 50)) await search(q); // warm up: compile routes, fill caches
    serverTimings.auth.length = serverTimings.search.length = 0;

    const alone: number[] = [];
    for (const q of queries.slice(0, 200)) alone.push(await search(q));
    log(summarize('Endpoint GET /api/client-search, 1 user', alone));
    logServerTimings();

    // Two loads: users typing (one search per TYPING_INTERVAL_MS each, the most the
    // debounce lets through), and users firing the next search the moment the last
    // answered (no pause at all: no person types like that; it shows the server's ceiling).
    for (const [label, pauseMs] of [
      [`${USERS} users typing (a search per ${TYPING_INTERVAL_MS} ms each)`, TYPING_INTERVAL_MS],
      [`${USERS} users, back to back`, 0],
    ] as const) {
      const timings: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: USERS }, async (_, user) => {
          // Users start at different moments, as people do.
          await new Promise((r) => setTimeout(r, (pauseMs / USERS) * user));
          for (let i = 0; i < REQUESTS_PER_USER; i++) {
            const sent = performance.now();
            timings.push(await search(queries[user * REQUESTS_PER_USER + i]!));
            const wait = pauseMs - (performance.now() - sent);
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      log(summarize(`Endpoint, ${label}`, timings));
      logServerTimings();
      log(`  ${timings.length} requests in ${seconds.toFixed(1)} s (${(timings.length / seconds).toFixed(0)} requests/s)`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}
