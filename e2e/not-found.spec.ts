import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { ADMIN_STATE, DEMO } from './fixtures';

test.describe('an address no page answers', () => {
  test.use({ storageState: ADMIN_STATE });

  test('a member sees "Page not found" inside the app, with the header and navigation to go on', async ({ page }) => {
    for (const address of ['/no-such-page', '/clients/a/b', '/missing-icon.png']) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText(DEMO.admin.name);
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(page).toHaveTitle('Page not found · Practice Sync');
    }
    await expectNoAxeViolations(page);
    // The way back: the main navigation and the dashboard link.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await expect(page).toHaveURL(/\/clients$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    await page.goBack();
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});

test('signed out: an unknown page goes to sign-in, a missing file is a 404, and an unknown API address answers JSON', async ({ request, browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/no-such-page');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fno-such-page$/);

  const file = await request.get('/missing-icon.png', { maxRedirects: 0 });
  expect(file.status()).toBe(404);
  const fileHtml = await file.text();
  expect(fileHtml).toContain('Page not found');
  // Nobody signed in: no practice, no navigation.
  expect(fileHtml).not.toContain('Sign out');

  for (const method of ['GET', 'POST', 'DELETE'] as const) {
    const api = await request.fetch('/api/no-such-route', { method, maxRedirects: 0 });
    expect(api.status(), method).toBe(404);
    expect(api.headers()['content-type']).toContain('application/json');
    expect(await api.json()).toEqual({ error: 'There is no such API address.' });
  }
  await page.context().close();
});
