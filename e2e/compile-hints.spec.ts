import { expect, test } from '@playwright/test';

/**
 * The built app's client scripts carry V8's compile hint on their first line (the build
 * adapter, scripts/compile-hints-adapter.mjs, wired by next.config.mjs `adapterPath`), so
 * Chromium compiles them off the main thread as they load (README "Performance").
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
