import { expect, type Page, test } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './chromium';
import { ADMIN_STATE } from './fixtures';

/**
 * Pages that stream part of their HTML after the first paint (components/shell/hydrate-apart.tsx)
 * keep their layout while it arrives: nothing painted moves. Lighthouse measured a layout
 * shift of 0.77 on /clients (desktop), from the pagination painted above the streamed table and
 * the scrollbar arriving with it. Browsers show classic scrollbars on most desktops;
 * Playwright hides them unless told not to.
 */
test.use({ storageState: ADMIN_STATE, launchOptions: { ...CHROMIUM_LAUNCH_OPTIONS, ignoreDefaultArgs: ['--hide-scrollbars'] } });

interface Shift {
  value: number;
  sources: string[];
}

/** A slow connection, so that the page's shell is painted before the rest of its HTML arrives. */
async function slowConnection(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 24 * 1024, uploadThroughput: 24 * 1024 });
}

async function recordLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const shifts: Shift[] = [];
    (window as unknown as { layoutShifts: Shift[] }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
        if (entry.hadRecentInput) continue;
        shifts.push({ value: entry.value, sources: (entry.sources ?? []).map((source) => (source.node instanceof Element ? source.node.outerHTML.slice(0, 120) : String(source.node?.nodeName))) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const pages = [
  { path: '/clients', loaded: (page: Page) => page.getByRole('navigation', { name: 'Pagination' }) },
  { path: '/proposals/new', loaded: (page: Page) => page.getByRole('button', { name: 'Create proposal' }) },
];

for (const { path, loaded } of pages) {
  for (const viewport of [
    { width: 1350, height: 940 },
    { width: 412, height: 823 },
  ]) {
    test(`${path} at ${viewport.width}px wide keeps its layout while its HTML streams in`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await slowConnection(page);
      await recordLayoutShifts(page);
      await page.goto(path);
      await expect(loaded(page)).toBeVisible();
      await page.waitForLoadState('load');
      // Shifts are reported after the frame that made them.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts);
      expect(shifts).toEqual([]);
    });
  }
}
