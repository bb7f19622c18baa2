import { expect, test } from '@playwright/test';
import { signUpToWizard } from './fixtures';

/**
 * A notice that arrives in the address (`?welcome=1`) leaves it when the page's content shows
 * (components/shell/arrival-notice.tsx). The content can show after the address changed: the
 * router commits the address with the page's skeleton and the rest streams in. A link clicked
 * in between used to be dropped — Next's router takes the address change as "restore this
 * page" and discards the navigation in flight — and the person stayed where they were
 * (members e2e, 2026-12-05). Here the dashboard's own code is held back until after the click,
 * so its content always shows late.
 */
test('a link clicked before the page’s content shows is followed, not dropped when the notice leaves the address', async ({ browser }) => {
  const { page, context } = await signUpToWizard(browser);
  const loaded = new Set<string>();
  page.on('requestfinished', (request) => loaded.add(request.url()));
  // The wizard page's code is all loaded by now: what is asked for next is the dashboard's.
  await page.reload();
  await expect(page.getByRole('button', { name: 'I’ll do this later' })).toBeVisible();

  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    if (!loaded.has(route.request().url())) {
      held.push(route.request().url());
      await released;
    }
    await route.continue();
  });

  await page.getByRole('button', { name: 'I’ll do this later' }).click();
  await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);
  // The dashboard's code is held back, so its content has not shown yet.
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  release();

  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add member' })).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/members$/);
  // The click has arrived, so it no longer holds the notice's address: Back to the dashboard
  // shows it once more, and the parameter leaves the address as usual.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard$/);
  await context.close();
});
