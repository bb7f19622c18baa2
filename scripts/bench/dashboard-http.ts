import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { signIn, waitUntilUp } from './endpoint';
import { summarize } from './stats';

/**
 * The Dashboard's server time over HTTP (issue 12, requirement 4): the real `next start` (the
 * existing .next build) over the benchmark's database, signed in through Auth.js as the
 * benchmark practice's admin, then GET /dashboard again and again, one at a time. Timed on
 * the client side of a loopback connection, so the figure is the server's whole work for
 * the page — proxy, session check, every query, React rendering, the streamed Suspense parts
 * — plus a loopback round trip, without a browser's parsing or JavaScript.
 *
 * Two figures per load: time to the first byte (the shell and everything not behind a
 * Suspense boundary) and time to the last byte (the whole page, streamed parts included).
 */
export interface DashboardHttpOptions {
  label: string;
  /** Where the server finds the database: DATA_DIR for PGlite, DATABASE_URL for PostgreSQL. */
  databaseEnv: { DATA_DIR: string; DATABASE_URL: '' } | { DATABASE_URL: string };
  login: { email: string; password: string };
  loads: number;
  log: (line: string) => void;
}

const PORT = Number(process.env.BENCH_PORT ?? 3191);

/** A server that has just started (its job worker, the planner statistics) can fail a first sign-in on a busy machine: three tries. */
async function signInPatiently(base: string, login: DashboardHttpOptions['login'], log: (line: string) => void): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await signIn(base, login);
    } catch (error) {
      if (attempt === 3) throw error;
      log(`  (sign-in attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}; trying again)`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

export async function benchDashboardHttp({ label, databaseEnv, login, loads, log }: DashboardHttpOptions): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) {
    log(`\n(${label}: rendered /dashboard over HTTP skipped: no production build. Run \`npx next build\` first.)`);
    return;
  }
  const base = `http://127.0.0.1:${PORT}`;
  log(`\n== ${label}: rendered /dashboard over HTTP (next start, the existing build), ${loads} loads one after another`);
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    stdio: 'ignore',
    env: { ...process.env, ...databaseEnv, NEXT_TELEMETRY_DISABLED: '1', APP_URL: base, AUTH_TRUST_HOST: 'true', NEXT_MANUAL_SIG_HANDLE: 'true' },
  });
  try {
    await waitUntilUp(`${base}/sign-in`, server);
    const cookie = await signInPatiently(base, login, log);
    const load = async () => {
      const started = performance.now();
      const response = await fetch(`${base}/dashboard`, { headers: { cookie }, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`/dashboard answered HTTP ${response.status}`);
      const reader = response.body!.getReader();
      let firstByte: number | null = null;
      let html = '';
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        firstByte ??= performance.now() - started;
        html += decoder.decode(value, { stream: true });
      }
      // A page that rendered its error boundary is not a dashboard.
      if (!html.includes('Sync health')) throw new Error('/dashboard did not render its Sync health section');
      return { firstByte: firstByte ?? 0, whole: performance.now() - started };
    };
    for (let i = 0; i < 10; i++) await load(); // warm up: compile-free, but caches and JIT
    const firstByte: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < loads; i++) {
      const timing = await load();
      firstByte.push(timing.firstByte);
      whole.push(timing.whole);
    }
    log(summarize(`${label}: GET /dashboard, whole page (last byte)`, whole));
    log(summarize(`${label}: GET /dashboard, first byte`, firstByte));
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
  }
}
