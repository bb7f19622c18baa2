import { expect, type Request, test } from '@playwright/test';
import { connectGustoCompany, connectXpm } from './apps';
import { expectUniqueLandmarks } from './axe';
import { signUpPractice } from './fixtures';
import { expectFocusShown } from './focus-shown';
import { lookAt } from './look-at';

test('an admin connects XPM and Gusto through their consent pages and sees both directories', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('integrations-notice')).toContainText('XPM is connected.');
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/);
  await expect(page.getByTestId('xpm-card')).toContainText(/Connected by\s*Pat Owner on/);
  await expect(page.getByTestId('xpm-card')).toContainText('No client data flows (Sync data: Nothing)');

  await page.goto('/integrations');
  await connectGustoCompany(page, 'Garcia & Brown Architects');
  await expect(page.getByTestId('integrations-notice')).toContainText('Gusto is connected for “Garcia & Brown Architects”.');
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');
  await expect(page.getByTestId('gusto-directory-count')).toContainText('1 company,');
  // Both apps' cards have their settings: each "Client sync" is a region of its own name.
  await expect(page.getByRole('region', { name: 'Client sync for XPM' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Client sync for Gusto' })).toBeVisible();
  await expectUniqueLandmarks(page);
  // Each Gusto grant reaches one company: authorise a second one.
  await connectGustoCompany(page, 'Nelson & Sons Motors');
  const companies = page.getByRole('list', { name: 'Authorised Gusto companies' }).getByRole('listitem');
  await expect(companies).toHaveCount(2);
  await expect(companies.filter({ hasText: 'Nelson & Sons Motors' })).toHaveCount(1);
  await expect(page.getByTestId('gusto-directory-count')).toContainText('2 companies');
  const firstCompany = 'Garcia & Brown Architects';

  // Remove one company again.
  await page.getByRole('button', { name: `Remove ${firstCompany}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove company' }).click();
  await expect(page.getByRole('list', { name: 'Authorised Gusto companies' }).getByRole('listitem')).toHaveCount(1);
  // Said, and where focus goes: the row and its button are gone (focus fell to the page's body, and nothing was said).
  const companiesStatus = page.getByTestId('gusto-companies-status');
  await expect(companiesStatus).toHaveText(`Removed ${firstCompany}.`);
  await expect(companiesStatus).toHaveRole('status');
  await expect(companiesStatus).toBeFocused();
  await lookAt(page, 'gusto-company-removed');
  // Refresh now says what it found, and focus goes on to that from the button, busy meanwhile (it was disabled, dropping focus).
  const gustoCard = page.getByTestId('gusto-card');
  await gustoCard.getByRole('button', { name: /^Refresh now/ }).click();
  await expect(gustoCard.getByText(/^Refreshed: /)).toBeFocused();

  // No token the sandbox issued ever reaches the browser: not in the HTML, not in the RSC payload.
  const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;
  const issued = (await (await page.request.get(`${sandboxUrl}/__sandbox/tokens/issued`)).json()) as { xpm: string[]; gusto: string[] };
  const tokens = [...issued.xpm, ...issued.gusto];
  expect(tokens.length).toBeGreaterThan(2);
  const html = await (await page.request.get('/integrations')).text();
  const rsc = await (await page.request.get('/integrations', { headers: { RSC: '1' } })).text();
  const dashboard = await (await page.request.get('/dashboard')).text();
  for (const token of tokens) {
    expect(html).not.toContain(token);
    expect(rsc).not.toContain(token);
    expect(dashboard).not.toContain(token);
  }
  expect(html).not.toMatch(/access_token|refresh_token|Bearer /i);
  await context.close();
});

test('after XPM then Gusto connect, XPM’s card no longer says XPM will be the source: it agrees with the Recommended setup', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  const panel = page.getByTestId('recommended-setup');
  const xpmCard = page.getByTestId('xpm-card');
  await connectXpm(page);
  // Alone, XPM is what the setup makes the source, and its card says so.
  await expect(panel).toContainText('XPM is your only connected app, so the recommended setup makes it the client source');
  await expect(xpmCard).toContainText(
    'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
  );

  await connectGustoCompany(page, 'Garcia & Brown Architects');
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');
  // The trial: the setup now makes Gusto the source (XPM To XPM), and XPM's card still said it would be.
  await expect(panel).toContainText('the recommended setup makes Gusto the client source');
  await expect(xpmCard).not.toContainText('to make it the client source');
  await expect(xpmCard).toContainText(
    'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup, which makes Gusto the client source.',
  );
  await expect(page.getByTestId('gusto-card')).toContainText(
    'Gusto starts with Sync data Nothing and From Gusto, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
  );
  await lookAt(page, 'integrations-notes-agree');
  await context.close();
});

test('denied consent and a replayed state show a clear error and connect nothing', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByTestId('integrations-notice')).toContainText('Access to XPM was declined, so nothing was connected.');
  await expect(page.getByTestId('xpm-status')).toHaveText('Not connected');

  // Connect for real, then replay the same callback URL: the state is single-use.
  let callbackUrl = '';
  page.on('request', (request) => {
    if (request.url().includes('/api/integrations/xpm/callback')) callbackUrl = request.url();
  });
  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  expect(callbackUrl).toContain('state=');
  await page.goto(callbackUrl);
  await expect(page.getByTestId('integrations-notice')).toContainText('no longer valid');
  // A forged state is refused the same way.
  await page.goto('/api/integrations/gusto/callback?code=abc&state=forged-state');
  await expect(page.getByTestId('integrations-notice')).toContainText('no longer valid');
  await expect(page.getByTestId('gusto-status')).toHaveText('Not connected');
  await context.close();
});

test('back from the consent page, focus is on what happened (declined, or connected with its count), so a screen reader reads it', async ({ browser }) => {
  // A trial: the page arrived with "XPM is connected. 2,360 clients…" on it and focus on the
  // body; a live region that is there as the page loads is not read, so nothing was said.
  const { page, context } = await signUpPractice(browser);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  const notice = page.getByTestId('integrations-notice');
  await expect(notice).toContainText('Access to XPM was declined, so nothing was connected.');
  await expect(notice).toHaveRole('alert');
  await expectFocusShown(notice);
  await lookAt(page, 'integrations-declined-focused');
  // Tab goes on from the message, not from the top of the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Connect XPM' })).toBeFocused();

  await connectXpm(page);
  await expect(notice).toContainText(/^XPM is connected\. [\d,]+ clients are in the XPM directory\.$/);
  await expect(notice).toHaveRole('status');
  await expectFocusShown(notice);
  await lookAt(page, 'integrations-connected-focused');
  await context.close();
});

test('disconnecting says what happens first, then what it did, where focus goes, and keeps the practice clean', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await connectGustoCompany(page, 'Garcia & Brown Architects');
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');
  await page.getByRole('button', { name: 'Disconnect XPM' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('revoke its access to XPM and delete the stored tokens');
  await expect(dialog).toContainText('Clients and their links to XPM are kept.');
  await dialog.getByRole('button', { name: 'Disconnect XPM' }).click();
  await expect(page.getByTestId('xpm-status')).toHaveText('Disconnected');
  await expect(page.getByRole('button', { name: 'Connect XPM' })).toBeVisible();
  // Said, and where focus goes: the button goes with the connection (what it said went with it, and focus fell to the page's body).
  const disconnected = page.getByTestId('xpm-card').getByRole('status').filter({ hasText: 'Disconnected XPM.' });
  await expect(disconnected).toHaveText('Disconnected XPM. Clients and their links to XPM are kept.');
  await expect(disconnected).toBeFocused();
  await lookAt(page, 'xpm-disconnected');
  // Still said after the page is drawn again without a reload: Gusto's Refresh now refreshes it.
  const gustoCard = page.getByTestId('gusto-card');
  await gustoCard.getByRole('button', { name: /^Refresh now/ }).click();
  await expect(gustoCard.getByText(/^Refreshed: /)).toBeFocused();
  await expect(disconnected).toHaveText('Disconnected XPM. Clients and their links to XPM are kept.');
  await context.close();
});

/** The page's server actions: POSTs to /integrations with a Next-Action header. */
const isIntegrationsAction = (request: Request) => new URL(request.url()).pathname === '/integrations' && request.method() === 'POST' && Boolean(request.headers()['next-action']);

test('Refresh now says what it did, and keeps the focus, when XPM is disconnected in another tab meanwhile', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  const card = page.getByTestId('xpm-card');
  const other = await context.newPage();
  await other.goto('/integrations');
  const disconnectInOtherTab = async () => {
    await other.getByRole('button', { name: 'Disconnect XPM' }).click();
    await other.getByRole('alertdialog').getByRole('button', { name: 'Disconnect XPM' }).click();
    await expect(other.getByTestId('xpm-status')).toHaveText('Disconnected');
  };

  // The refresh has been done on the server, but its answer is held back until XPM is
  // disconnected in the other tab: the page this tab draws next has no Refresh now. What the
  // press did went with the button, and focus fell to the page's body.
  let fetched!: () => void;
  const answered = new Promise<void>((resolve) => (fetched = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/integrations*', async (route) => {
    if (!isIntegrationsAction(route.request())) return route.continue();
    const response = await route.fetch();
    fetched();
    await released;
    await route.fulfill({ response });
  });
  const refresh = card.getByRole('button', { name: /^Refresh now/ });
  await refresh.focus();
  await page.keyboard.press('Enter');
  await answered;
  await disconnectInOtherTab();
  release();
  await expect(page.getByTestId('xpm-status')).toHaveText('Disconnected');
  await expect(refresh).toHaveCount(0);
  const said = card.getByRole('status').filter({ hasText: /^Refreshed: / });
  await expect(said).toHaveText(/^Refreshed: .+ checked/);
  await expect(said).toBeFocused();
  await page.unroute('**/integrations*');

  // Pressed on a page drawn before the disconnect: it says so, and the card catches up.
  await connectXpm(page);
  await other.reload();
  await disconnectInOtherTab();
  await card.getByRole('button', { name: /^Refresh now/ }).click();
  const refused = card.getByRole('status').filter({ hasText: 'XPM is not connected.' });
  await expect(refused).toBeFocused();
  await expect(page.getByTestId('xpm-status')).toHaveText('Disconnected');
  await expect(refused).toBeFocused();
  await lookAt(page, 'xpm-refresh-after-disconnect');
  await context.close();
});

test('Disconnect pressed on a page drawn before XPM was disconnected in another tab says so, and the card catches up', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  const other = await context.newPage();
  await other.goto('/integrations');
  await other.getByRole('button', { name: 'Disconnect XPM' }).click();
  await other.getByRole('alertdialog').getByRole('button', { name: 'Disconnect XPM' }).click();
  await expect(other.getByTestId('xpm-status')).toHaveText('Disconnected');

  // This tab still shows XPM connected. The refusal re-draws the page (it did not, and the card went on saying Connected).
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  await page.getByRole('button', { name: 'Disconnect XPM' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect XPM' }).click();
  const refused = page.getByTestId('xpm-card').getByRole('status').filter({ hasText: 'XPM was not disconnected.' });
  await expect(refused).toHaveText('XPM was not disconnected. XPM is not connected.');
  await expect(page.getByTestId('xpm-status')).toHaveText('Disconnected');
  await expect(page.getByTestId('xpm-card').getByRole('button', { name: 'Disconnect XPM' })).toHaveCount(0);
  await expect(refused).toBeFocused();
  await context.close();
});

// The OAuth callback (a route handler) creates the grant's token manager and the "Refresh now"
// server action reuses it; in the built app they are separate bundles with their own copy of
// the error module, so this only passes when errors are recognised by brand, not instanceof.
test('after the grant is revoked in the app, Refresh now says to reconnect and the card keeps that reason', async ({ browser }) => {
  const kauri = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'; // the sandbox's second practice: only this test connects it
  const { page, context } = await signUpPractice(browser);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await page.getByRole('radio', { name: 'Kauri Chartered Accountants' }).check();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');

  const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;
  const revoked = await page.request.post(`${sandboxUrl}/__sandbox/grants/revoke`, { data: { app: 'xpm', tenantId: kauri } });
  expect(revoked.ok()).toBe(true);

  const card = page.getByTestId('xpm-card');
  await card.getByRole('button', { name: /^Refresh now/ }).click();
  await expect(card.getByText('Please reconnect Xero Practice Manager.').first()).toBeVisible();
  await expect(page.getByTestId('xpm-status')).toHaveText('Needs reconnecting');
  await expect(card).not.toContainText('Something went wrong');
  await expect(card).not.toContainText('unexpected problem');
  await expect(card.getByRole('button', { name: 'Reconnect XPM' })).toBeVisible();
  // After a reload the card still says why, in plain words.
  await page.reload();
  await expect(card.getByRole('status').filter({ hasText: 'Please reconnect Xero Practice Manager.' })).toBeVisible();
  await expect(card).not.toContainText('unexpected problem');
  await context.close();
});

test.describe('as the demo author', () => {
  test.use({ storageState: 'e2e/.auth/author.json' });

  test('sees the cards read-only and cannot start a connection', async ({ page }) => {
    await page.goto('/integrations');
    await expect(page.getByTestId('xpm-card')).toBeVisible();
    await expect(page.getByText('Only practice admins can connect or disconnect apps.').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /Connect|Disconnect/ })).toHaveCount(0);
    // The callback refuses an author outright, whatever the query says.
    await page.goto('/api/integrations/xpm/callback?code=x&state=y');
    await expect(page.getByTestId('integrations-notice')).toContainText('Only a practice admin can connect apps.');
  });
});
