import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './fixtures';

/** Every page loads without a console error, a failed request for the page's own assets, or a hydration warning. */
test.use({ storageState: ADMIN_STATE });

const PAGES = ['/dashboard', '/clients', '/clients/new', '/proposals', '/proposals/new', '/integrations', '/sync-history', '/settings/members'];

test('the app’s pages load cleanly: no console errors, no hydration warnings, no missing assets', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /hydrat/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).origin === new URL(page.url()).origin) problems.push(`${response.status()} ${response.url()}`);
  });
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);
});
