import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { connectGustoCompany, connectXpm, gustoCompanyOfItsOwn, syncEverythingFromGusto } from './apps';
import { ADMIN_STATE, addAuthorAndSignIn, createClientNamed, signUpPractice } from './fixtures';
import { lookAt } from './look-at';

/**
 * Issue 12, sync health and in-app alerts in a real browser: a connection whose grant the app
 * revoked raises a notice — the Dashboard link's badge on every page, and a "Needs attention"
 * item whose link leads to the card's Reconnect — and reconnecting clears both. An author sees
 * the short, read-only Dashboard with what to ask an admin for.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

/**
 * The sandbox's second XPM practice: only this spec and the integrations spec's revocation test
 * connect it, so a grant that appears for it while this test connects is this test's (the
 * first practice gets grants from every spec running beside it).
 */
const KAURI = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

async function kauriGrantIds(page: Page): Promise<string[]> {
  const grants = (await (await page.request.get(`${SANDBOX}/__sandbox/grants`)).json()) as { xpm: { id: string; revoked: boolean; tenants: string[] }[] };
  return grants.xpm.filter((g) => !g.revoked && g.tenants.includes(KAURI)).map((g) => g.id);
}

async function connectKauri(page: Page) {
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await page.getByRole('radio', { name: 'Kauri Chartered Accountants' }).check();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
}

test('a connection needing re-authorisation raises a notice with a working link until it is reconnected', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  const before = new Set(await kauriGrantIds(page));
  await connectKauri(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();

  // XPM revokes this practice's grant (only it); the next call finds out.
  const mine = (await kauriGrantIds(page)).filter((id) => !before.has(id));
  expect(mine).toHaveLength(1);
  expect((await page.request.post(`${SANDBOX}/__sandbox/grants/revoke`, { data: { app: 'xpm', grantId: mine[0] } })).ok()).toBe(true);
  await page
    .getByTestId('xpm-card')
    .getByRole('button', { name: /^Refresh now/ })
    .click();
  await expect(page.getByTestId('xpm-status')).toHaveText('Needs reconnecting');

  // Every page's shell carries the badge, named for screen readers.
  await page.goto('/clients');
  await expect(nav.getByRole('link', { name: 'Dashboard, 1 item needs attention' })).toBeVisible();
  await expect(nav.getByTestId('attention-badge')).toHaveText('1');
  await nav.getByRole('link', { name: 'Dashboard, 1 item needs attention' }).click();

  const attention = page.getByTestId('needs-attention');
  await expect(attention).toContainText('XPM needs reconnecting: its access ended, so nothing syncs with XPM until then.');
  await expect(page.getByTestId('xpm-health-status')).toHaveText('Needs re-authorisation');
  await expect(page.getByTestId('xpm-link-health')).toContainText('Clients in sync');
  await expect(page.getByTestId('xpm-in-sync')).toHaveText('No clients linked yet'); // a new practice: not "0 of 0"
  await expectNoAxeViolations(page);
  await lookAt(page, 'dashboard-admin');

  // An author sees it too, read-only, with what to ask for.
  const { author, authorContext } = await addAuthorAndSignIn(page, browser);
  await author.goto('/dashboard');
  const authorAttention = author.getByTestId('needs-attention');
  await expect(authorAttention).toContainText('Ask a practice admin to reconnect XPM.');
  await expect(authorAttention.getByRole('link')).toHaveCount(0);
  await expect(author.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard, 1 item needs attention' })).toBeVisible();
  await expect(author.getByTestId('xpm-health-status')).toHaveText('Needs re-authorisation');
  await expect(author.getByTestId('xpm-link-health')).toHaveCount(0);
  await expectNoAxeViolations(author);
  await lookAt(author, 'dashboard-author');

  // The admin's link leads to the card's Reconnect, which clears the notice.
  await page.goto('/dashboard');
  await attention.getByRole('link', { name: 'Reconnect XPM' }).click();
  await expect(page).toHaveURL(/\/integrations#xpm-card-title$/);
  await page.getByTestId('xpm-card').getByRole('button', { name: 'Reconnect XPM' }).click();
  await page.getByRole('radio', { name: 'Kauri Chartered Accountants' }).check();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  await page.goto('/dashboard');
  await expect(page.getByTestId('needs-attention')).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
  await expect(nav.getByTestId('attention-badge')).toHaveCount(0);
  await author.reload();
  await expect(author.getByTestId('needs-attention')).toHaveCount(0);
  await authorContext.close();
  await context.close();
});

test('a record archived in Gusto is a figure on the Dashboard that opens the client list filtered to it', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  // A company no other spec uses; it is restored however this test ends.
  const company = await gustoCompanyOfItsOwn(page, 4);
  const suspend = (suspended: boolean) => page.request.post(`${SANDBOX}/__sandbox/records/change`, { data: { app: 'gusto', id: company.id, fields: { is_suspended: suspended } } });

  // The practice's own client for the company: the first run links it by its exact name.
  await createClientNamed(page, company.name);
  await page.goto('/integrations');
  await connectGustoCompany(page, company.name);
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');
  await syncEverythingFromGusto(page);
  const gusto = page.getByTestId('gusto-card');
  await gusto.getByRole('button', { name: 'Sync now from Gusto' }).click();
  await expect(gusto.getByTestId('gusto-sync-progress').getByRole('status')).toHaveText(/^Succeeded: 1 record read; /, { timeout: 45_000 });

  try {
    // Gusto suspends the company; the next run marks the link (the client stays as it is).
    expect((await suspend(true)).ok()).toBe(true);
    await page.reload();
    await gusto.getByRole('button', { name: 'Sync now from Gusto' }).click();
    const upstream = page.getByTestId('gusto-upstream');
    await expect(async () => {
      await page.goto('/dashboard');
      await expect(upstream).toContainText('1 archived in Gusto', { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });

    await upstream.getByRole('link', { name: '1 archived in Gusto' }).click();
    await expect(page).toHaveURL(/\/clients\?link=gusto-archived$/);
    await expect(page.getByText('1 active client linked to a record archived in Gusto')).toBeVisible();
    await expect(page.getByLabel('Linked to')).toHaveValue('gusto-archived');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: company.name, exact: true }) });
    await expect(row.getByRole('cell').nth(1)).toContainText('Gusto');
    await expect(row.getByRole('cell').nth(1)).toContainText('Archived in Gusto');
    await expect(page.getByRole('row')).toHaveCount(2); // the header and this client
    await expectNoAxeViolations(page);
    await lookAt(page, 'clients-archived-in-gusto');

    // The filter is a plain select: by keyboard, back to every client, and the address follows.
    await page.getByLabel('Linked to').focus();
    await page.keyboard.press('Home');
    await expect(page).toHaveURL(/\/clients$/);
    await expect(row).toBeVisible();
  } finally {
    expect((await suspend(false)).ok()).toBe(true);
  }
  await context.close();
});

test('suggested matches are counted per app on the Dashboard, and the figure opens their review', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  // XPM's sandbox holds "Valley Marekting LLC": a near-duplicate, never linked by name.
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Valley Marketing LLC');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  await connectXpm(page);
  await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/, { timeout: 45_000 });

  await page.goto('/dashboard');
  const upstream = page.getByTestId('xpm-upstream');
  await expect(upstream).toHaveText('1 suggested match to review for XPM');
  await expectNoAxeViolations(page);
  await lookAt(page, 'dashboard-suggested-matches');
  await upstream.getByRole('link', { name: '1 suggested match to review for XPM' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Suggested matches' })).toBeVisible();
  await expect(page.getByText('Valley Marekting LLC').first()).toBeVisible();
  await context.close();
});

test.describe('the demo practice', () => {
  test.use({ storageState: ADMIN_STATE });

  test('the badge counts exactly what the Dashboard lists, and the health section passes axe', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('sync-overview')).toBeVisible();
    const listed = await page.getByTestId('needs-attention').getByRole('listitem').count();
    const badge = page.getByRole('navigation', { name: 'Main' }).getByTestId('attention-badge');
    if (listed === 0) await expect(badge).toHaveCount(0);
    else await expect(badge).toHaveText(String(listed));
    await expectNoAxeViolations(page);
    await lookAt(page, 'dashboard-demo-admin');
  });
});
