import { expect, type Page, test } from '@playwright/test';
import { connectGustoCompany, connectXpm } from './apps';
import { signUpPractice, unique } from './fixtures';

/**
 * Gusto webhooks end to end: the server subscribed its APP_URL with the sandbox's Gusto when
 * it started (and verified the token Gusto sent); a practice has Gusto as its source (the
 * recommended setup) and a client linked to a Gusto company. Someone changes that company in
 * Gusto — the sandbox's control sends the signed `company.updated` — and, with nobody pressing
 * anything, the client's page shows Gusto's new name within a minute.
 */
const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

interface SandboxCompany {
  id: string;
  name: string;
  company_status: string;
}

async function sandbox<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandboxUrl}/__sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `sandbox ${path}: HTTP ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function startProposal(page: Page, title: string) {
  await page.goto('/proposals');
  await page.getByRole('link', { name: 'New proposal' }).click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Find a client' })).toBeVisible();
  await page.keyboard.type(title);
}

test.describe('a practice with Gusto as its source', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test.setTimeout(180_000);

  test('a company change in Gusto reaches the linked client within a minute, without anyone pressing anything', async ({ browser, baseURL }) => {
    // The server's subscription (made at start; retried each minute until verified).
    await expect
      .poll(
        async () => {
          const { subscriptions } = await sandbox<{ subscriptions: { url: string; status: string }[] }>('gusto/webhooks');
          return subscriptions.find((s) => s.url === `${baseURL}/api/webhooks/gusto`)?.status;
        },
        { timeout: 90_000, intervals: [1_000] },
      )
      .toBe('verified');

    // A company no other spec uses or renames: the last approved one.
    const companies = await sandbox<SandboxCompany[]>('gusto/companies');
    const company = companies.filter((c) => c.company_status === 'Approved' && !/Garcia/.test(c.name)).at(-1)!;

    const { page, context } = await signUpPractice(browser);
    await connectXpm(page);
    await page.goto('/integrations');
    await connectGustoCompany(page, company.name);
    await expect(page.getByTestId('gusto-status')).toHaveText('Connected');

    // The recommended setup: Gusto Everything / From Gusto, XPM Everything / To XPM.
    const panel = page.getByTestId('recommended-setup');
    await panel.getByRole('button', { name: 'Apply recommended setup' }).click();
    await page.getByRole('alertdialog', { name: 'Apply the recommended setup?' }).getByRole('button', { name: 'Apply recommended setup' }).click();
    await expect(panel.getByTestId('recommended-setup-match')).toHaveText('Your settings match');

    // A client linked to the company: picked from Gusto in a proposal, created here on save.
    await startProposal(page, unique('Webhook client'));
    await page.keyboard.press('Tab');
    await page.keyboard.type(company.name);
    // XPM may list a company of the same name: take Gusto's.
    const fromGusto = page.getByRole('group', { name: /^Gusto companies/ }).getByRole('option', { name: new RegExp(`^${escapeRegExp(company.name)}`) });
    await expect(fromGusto).toContainText('Gusto');
    await fromGusto.click();
    await expect(page.getByTestId('chosen-client')).toContainText(company.name);
    await page.keyboard.press('Control+s');
    await expect(page.getByText(`Proposal saved. Created the client “${company.name}” from Gusto and linked it.`)).toBeVisible();
    await page.goto(`/clients?q=${encodeURIComponent(company.name)}`);
    await page.getByRole('link', { name: company.name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(company.name);
    const clientUrl = page.url();

    // Someone renames the company in Gusto; Gusto sends the signed event to the server.
    const renamed = `${company.name} ${unique('Renamed')}`.slice(0, 120);
    await sandbox('records/change', { app: 'gusto', id: company.id, fields: { name: renamed } });

    // Nobody presses anything: the client's page carries Gusto's new name within a minute.
    await expect
      .poll(
        async () => {
          await page.goto(clientUrl);
          return page.getByRole('heading', { level: 1 }).innerText();
        },
        { timeout: 60_000, intervals: [2_000] },
      )
      .toBe(renamed);

    // Every event to this server was accepted at the first attempt (answered within Gusto's timeout).
    const { deliveries } = await sandbox<{ deliveries: { eventType: string; url: string; delivered: boolean; attempts: number }[] }>('gusto/webhooks?settle=1');
    const ours = deliveries.filter((d) => d.url === `${baseURL}/api/webhooks/gusto` && d.eventType === 'company.updated');
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((d) => !d.delivered || d.attempts !== 1)).toEqual([]);
    await context.close();
  });
});
