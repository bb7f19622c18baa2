import { expect, type Page, test } from '@playwright/test';
import { appShortLabel } from '@/lib/apps/registry';
import { createClientNamed, unique } from './fixtures';

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

/** Connects XPM through the sandbox's consent page, which is on its own origin as Xero's is. */
export async function connectXpm(page: Page) {
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await expect(page.getByRole('heading', { name: /wants to access your Xero Practice Manager/ })).toBeVisible();
  expect(new URL(page.url()).origin).not.toBe(new URL(test.info().project.use.baseURL!).origin);
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page).toHaveURL(/\/integrations/);
}

/** Authorises one Gusto company (each Gusto grant reaches one company). */
export async function connectGustoCompany(page: Page, company: string) {
  await page.getByRole('button', { name: /^(Connect Gusto|Add another company)$/ }).click();
  // Wait for the consent page: the Integrations page has radios of its own.
  await expect(page.getByRole('heading', { name: /Authorize/ })).toBeVisible();
  await page.getByRole('radio', { name: company, exact: true }).check();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page).toHaveURL(/\/integrations/);
}

/**
 * A sandbox Gusto company one test has to itself: approved, readable — not one an earlier attempt
 * made malformed (the sandbox keeps that for the rest of the suite) — and not the webhook spec's
 * (Garcia, Nelson). Each test takes its own `index`: controls without an id take the first
 * company, sync-runs' failed-record test index 2, dashboard-health's archived-record test index 4.
 */
export async function gustoCompanyOfItsOwn(page: Page, index: number): Promise<{ id: string; name: string }> {
  const companies = (await (await page.request.get(`${SANDBOX}/__sandbox/gusto/companies`)).json()) as {
    id: string;
    name: string;
    company_status: string;
    malformed: string | null;
  }[];
  const company = companies.filter((c) => c.company_status === 'Approved' && !/Garcia|Nelson/.test(c.name) && c.malformed === null)[index];
  expect(company, 'the sandbox seed has enough free Gusto companies').toBeTruthy();
  return { id: company!.id, name: company!.name };
}

/**
 * A client linked to XPM, as the picker makes one: a new proposal titled `title` picks the
 * first XPM client found for "Ha" and is saved. Returns that client's name.
 */
export async function proposalWithPickedXpmClient(page: Page, title: string): Promise<string> {
  await page.goto('/proposals/new');
  await page.getByRole('textbox', { name: /Title/ }).fill(title);
  await page.getByRole('combobox', { name: 'Find a client' }).fill('Ha');
  const xpmOption = page
    .getByRole('group', { name: /^XPM clients/ })
    .getByRole('option')
    .first();
  await expect(xpmOption).toBeVisible();
  const name = (await xpmOption.locator('span.font-medium').first().innerText()).trim();
  await xpmOption.click();
  await page.keyboard.press('Control+s');
  await expect(page.getByText(`Proposal saved. Created the client “${name}” from XPM and linked it.`)).toBeVisible();
  return name;
}

/**
 * The scheduler starts a first run within a minute of an app becoming a source, on the minute
 * (UTC). A test that must look before any run makes the app a source just after a tick, and is
 * done looking well before the next one.
 */
export async function justAfterASchedulerTick(page: Page) {
  const seconds = new Date().getUTCSeconds();
  if (seconds > 20) await page.waitForTimeout((61 - seconds) * 1000);
}

/**
 * A new practice's own client for a sandbox Gusto company, written its own way, then Gusto
 * connected for that company and made the source of Everything just after a scheduler tick, so
 * the test has most of a minute before the first scheduled run. Returns the client's page URL.
 * Without a business number the run links the two by name; with one Gusto's differs from, it
 * skips the company as another business.
 */
export async function gustoSourceWithNamesake(page: Page, company: string, namesake: { name: string; businessNumber?: string }): Promise<string> {
  const clientUrl = await createClientNamed(page, namesake.name, { businessNumber: namesake.businessNumber });
  await page.goto('/integrations');
  await connectGustoCompany(page, company);
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');
  await justAfterASchedulerTick(page);
  await syncEverythingFromGusto(page);
  return clientUrl;
}

/** On Integrations: Gusto's Sync data becomes Everything (From Gusto is its only direction), saved. */
export async function syncEverythingFromGusto(page: Page) {
  const sync = page.getByTestId('gusto-client-sync');
  await sync.getByRole('radio', { name: /^Everything( Not available)?$/ }).check();
  await sync.getByRole('button', { name: 'Save changes to Gusto sync settings' }).click();
  await expect(page.getByTestId('gusto-sync-status')).toContainText('Saved.');
}

/**
 * Opens the run a card's "Sync now" followed, once it has ended. The card then says the run's
 * outcome once, under Last sync, and links it there: the progress keeps its sentence for
 * screen readers only and has no link left (SyncProgress' `shownInLastSync`).
 */
export async function openEndedRunFromCard(page: Page, app: 'xpm' | 'gusto') {
  const progress = page.getByTestId(`${app}-sync-progress`);
  // Ended first (a progress not mounted yet has no link either), then folded into Last sync.
  await expect(progress.getByRole('status')).toHaveText(/^(Succeeded|Finished with errors|Failed|Cancelled|Paused for review)/, { timeout: 60_000 });
  await expect(progress.getByRole('link')).toHaveCount(0, { timeout: 15_000 });
  // Last sync's own link (its first definition), not Next scheduled sync's link to an older paused run.
  await page
    .getByTestId(`${app}-last-run`)
    .getByRole('definition')
    .first()
    .getByRole('link', { name: new RegExp(`^(View run|Review the paused sync) \\(${appShortLabel(app)}\\)$`) })
    .click();
  await expect(page).toHaveURL(/\/sync-history\/[0-9a-f-]{36}$/);
}

/**
 * XPM made Everything / To XPM, then the client `name` (linked to XPM) given a new website;
 * waits for the To-XPM run that edit starts by itself to end and opens that run's page.
 * Returns the website sent and the client's page URL.
 */
export async function pushWebsiteEditToXpm(page: Page, name: string, label: string): Promise<{ website: string; clientUrl: string }> {
  await page.goto('/integrations');
  const sync = page.getByTestId('xpm-client-sync');
  await sync.getByRole('radio', { name: /^Everything( Not available)?$/ }).check();
  await sync.getByRole('radio', { name: /^To XPM( Not available)?$/ }).check();
  await sync.getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
  await expect(page.getByTestId('xpm-sync-status')).toContainText('Saved.');

  await page.goto('/clients');
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  const clientUrl = page.url();
  await page.getByRole('link', { name: 'Edit client' }).click();
  const website = `https://${unique(label)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}.example.com`;
  await page.getByLabel('Website').fill(website);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();

  // Within a minute, with nothing else pressed: the edit's own To-XPM run, once ended.
  await page.goto('/sync-history');
  const pushed = page.getByTestId('sync-history').locator('tbody tr').filter({ hasText: 'To XPM' }).filter({ hasText: 'Client edited by' });
  await expect(async () => {
    await page.reload();
    await expect(pushed.first()).toBeVisible({ timeout: 1_000 });
    await expect(pushed.first()).not.toContainText(/Waiting to start|Running/, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await pushed.first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync to XPM' })).toBeVisible();
  return { website, clientUrl };
}
