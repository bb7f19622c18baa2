/**
 * What a page's load costs the browser's main thread, in CPU time (issue 14, requirement 2):
 * the figure to compare two builds by. Each page is loaded cold in Chromium, unthrottled and
 * traced, and its renderer's main-thread CPU time is summed: all of it, script (module
 * evaluation, hydration), and style+layout.
 *
 *   npx next build
 *   npm run bench:page-cpu                 # /sign-in and the four pages bench:pages measures
 *   npm run bench:page-cpu -- /proposals/new
 *   BENCH_PAGE_CPU_RUNS=9                   # rounds (default 9), each loading every page once
 *   BENCH_PORT=3197                         # the app's port
 *
 * Why not TBT: Lighthouse counts only what a task spends past 50 ms on its simulated phone
 * (4× slower), so the same work blocks for 0 ms when it falls into three tasks and for 100 ms
 * when it falls into one, and which happens depends on when the scripts arrive. The same
 * editor's CPU-time TBT median was 20–30 ms on one build and 60–64 ms on a later one that did
 * no more work by these totals (README, "Performance"). The totals move by about ±10% between
 * loads. Prints numbers, asserts nothing.
 */
import { loadavg } from 'node:os';
import type { Browser } from 'puppeteer-core';
import { withSignedInBrowser } from './bench-app';
import { type MainThreadCpu, type NamedTraceEvent, mainThreadCpu } from './main-thread-cpu';

const PORT = Number(process.env.BENCH_PORT ?? 3197);
const RUNS = Number(process.env.BENCH_PAGE_CPU_RUNS ?? 9);
const BASELINE = '/sign-in';
const PAGES = [BASELINE, ...(process.argv.length > 2 ? process.argv.slice(2).filter((p) => p !== BASELINE) : ['/proposals/new', '/clients', '/integrations', '/dashboard'])];
/** After `load`, how long the trace runs on: hydration and the lazy picker finish within it. */
const SETTLE_MS = 2500;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel'];

async function loadOnce(browser: Browser, url: string, cookie: string | null): Promise<MainThreadCpu> {
  // A new tab, not a new browser context (see page-load-profile.ts: a new context's window loads its own omnibox renderer).
  const tab = await browser.newPage();
  try {
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.clearBrowserCookies'); // signed out but for the cookie below
    await tab.setCacheEnabled(false);
    if (cookie) await tab.setExtraHTTPHeaders({ cookie });
    await tab.tracing.start({ categories: TRACE_CATEGORIES });
    const response = await tab.goto(url, { waitUntil: 'load' });
    if (response?.url() !== url) throw new Error(`${url} ended at ${response?.url()}`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const trace = await tab.tracing.stop();
    if (!trace) throw new Error(`no trace for ${url}`);
    const { traceEvents } = JSON.parse(Buffer.from(trace).toString('utf8')) as { traceEvents: NamedTraceEvent[] };
    return mainThreadCpu(traceEvents);
  } finally {
    await tab.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
const figure = (values: number[]) => `${median(values).toFixed(0).padStart(4)} (${range(values)})`.padEnd(16);

function printTable(loads: Map<string, MainThreadCpu[]>) {
  console.log(`\nMedian main-thread CPU per load, ms (range over ${RUNS} loads), unthrottled (Lighthouse's mobile preset counts 4× these)`);
  console.log(`${'page'.padEnd(16)}${'total'.padEnd(16)}${'script'.padEnd(16)}style+layout`);
  const baseline = median(loads.get(BASELINE)!.map((l) => l.totalMs));
  for (const [page, list] of loads) {
    const total = list.map((l) => l.totalMs);
    const difference = Math.round(median(total) - baseline);
    const beyond = page === BASELINE ? '' : `  (${difference < 0 ? '−' : '+'}${Math.abs(difference)} ms total against ${BASELINE})`;
    console.log(`${page.padEnd(16)}${figure(total)}${figure(list.map((l) => l.scriptMs))}${figure(list.map((l) => l.styleLayoutMs))}${beyond}`);
  }
}

async function main() {
  console.log(
    `Page main-thread CPU, ${RUNS} rounds of cold loads; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
  await withSignedInBrowser(PORT, 'page-cpu-', PAGES, async ({ browser, base, cookie }) => {
    const loads = new Map<string, MainThreadCpu[]>(PAGES.map((page) => [page, []]));
    // Round by round, as bench:pages: the baseline's loads and each page's come from the same minutes.
    for (let round = 0; round < RUNS; round++) {
      for (const page of PAGES) loads.get(page)!.push(await loadOnce(browser, `${base}${page}`, page === BASELINE ? null : cookie));
    }
    printTable(loads);
  });
  console.log(
    `load average at the end ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
