/**
 * What the page benchmarks share (`npm run bench:pages`, page-load-profile.ts and page-cpu.ts): the built
 * app started on a freshly seeded demo database, the demo admin's session, and Debian's
 * Chromium launched one way for both, so the two scripts measure the same browser setup.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer, { type Browser } from 'puppeteer-core';
import { openPglite } from '@/db/open';
import { DEMO_LOGINS, seedDemo } from '@/db/seed';
import { signIn } from './endpoint';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** A PGlite data directory under `dir` with the seeded demo practice (as `npm run demo`). */
export async function seedDemoDataDir(dir: string): Promise<string> {
  const dataDir = path.join(dir, 'data');
  const seeded = await openPglite(path.join(dataDir, 'pglite'));
  try {
    await seedDemo(seeded.db);
  } finally {
    await seeded.close(); // the server must be the only opener
  }
  return dataDir;
}

/** `npm start` (one `next start`, with its compile cache) of the existing build on 127.0.0.1:`port`, over `dataDir`. */
export function startApp(port: number, dataDir: string): ChildProcess {
  const base = `http://127.0.0.1:${port}`;
  return spawn(process.execPath, ['scripts/start.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: 'ignore',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', WEB_CONCURRENCY: '', NEXT_TELEMETRY_DISABLED: '1', APP_URL: base, AUTH_TRUST_HOST: 'true' },
  });
}

export async function stopApp(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

/** Waits for the app to answer /sign-in, then signs in as the demo admin: the session cookie. */
export async function waitThenSignIn(base: string, server: ChildProcess): Promise<string> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error('next start exited');
    try {
      if ((await fetch(`${base}/sign-in`)).status === 200) return await signIn(base, DEMO_LOGINS.admin);
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the app did not come up');
}

/**
 * Headless Chromium with a debugging port: Lighthouse drives it through the port, puppeteer
 * connects to it (`puppeteer.connect({ browserURL })`). Nothing in the background competes
 * with the page for the CPU (no component updates, sync or background networking).
 */
export function launchChromium(): Promise<chromeLauncher.LaunchedChrome> {
  return chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** What a page benchmark drives: Chromium through puppeteer, the app's address, the demo admin's cookie. */
export interface SignedInBrowser {
  browser: Browser;
  base: string;
  cookie: string;
}

/**
 * The set-up page-load-profile.ts and page-cpu.ts share: the built app on `port` over a freshly
 * seeded demo database (in a temporary directory named after `prefix`), signed in, `pages`
 * loaded once each so their routes are compiled, and this module's Chromium connected through
 * puppeteer; all of it stopped and removed after `measure`, whatever it did.
 */
export async function withSignedInBrowser(port: number, prefix: string, pages: readonly string[], measure: (session: SignedInBrowser) => Promise<void>): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` first.');
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let chrome: chromeLauncher.LaunchedChrome | null = null;
  let browser: Browser | null = null;
  try {
    server = startApp(port, await seedDemoDataDir(dir));
    const cookie = await waitThenSignIn(base, server);
    for (const page of pages) await (await fetch(`${base}${page}`, { headers: { cookie } })).arrayBuffer(); // warm the routes
    chrome = await launchChromium(); // the browser bench:pages' Lighthouse runs use
    browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    await measure({ browser, base, cookie });
  } finally {
    await browser?.disconnect();
    chrome?.kill();
    if (server) await stopApp(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
