import { expect, test } from '@playwright/test';
import { YIELD_BEFORE_BOOTSTRAP } from '../scripts/bootstrap-own-task.mjs';

/**
 * What the build adapter (scripts/build-adapter.mjs, wired by next.config.mjs `adapterPath`)
 * does to the client scripts the built app serves (README "Performance"): each carries V8's
 * compile hint on its first line, so Chromium compiles it off the main thread as it loads, and
 * the runtime evaluates the page's entry modules in a task of their own.
 */
test('every script a page loads from /_next/static/chunks starts with the compile hint', async ({ page, request }) => {
  const scripts = new Set<string>();
  page.on('response', (response) => {
    if (/\/_next\/static\/chunks\/.+\.js(\?|$)/.test(response.url())) scripts.add(response.url());
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
  expect(scripts.size).toBeGreaterThan(0);
  for (const url of scripts) {
    const source = await (await request.get(url)).text();
    expect(source.startsWith('//# allFunctionsCalledOnLoad\n'), url).toBe(true);
  }
});

test('the runtime a page loads waits one task before it evaluates the entry modules, and the page still hydrates', async ({ page, request }) => {
  const scripts = new Set<string>();
  page.on('response', (response) => {
    if (/\/_next\/static\/chunks\/.+\.js(\?|$)/.test(response.url())) scripts.add(response.url());
  });
  await page.goto('/sign-in');
  // Hydrated: React has attached its props to the server-rendered button.
  const button = page.getByRole('button', { name: /sign in/i });
  await expect.poll(() => button.evaluate((element) => Object.keys(element).some((key) => key.startsWith('__reactProps')))).toBe(true);
  const runtimes: string[] = [];
  for (const url of scripts) {
    const source = await (await request.get(url)).text();
    if (source.includes('runtimeModuleIds')) runtimes.push(source);
  }
  expect(runtimes).toHaveLength(1);
  expect(runtimes[0]).toContain(`,${YIELD_BEFORE_BOOTSTRAP},`);
});
