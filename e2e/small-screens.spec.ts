import { expect, type Page, test } from '@playwright/test';
import { connectXpm } from './apps';
import { expectNoAxeViolations } from './axe';
import { ADMIN_STATE, signUpPractice } from './fixtures';
import { lookAt } from './look-at';

/**
 * Issue 15: every page fits a 390 px phone without the page scrolling sideways (wide tables
 * scroll inside their own region or lose columns), and passes axe at that width.
 */
const PHONE = { width: 390, height: 844 };

async function expectFitsPhone(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page);
}

/** The first link on a list page that opens one of its items, as a path. */
async function firstItemPath(page: Page, listPath: string, pattern: RegExp): Promise<string | null> {
  await page.goto(listPath);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((href) => pattern.test(href)) ?? null;
}

test.describe('on a 390 px phone', () => {
  test.use({ storageState: ADMIN_STATE, viewport: PHONE });

  test('every signed-in page fits the screen', async ({ page }) => {
    test.slow();
    const pages = ['/dashboard', '/clients', '/clients/new', '/proposals', '/proposals/new', '/integrations', '/sync-history', '/settings/members', '/settings/members/new'];
    const client = await firstItemPath(page, '/clients', /^\/clients\/[0-9a-f-]{36}$/);
    expect(client).not.toBeNull();
    pages.push(client!, `${client!}/edit`);
    const proposal = await firstItemPath(page, '/proposals', /^\/proposals\/[0-9a-f-]{36}$/);
    if (proposal) pages.push(proposal);
    const run = await firstItemPath(page, '/sync-history', /^\/sync-history\/[0-9a-f-]{36}$/);
    if (run) pages.push(run);
    for (const path of pages) await expectFitsPhone(page, path);
  });
});

test.describe('on a 390 px phone, a long word', () => {
  test.use({ storageState: ADMIN_STATE, viewport: PHONE });

  test('in a service line description wraps in the field, in the editor and on the saved proposal, and the page does not scroll sideways', async ({ page }) => {
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto('/proposals/new');
    // The search loads just after the page: the editor is hydrated by then.
    await expect(page.getByRole('combobox', { name: 'Find a client' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Title' }).fill('Long words');
    await page.getByRole('button', { name: 'Add service line' }).click();
    const description = page.getByRole('textbox', { name: 'Line 1 Description' });
    await description.fill('z'.repeat(120));
    await page.getByRole('textbox', { name: 'Line 1 Unit price ($)' }).fill('100');
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    const box = await description.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);

    await page.getByRole('button', { name: 'Create proposal' }).click();
    await expect(page.getByText('Proposal saved.')).toBeVisible();
    await expect(description).toHaveValue('z'.repeat(120));
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await lookAt(page, 'proposal-long-description-phone');
  });
});

test.describe('on a 390 px phone, signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] }, viewport: PHONE });

  test('sign-in and sign-up fit the screen', async ({ page }) => {
    for (const path of ['/sign-in', '/sign-up']) await expectFitsPhone(page, path);
  });
});

test('the two app cards on Integrations are the same height, with the status badge in the same place', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page); // XPM connected, Gusto not: very different contents
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/integrations');
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  await expect(page.getByTestId('gusto-status')).toHaveText('Not connected');
  // The text is there while the streamed page still waits, hidden, to replace the loading
  // skeleton (React reveals it up to ~300 ms later): measure the cards once they are shown.
  await expect(page.getByTestId('xpm-card')).toBeVisible();
  await expect(page.getByTestId('gusto-card')).toBeVisible();
  const boxes = async (app: 'xpm' | 'gusto') => ({ card: (await page.getByTestId(`${app}-card`).boundingBox())!, badge: (await page.getByTestId(`${app}-status`).boundingBox())! });
  const xpm = await boxes('xpm');
  const gusto = await boxes('gusto');
  expect(Math.abs(xpm.card.height - gusto.card.height)).toBeLessThanOrEqual(1);
  expect(Math.abs(xpm.card.y - gusto.card.y)).toBeLessThanOrEqual(1);
  // Top right of each card, at the same height.
  expect(Math.abs(xpm.badge.y - gusto.badge.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(xpm.card.x + xpm.card.width - (xpm.badge.x + xpm.badge.width) - (gusto.card.x + gusto.card.width - (gusto.badge.x + gusto.badge.width)))).toBeLessThanOrEqual(1);

  // Connected, the page has more to fit (the settings history table, sync runs): still a phone's width.
  await page.setViewportSize(PHONE);
  await expectFitsPhone(page, '/integrations');
  await expectFitsPhone(page, '/sync-history');
  await context.close();
});

test('on a phone, each sync settings change is a card that shows the change and why, with no table to scroll', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page); // connecting writes the safe defaults to the history
  await page.setViewportSize(PHONE);
  await page.goto('/integrations');
  const cards = page.getByRole('list', { name: 'Sync settings changes, newest first' }).getByRole('listitem');
  await expect(cards.first()).toBeVisible();
  // A setting made on connecting had no value before: "—" is seen, "Not set" heard (settings-history.tsx).
  await expect(cards.filter({ hasText: /XPM Sync data: —Not set\s+to\s+Nothing/ })).toHaveText(/Safe defaults on connecting/);
  await expect(page.getByRole('region', { name: 'Sync settings changes' })).toBeHidden();
  await lookAt(page, 'settings-history-cards');
  // On a wide screen, the table again.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.getByRole('region', { name: 'Sync settings changes' })).toBeVisible();
  await expect(cards.first()).toBeHidden();
  await context.close();
});
