import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { ADMIN_STATE } from './fixtures';
import { lookAt } from './look-at';

test.describe('signed in', () => {
  test.use({ storageState: ADMIN_STATE });

  test('an address no page answers keeps the app around it: the header, the navigation, a way back', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    // One frame, the app's: the practice's name and the main navigation, once each.
    await expect(page.getByTestId('practice-name')).toHaveCount(1);
    await expect(page.getByTestId('practice-name')).not.toBeEmpty();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expectNoAxeViolations(page);
    await lookAt(page, 'not-found');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Clients/ })
      .click();
    await expect(page).toHaveURL(/\/clients$/);
    await page.goto('/no-such-page');
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("a page that finds nothing of the practice's shows the same frame once", async ({ page }) => {
    // Not an app: the preview page calls notFound() inside the app's own layout.
    await page.goto('/integrations/myob/preview');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
    await expect(page.getByTestId('practice-name')).toHaveCount(1);
  });
});

test.describe('signed out', () => {
  test('a cookie that is no longer a session reaches the page, which offers sign-in', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    // The proxy only looks for the cookie (it is not the check): a stale one gets past it.
    await context.addCookies([{ name: 'authjs.session-token', value: 'not-a-session', url: baseURL! }]);
    const page = await context.newPage();
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await context.close();
  });
});
