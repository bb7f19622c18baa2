/**
 * Where a page's load-time main-thread work goes (issue 14, requirement 2), a finer look than
 * `npm run bench:pages`: each page is loaded cold in Chromium with the CPU slowed 4× (as
 * Lighthouse's mobile preset assumes), and prints its long tasks (the blocking time they add,
 * `Σ max(0, task − 50 ms)`, as TBT counts it) and the functions that took the most CPU.
 *
 *   npx next build
 *   npx tsx --conditions=react-server scripts/bench/page-load-profile.ts [/page …]
 *   BENCH_PROFILE_RUNS=5   # loads per page (default 3); the median blocking time is shown
 *   BENCH_PORT=3196        # the app's port
 *   BENCH_PROFILE_TOP=15   # functions listed per page (from the median run)
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { withSignedInBrowser } from './bench-app';

const PORT = Number(process.env.BENCH_PORT ?? 3196);
const RUNS = Number(process.env.BENCH_PROFILE_RUNS ?? 3);
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 15);
const PAGES = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/sign-in', '/proposals/new', '/clients', '/integrations', '/dashboard'];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface Load {
  blockingMs: number;
  longTasks: number[];
  functions: { name: string; selfMs: number }[];
}

async function loadOnce(browser: Browser, url: string, cookie: string | null): Promise<Load> {
  // A new tab, as Lighthouse opens, not a new browser context: headless Chromium gives each new
  // context a window whose omnibox popup loads in a renderer of its own during the page's load
  // (1.3 s of CPU in one trace on a 2-core machine), which the page would compete with.
  const page = await browser.newPage();
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCookies'); // every load starts signed out but for the cookie below
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.setCacheEnabled(false);
    if (cookie) await page.setExtraHTTPHeaders({ cookie });
    await page.evaluateOnNewDocument(() => {
      const tasks: number[] = [];
      (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response?.url() !== url) throw new Error(`${url} ended at ${response?.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    if (process.env.BENCH_PROFILE_DUMP)
      writeFileSync(path.join(process.env.BENCH_PROFILE_DUMP, `${new URL(url).pathname.replaceAll('/', '_')}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    return { longTasks, blockingMs: longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0), functions: selfTimes(profile) };
  } finally {
    await page.close();
  }
}

/** CPU time by function (name, script and position), heaviest first. */
function selfTimes(profile: Profile): { name: string; selfMs: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.replace(/^https?:\/\/[^/]+/, '').replace('/_next/static/chunks/', '');
    const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([name, selfMs]) => ({ name, selfMs })).sort((a, b) => b.selfMs - a.selfMs);
}

async function main() {
  console.log(
    `Page-load profile, CPU 4× slower, ${RUNS} cold loads per page; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
  await withSignedInBrowser(PORT, 'page-profile-', PAGES, async ({ browser, base, cookie }) => {
    for (const page of PAGES) {
      const loads: Load[] = [];
      for (let run = 0; run < RUNS; run++) loads.push(await loadOnce(browser, `${base}${page}`, page === '/sign-in' ? null : cookie));
      loads.sort((a, b) => a.blockingMs - b.blockingMs);
      const mid = loads[Math.floor((loads.length - 1) / 2)]!;
      console.log(`\n${page}: blocking ${loads.map((l) => Math.round(l.blockingMs)).join(' / ')} ms; median run's long tasks: ${mid.longTasks.map(Math.round).join(', ')} ms`);
      for (const fn of mid.functions.slice(0, TOP)) console.log(`  ${fn.selfMs.toFixed(1).padStart(7)} ms  ${fn.name}`);
    }
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
