import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './fixtures';

/**
 * The shell's links prefetch when someone reaches for them, not while the page loads (issue 14:
 * decoding prefetched pages at load was half the editor's blocking time on a phone).
 */
test.use({ storageState: ADMIN_STATE });

test('the main navigation prefetches a page on hover or keyboard focus, not at load', async ({ page }) => {
  const prefetched: string[] = [];
  page.on('request', (request) => {
    if (request.headers()['next-router-prefetch']) prefetched.push(new URL(request.url()).pathname);
  });
  await page.goto('/proposals/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New proposal' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(prefetched).toEqual([]);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Clients', exact: true }).hover();
  await expect.poll(() => prefetched).toContain('/clients');
  await nav.getByRole('link', { name: 'Sync history', exact: true }).focus();
  await expect.poll(() => prefetched).toContain('/sync-history');

  await nav.getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
});
