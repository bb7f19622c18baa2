import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createClientNamed, unique } from './fixtures';
import { expectFocusShown } from './focus-shown';
import { lookAt } from './look-at';

/**
 * The onboarding wizard (issue 13) in Chromium: a new practice goes from sign-up to a running
 * sync through the sandbox apps' own consent pages, and the wizard keeps its place across
 * reloads, Back and a second finish. Every step is checked with axe and at 1280/390 px.
 */

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

/** The browser's own time zone in these tests: not the practice's (sign-up's default, Sydney). */
const BROWSER_ZONE = 'America/Chicago';

async function signUpIntoWizard(browser: Browser) {
  const context = await browser.newContext({ timezoneId: BROWSER_ZONE });
  const page = await context.newPage();
  const practiceName = unique('Wizard Practice');
  const email = `${unique('wizard').replace(/\s+/g, '.').toLowerCase()}@example.com`;
  await page.goto('/sign-up');
  await expect(page).toHaveTitle('Create your practice · Practice Sync');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /first admin/);
  await page.getByLabel('Practice name').fill(practiceName);
  await page.getByLabel('Your name').fill('Wendy Wizard');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page).toHaveURL(/\/sign-in\?practice=ready/);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page).toHaveTitle('Set up Practice Sync · Practice Sync');
  return { context, page, practiceName };
}

const steps = (page: Page) => page.getByRole('navigation', { name: 'Setup steps' });
const currentStep = (page: Page) => steps(page).locator('[aria-current="step"]');

/**
 * Run in the page from its first byte (addInitScript): each live region's text as it changes.
 * A region whose text changes in place keeps one list; one replaced by another element, or
 * a second region with the same words, shows as another list.
 */
function recordLiveRegions() {
  const texts = new Map<Element, string[]>();
  const record = () => {
    for (const region of document.querySelectorAll('[role="status"], [role="alert"], [aria-live]')) {
      const text = (region.textContent ?? '').trim();
      const seen = texts.get(region) ?? [];
      if (seen.at(-1) !== text) texts.set(region, [...seen, text]);
    }
  };
  new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true });
  (window as unknown as { liveRegionTexts: () => string[][] }).liveRegionTexts = () => {
    record();
    return [...texts.values()];
  };
}

/** The live regions that ever said something matching `words`, each with its texts in order. */
async function liveRegionsSaying(page: Page, words: RegExp): Promise<string[][]> {
  const regions = await page.evaluate(() => (window as unknown as { liveRegionTexts: () => string[][] }).liveRegionTexts());
  return regions.filter((texts) => texts.some((text) => words.test(text)));
}

async function check(page: Page, name: string) {
  await expectNoAxeViolations(page);
  await lookAt(page, `onboarding-${name}`);
}

/** Gusto companies no other spec changes (they take Garcia, Nelson, the first approved ones and the last). */
async function quietCompanies(page: Page): Promise<string[]> {
  const companies = (await (await page.request.get(`${SANDBOX}/__sandbox/gusto/companies`)).json()) as { name: string; company_status: string; malformed: string | null }[];
  return companies.filter((c) => c.company_status === 'Approved' && !/Garcia|Nelson/.test(c.name) && c.malformed === null).map((c) => c.name);
}

async function savePracticeStep(page: Page, { takeBrowserZone }: { takeBrowserZone: boolean }) {
  await expect(currentStep(page)).toContainText('Practice details');
  await check(page, '1-practice');
  // The practice's zone from sign-up stays selected; the browser's is offered, not switched to
  // behind the admin's back (saving "as it was" must not move the daily sync).
  await expect(page.getByLabel('Time zone')).toHaveValue('Australia/Sydney');
  const offer = page.getByTestId('browser-zone-offer');
  await expect(offer).toContainText(`Your browser is set to ${BROWSER_ZONE}.`);
  if (takeBrowserZone) {
    await offer.getByRole('button', { name: `Use ${BROWSER_ZONE}` }).click();
    await expect(page.getByLabel('Time zone')).toHaveValue(BROWSER_ZONE);
    await expect(offer).toBeHidden();
  }
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(currentStep(page)).toContainText('Connect your apps');
  // The pressed button is gone with its step: the new step's heading takes focus, so it is read out.
  await expect(page.getByRole('heading', { level: 2, name: 'Connect your apps' })).toBeFocused();
}

async function connectGustoHere(page: Page, company: string) {
  await page.getByRole('button', { name: /^(Connect Gusto|Connect another Gusto company)$/ }).click();
  await expect(page.getByRole('heading', { name: /Authorize/ })).toBeVisible();
  await page.getByRole('radio', { name: company, exact: true }).check();
  await page.getByRole('button', { name: 'Allow access' }).click();
  // Back in the wizard's step 2, not on Integrations: the state row said so.
  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page.getByTestId('wizard-notice')).toContainText('Gusto is connected');
}

async function connectXpmHere(page: Page) {
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await expect(page.getByRole('heading', { name: /wants to access your Xero Practice Manager/ })).toBeVisible();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page.getByTestId('wizard-notice')).toContainText('XPM is connected');
}

test('sign up → wizard → connect both sandbox apps → recommended setup → preview → run → summary; Integrations shows what the wizard applied', async ({ browser }) => {
  // Two consent round trips, a first XPM directory fill and a sync on a busy machine.
  test.slow();
  const { page, context, practiceName } = await signUpIntoWizard(browser);
  await savePracticeStep(page, { takeBrowserZone: true });

  await check(page, '2-connect');
  const [company] = await quietCompanies(page);
  // A declined consent comes back to this step with the reason and a retry.
  await page.getByRole('button', { name: 'Connect Gusto' }).click();
  await page.getByRole('radio', { name: company!, exact: true }).check();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page.getByTestId('wizard-notice')).toContainText('declined');
  await expect(currentStep(page)).toContainText('Connect your apps');
  await connectGustoHere(page, company!);
  await connectXpmHere(page);
  await expect(page.getByRole('listitem').filter({ hasText: 'Gusto' }).getByText('Connected')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(currentStep(page)).toContainText('Sync settings');
  await expect(page.getByTestId('recommended-gusto')).toContainText('Gusto: Everything / From Gusto');
  await expect(page.getByTestId('recommended-xpm')).toContainText('XPM: Everything / To XPM');
  await page.getByRole('button', { name: 'Adjust the settings' }).click();
  // The pressed button goes with the part it replaced: focus goes to the part that opened, not to the page's body.
  await expect(page.getByRole('heading', { level: 3, name: 'Your setup' })).toBeFocused();
  // The settings page's greyed-out options and reasons.
  await expect(page.getByRole('radio', { name: 'From XPM' })).toBeDisabled();
  await expect(page.getByText(/Gusto is your client source/).first()).toBeVisible();
  await check(page, '3-setup');
  await page.getByRole('button', { name: 'Back to the recommended setup' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Recommended for your apps' })).toBeFocused();
  await page.getByRole('button', { name: 'Accept the recommended setup' }).click();

  await expect(currentStep(page)).toContainText('Preview your first sync');
  // Loaded afresh, the step streams its figures in: one polite status says "Working out…", then
  // the figures in a sentence, changing in place (a trial heard only "Working out…").
  await page.addInitScript(recordLiveRegions);
  await page.reload();
  const WILL_CREATE = 'The first sync from Gusto would create 1 client.';
  await expect(page.getByRole('status').filter({ hasText: /^The first sync from Gusto would/ })).toHaveText(WILL_CREATE);
  const importBox = page.getByRole('checkbox', { name: /Import Gusto companies/ });
  await expect(importBox).toBeChecked();
  await expect(page.getByTestId('preview-created').getByRole('definition')).toHaveText('1');
  expect(await liveRegionsSaying(page, /first sync/)).toEqual([['Working out what the first sync would do…', WILL_CREATE]]);
  await expect(page.getByRole('heading', { level: 4, name: 'The client it would change' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: company! }).filter({ hasText: 'New client' })).toBeVisible();
  // XPM is set To XPM: the step says what then goes there, and links to that preview.
  const toXpm = page.getByTestId('wizard-preview-push');
  await expect(toXpm.getByRole('paragraph').first()).toHaveText(
    'No linked client differs from XPM now. XPM’s next scheduled sync sends what this first sync changes in clients linked to XPM. A sync that would overwrite many XPM clients waits for your review first.',
  );
  await expect(toXpm.getByRole('link', { name: 'Preview what would be sent to XPM (opens in a new tab)' })).toHaveAttribute(
    'href',
    '/integrations/xpm/preview?direction=to_app&syncData=everything',
  );
  await check(page, '4-preview');
  // Unticked, nothing would be created; ticked again, the company would be. The same status says so each time.
  await importBox.uncheck();
  await expect(page.getByTestId('preview-created').getByRole('definition')).toHaveText('0');
  const WONT_CHANGE = 'The first sync from Gusto would not change any client.';
  await expect(page.getByRole('status').filter({ hasText: /^The first sync from Gusto would/ })).toHaveText(WONT_CHANGE);
  await importBox.check();
  await expect(page.getByTestId('preview-created').getByRole('definition')).toHaveText('1');
  await expect(page.getByRole('status').filter({ hasText: /^The first sync from Gusto would/ })).toHaveText(WILL_CREATE);
  const [previewStatus, ...others] = await liveRegionsSaying(page, /first sync/);
  expect(others).toEqual([]);
  expect(previewStatus!.slice(-2)).toEqual([WONT_CHANGE, WILL_CREATE]);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(currentStep(page)).toContainText('Run it');
  await check(page, '5-run');
  await page.getByRole('button', { name: 'Apply and run the first sync' }).click();
  await expect(page.getByRole('heading', { name: 'You are set up' })).toBeVisible({ timeout: 60_000 });
  // The summary's heading has the focus the pressed button left, as each step's heading does.
  await expect(page.getByRole('heading', { level: 2, name: 'You are set up' })).toBeFocused();
  await expect(page.getByTestId('summary-created').getByRole('definition')).toHaveText('1');
  await expect(page.getByTestId('summary-failed').getByRole('definition')).toHaveText('0');
  await check(page, '6-summary');
  await expect(page.getByRole('link', { name: 'Write your first proposal' })).toHaveAttribute('href', '/proposals/new');
  // Undoing the first sync keeps the client it created, and says once that its values are its
  // first — not "Kept" on each of its fields.
  const runHref = await page.getByRole('link', { name: 'See this sync in Sync history' }).getAttribute('href');
  await page.goto(`${runHref}/undo`);
  const undone = page.getByTestId('undo-clients').getByRole('listitem').filter({ hasText: company! });
  await expect(undone).toContainText(
    `This run created the client. It is kept (never deleted), with the values it came with; only its link to Gusto is removed, and later syncs do not link the two again by name.`,
  );
  await expect(undone.getByRole('table')).toHaveCount(0);
  await expect(page.getByText(/^Kept/)).toHaveCount(0);
  await page.goBack();
  await page.getByRole('link', { name: 'Open your client list' }).click();
  await expect(page.getByRole('link', { name: company! })).toBeVisible();

  await page.goto('/integrations');
  const option = (app: string, label: string) => page.getByTestId(`${app}-client-sync`).getByRole('radio', { name: new RegExp(`^${label}( Not available)?$`) });
  await expect(option('gusto', 'Everything')).toBeChecked();
  await expect(option('gusto', 'From Gusto')).toBeChecked();
  await expect(option('xpm', 'Everything')).toBeChecked();
  await expect(option('xpm', 'To XPM')).toBeChecked();
  const byWizard = page.getByTestId('settings-history').getByRole('row').filter({ hasText: 'Applied by the onboarding wizard' });
  await expect(byWizard).toHaveCount(3); // Gusto's Sync data; XPM's Sync data and direction
  await expect(byWizard.first()).toContainText('Wendy Wizard');
  await expect(page.getByTestId('practice-name')).toHaveText(practiceName);

  // Opened again once finished, the wizard starts a new pass at step 1, yet the practice is set
  // up: each step is marked done from what it has (apps connected, settings chosen, the sync
  // that ran), heard as "…, done", and each done step can be gone to.
  await page.getByRole('button', { name: 'Open the setup wizard' }).click();
  await expect(currentStep(page)).toContainText('Practice details');
  await expect(steps(page)).toMatchAriaSnapshot(`
    - navigation "Setup steps":
      - paragraph: Step 1 of 5
      - list:
        - listitem: Practice details, done
        - listitem:
          - link "Connect your apps, done"
        - listitem:
          - link "Sync settings, done"
        - listitem:
          - link "Preview your first sync, done"
        - listitem:
          - link "Run it, done"
  `);
  await check(page, '7-reopened');
  await steps(page).getByRole('link', { name: 'Sync settings, done' }).click();
  await expect(currentStep(page)).toContainText('Sync settings, done');
  await expect(page.getByRole('heading', { level: 2, name: 'Sync settings' })).toBeVisible();
  await context.close();
});

test('back from a consent page, the Connect step has focus on the outcome (declined, or connected), so a screen reader reads it', async ({ browser }) => {
  // A trial: the step came back with "XPM is connected…" on it and focus on the step's heading;
  // a live region already there as the page loads is not read, so the outcome went unsaid.
  test.slow();
  const { page, context } = await signUpIntoWizard(browser);
  await savePracticeStep(page, { takeBrowserZone: false });
  const heading = page.getByRole('heading', { level: 2, name: 'Connect your apps' });
  const notice = page.getByTestId('wizard-notice');
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  // Says how to try again once (a trial read "Connect again and choose Allow… Try again below.").
  await expect(notice).toHaveText('Access to XPM was declined, so nothing was connected. To connect it, choose Connect XPM again, then Allow.');
  await expect(notice).toHaveRole('alert');
  await expectFocusShown(notice);
  await expect(heading).not.toBeFocused();
  await lookAt(page, 'onboarding-declined-focused');
  // Tab goes on from the message to the retry, not from the top of the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Connect XPM' })).toBeFocused();

  await connectXpmHere(page);
  await expect(notice).toHaveRole('status');
  await expectFocusShown(notice);
  await lookAt(page, 'onboarding-connected-focused');
  await context.close();
});

test('arriving from sign-in, the welcome is read: the first step’s heading takes focus, described by it', async ({ browser }) => {
  // A trial: the welcome was on the page as it loaded, in a live region, and so never read.
  const { page, context } = await signUpIntoWizard(browser);
  await expect(page).toHaveURL(/\/onboarding\?welcome=1$/);
  const heading = page.getByRole('heading', { level: 2, name: 'Practice details' });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveAccessibleDescription(/^Welcome to Practice Sync\. Check the details you gave at sign-up, then .+ You can leave and come back at any time\.$/);
  await lookAt(page, 'onboarding-welcome');
  // Without the welcome (a later visit), the heading describes nothing.
  await page.goto('/onboarding');
  await expect(heading).not.toHaveAttribute('aria-describedby');
  await context.close();
});

test('a keyboard user sees where each wizard step and part hands focus: the headings are outlined', async ({ browser }) => {
  // The step and part headings take focus when the pressed button goes; they hid the outline,
  // so a sighted keyboard user could not tell where focus went.
  test.slow();
  const { page, context } = await signUpIntoWizard(browser);
  await page.getByRole('button', { name: 'Save and continue' }).focus();
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByRole('heading', { level: 2, name: 'Connect your apps' }));
  await lookAt(page, 'onboarding-connect-heading-focused');
  await connectXpmHere(page);
  await page.getByRole('button', { name: 'Continue' }).focus();
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByRole('heading', { level: 2, name: 'Sync settings' }));
  await lookAt(page, 'onboarding-setup-heading-focused');
  await page.getByRole('button', { name: 'Adjust the settings' }).focus();
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByRole('heading', { level: 3, name: 'Your setup' }));
  await lookAt(page, 'onboarding-your-setup-focused');
  await page.getByRole('button', { name: 'Back to the recommended setup' }).focus();
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByRole('heading', { level: 3, name: 'Recommended for your apps' }));
  await lookAt(page, 'onboarding-recommended-focused');
  await context.close();
});

test('a company whose name is a client’s but whose business number differs: the wizard’s preview and summary name it and say why it is left alone', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpIntoWizard(browser);
  await savePracticeStep(page, { takeBrowserZone: false });
  const [company] = await quietCompanies(page);
  // A client here with the company's name and another business number: two businesses, not one.
  await createClientNamed(page, company!, { businessNumber: '98-7654321' });
  await page.goto('/onboarding');
  await connectGustoHere(page, company!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Accept the recommended setup' }).click();

  await expect(currentStep(page)).toContainText('Preview your first sync');
  await expect(page.getByTestId('preview-created').getByRole('definition')).toHaveText('0');
  // The skipped company by name, why, and the client it was compared with (a trial read "Skipped: 1 record" and could not tell which).
  const wouldSkip = page.getByRole('region', { name: 'Records a sync would skip (1)' });
  await expect(wouldSkip.getByRole('heading', { level: 4 })).toBeVisible();
  const skippedCompany = wouldSkip.getByRole('listitem');
  await expect(skippedCompany.getByRole('paragraph').first()).toHaveText(company!);
  await expect(skippedCompany).toContainText('its business number in Gusto is different, so a sync would not link them');
  await expect(skippedCompany.getByRole('link', { name: company! })).toHaveAttribute('href', /^\/clients\/[0-9a-f-]{36}$/);
  await check(page, '4-preview-skipped');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Apply and run the first sync' }).click();

  await expect(page.getByRole('heading', { name: 'You are set up' })).toBeVisible({ timeout: 60_000 });
  await expect(steps(page).getByRole('paragraph')).toHaveText('All steps done');
  const skipped = page.getByRole('region', { name: 'Skipped records (1)' });
  await expect(skipped.getByRole('heading', { level: 3 })).toBeVisible();
  await expect(skipped.getByRole('listitem').getByRole('paragraph').first()).toHaveText(company!);
  await expect(skipped.getByRole('listitem')).toContainText('its business number in Gusto is different, so the sync did not link them');
  await check(page, '6-summary-skipped');
  await context.close();
});

test('the wizard keeps its place: leave at step 3, reload, come back to step 3; finishing twice does nothing more; only XPM gets Everything / From XPM', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpIntoWizard(browser);
  // Left before its first step, the wizard is offered as not yet started.
  await page.goto('/dashboard');
  await expect(page.getByTestId('continue-setup')).toContainText('Set up your practice: the setup wizard connects XPM and Gusto');
  await lookAt(page, 'dashboard-start-wizard');
  await page.getByTestId('continue-setup').getByRole('link', { name: 'Start the setup wizard' }).click();
  await expect(currentStep(page)).toContainText('Practice details');
  await savePracticeStep(page, { takeBrowserZone: false });
  // Saved as it was shown: the zone chosen at sign-up, not the browser's; no offer once saved.
  await steps(page)
    .getByRole('link', { name: /Practice details/ })
    .click();
  await expect(page.getByLabel('Time zone')).toHaveValue('Australia/Sydney');
  await expect(page.getByTestId('browser-zone-offer')).toBeHidden();
  await steps(page)
    .getByRole('link', { name: /Connect your apps/ })
    .click();
  // With nothing connected there is nothing to set up: no Continue, and no second skip button
  // that once ended the wizard "set up" with nothing syncing. Leaving keeps the place.
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /connect later/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'I’ll do this later' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Open the setup wizard' }).click();
  await expect(currentStep(page)).toContainText('Connect your apps');
  await expect(steps(page).getByRole('link', { name: /Practice details/ })).toBeVisible();
  await connectXpmHere(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(currentStep(page)).toContainText('Sync settings');
  await expect(page.getByTestId('recommended-xpm')).toContainText('XPM: Everything / From XPM');

  // An admin who lands on the Dashboard (signing in again later, say) is offered the way back.
  await page.goto('/dashboard');
  const offer = page.getByTestId('continue-setup');
  await expect(offer).toContainText('Your setup is not finished');
  await offer.getByRole('link', { name: 'Continue the setup wizard' }).click();
  await expect(currentStep(page)).toContainText('Sync settings');

  // Leave, reload, come back: the same step, from the database.
  await page.goto('/clients');
  await page.reload();
  await page.goto('/onboarding');
  await expect(currentStep(page)).toContainText('Sync settings');
  await page.reload();
  await expect(currentStep(page)).toContainText('Sync settings');
  // A later step cannot be reached by the address; an earlier one can, and keeps what was done.
  await page.goto('/onboarding?step=run');
  await expect(currentStep(page)).toContainText('Sync settings');
  await steps(page)
    .getByRole('link', { name: /Connect your apps/ })
    .click();
  await expect(page.getByRole('listitem').filter({ hasText: 'XPM' }).getByText('Connected')).toBeVisible();
  await page.goBack();
  await expect(currentStep(page)).toContainText('Sync settings');

  await page.getByRole('button', { name: 'Accept the recommended setup' }).click();
  await expect(page.getByRole('checkbox', { name: /Import XPM clients/ })).not.toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Apply and run the first sync' }).click();
  await expect(page.getByRole('heading', { name: /You are set up|Your first sync is running/ })).toBeVisible();
  const runLink = await page.getByRole('link', { name: 'See this sync in Sync history' }).getAttribute('href');

  // Finish again: Back to the Run step and a reload show the summary; nothing starts twice.
  await page.goBack();
  await page.reload();
  await expect(page.getByRole('heading', { name: /You are set up|Your first sync is running/ })).toBeVisible();
  await page.goto('/onboarding?step=run');
  await expect(page.getByRole('button', { name: /run the first sync/i })).toHaveCount(0);
  expect(await page.getByRole('link', { name: 'See this sync in Sync history' }).getAttribute('href')).toBe(runLink);
  await page.goto('/integrations');
  await expect(page.getByTestId('settings-history').getByRole('row').filter({ hasText: 'Applied by the onboarding wizard' })).toHaveCount(1); // XPM's Sync data
  await page.goto(runLink!);
  await expect(page.getByText('Onboarding by Wendy Wizard').first()).toBeVisible();
  // Finished: the Dashboard no longer offers the wizard.
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('continue-setup')).toHaveCount(0);
  await context.close();
});

test('a finished wizard opened again keeps settings chosen on Integrations: Setup shows them as the current choice, and "Run it" runs without changing them', async ({
  browser,
}) => {
  test.slow();
  const { page, context } = await signUpIntoWizard(browser);
  await savePracticeStep(page, { takeBrowserZone: false });
  const [company] = await quietCompanies(page);
  await connectGustoHere(page, company!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Accept the recommended setup' }).click();
  await expect(currentStep(page)).toContainText('Preview your first sync');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Apply and run the first sync' }).click();
  await expect(page.getByRole('heading', { name: 'You are set up' })).toBeVisible({ timeout: 60_000 });

  // Later the admin chooses otherwise on Integrations: Gusto's client names only, not the recommended Everything.
  await page.goto('/integrations');
  const gusto = page.getByTestId('gusto-client-sync');
  const clientNameOnly = gusto.getByRole('radio', { name: /^Client name( Not available)?$/ });
  await clientNameOnly.check();
  await gusto.getByRole('button', { name: 'Save changes to Gusto sync settings' }).click();
  await expect(page.getByTestId('gusto-sync-status')).toContainText('Saved.');

  // Opened again: the Setup step offers those settings as the current choice, and the
  // recommended setup as an alternative that says what it would change.
  await page.getByRole('button', { name: 'Open the setup wizard' }).click();
  await expect(currentStep(page)).toContainText('Practice details');
  await steps(page).getByRole('link', { name: 'Sync settings, done' }).click();
  await expect(page.getByTestId('current-gusto')).toContainText('Gusto: Client name / From Gusto');
  await expect(page.getByRole('button', { name: 'Keep my current settings' })).toBeVisible();
  await expect(page.getByTestId('recommended-gusto')).toContainText('Gusto: Everything / From Gusto');
  await expect(page.getByTestId('recommended-changes')).toContainText('Gusto’s Sync data: Client name → Everything');
  await expect(page.getByRole('button', { name: 'Use the recommended setup instead' })).toBeVisible();
  await check(page, '3-setup-reopened');

  // Straight to "Run it": nothing chosen in this pass, so nothing changes, and it says so plainly.
  await steps(page).getByRole('link', { name: 'Run it, done' }).click();
  await expect(currentStep(page)).toContainText('Run it');
  await expect(page.getByText('Your sync settings stay as they are:')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sync settings' })).toHaveText('Gusto: Client name / From Gusto');
  await expect(page.getByRole('list', { name: 'What changes' })).toHaveCount(0);
  await check(page, '5-run-reopened');
  await page.getByRole('button', { name: 'Run the first sync' }).click();
  await expect(page.getByRole('heading', { name: /You are set up|Your first sync is running/ })).toBeVisible({ timeout: 60_000 });

  await page.goto('/integrations');
  await expect(clientNameOnly).toBeChecked();
  await expect(gusto.getByRole('radio', { name: /^From Gusto( Not available)?$/ })).toBeChecked();
  // Only the first pass's setup was applied by the wizard (Gusto's Sync data, Nothing → Everything).
  await expect(page.getByTestId('settings-history').getByRole('row').filter({ hasText: 'Applied by the onboarding wizard' })).toHaveCount(1);
  await context.close();
});

test('"Keep my current settings", then the settings changed on Integrations in another tab: "Run it" on the older page is refused, naming the change; run again, the newer settings stay and the summary says nothing was applied', async ({
  browser,
}) => {
  test.slow();
  const { page, context } = await signUpIntoWizard(browser);
  await savePracticeStep(page, { takeBrowserZone: false });
  await connectXpmHere(page);
  // Left for later, the admin chooses on Integrations: Practice Sync the source, XPM kept up to date.
  await page.getByRole('button', { name: 'I’ll do this later' }).click();
  await page.goto('/integrations');
  const xpm = page.getByTestId('xpm-client-sync');
  await xpm.getByRole('radio', { name: /^Everything( Not available)?$/ }).check();
  await xpm.getByRole('radio', { name: /^To XPM( Not available)?$/ }).check();
  await xpm.getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
  await expect(page.getByTestId('xpm-sync-status')).toContainText('Saved.');
  await page.getByRole('button', { name: 'Open the setup wizard' }).click();
  await expect(currentStep(page)).toContainText('Connect your apps');
  await page.getByRole('button', { name: 'Continue' }).click();

  // The step is named for what it shows: the practice's own settings here, not a recommendation.
  await expect(page.getByRole('heading', { level: 2, name: 'Sync settings' })).toBeFocused();
  await expect(currentStep(page)).toContainText('Sync settings');
  await expect(page.getByTestId('current-xpm')).toContainText('XPM: Everything / To XPM');
  await check(page, '3-setup-keep');
  await page.getByRole('button', { name: 'Keep my current settings' }).click();
  await expect(currentStep(page)).toContainText('Preview your first sync');
  await expect(page.getByText('Continue to finish the setup: your sync settings stay as they are.')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(currentStep(page)).toContainText('Run it');
  await expect(page.getByText('Your sync settings stay as they are:')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sync settings' })).toHaveText('XPM: Everything / To XPM');

  // Another tab, Integrations: XPM gets client names only.
  const other = await context.newPage();
  await other.goto('/integrations');
  const otherXpm = other.getByTestId('xpm-client-sync');
  const clientNameOnly = otherXpm.getByRole('radio', { name: /^Client name( Not available)?$/ });
  await clientNameOnly.check();
  await otherXpm.getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
  await expect(other.getByTestId('xpm-sync-status')).toContainText('Saved.');

  // The first tab's Run step is from before: refused, naming the change, and drawn again as the settings now are.
  await page.getByRole('button', { name: 'Finish the setup' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'changed after this page loaded' })).toHaveText(
    'Your sync settings changed after this page loaded (on Integrations or in another tab): XPM’s Sync data: Everything → Client name. Nothing was applied and no sync started: check what this step shows now, then try again.',
  );
  await expect(page.getByRole('list', { name: 'Sync settings' })).toHaveText('XPM: Client name / To XPM');
  await expect(page.getByText('Your sync settings stay as they are:')).toBeVisible();
  await expect(currentStep(page)).toContainText('Run it');
  await check(page, '5-run-changed-meanwhile');
  await page.getByRole('button', { name: 'Finish the setup' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'You are set up' })).toBeVisible();
  // Nothing was applied: the summary does not say so.
  await expect(page.getByText('Your sync settings stay as they were.')).toBeVisible();
  await expect(page.getByText('Your sync settings are applied.')).toHaveCount(0);
  await check(page, '6-summary-kept');

  // Integrations: the other tab's choice stays, and the wizard wrote nothing.
  await other.reload();
  await expect(clientNameOnly).toBeChecked();
  await expect(otherXpm.getByRole('radio', { name: /^To XPM( Not available)?$/ })).toBeChecked();
  await expect(other.getByTestId('settings-history').getByRole('row').filter({ hasText: 'Applied by the onboarding wizard' })).toHaveCount(0);
  await context.close();
});

test('an author who reaches the wizard is told to ask an admin; signed out goes to sign-in', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/onboarding');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fonboarding/);
  await context.close();

  const author = await browser.newContext({ storageState: 'e2e/.auth/author.json' });
  const authorPage = await author.newPage();
  await authorPage.goto('/onboarding');
  await expect(authorPage.getByText(/Ask an admin of .+ to finish the setup/)).toBeVisible();
  await expect(authorPage.getByRole('navigation', { name: 'Setup steps' })).toHaveCount(0);
  await expectNoAxeViolations(authorPage);
  await author.close();
});

test('public files are served without sign-in: robots.txt keeps the app out of search engines, the manifest and icons exist', async ({ browser }) => {
  const context = await browser.newContext();
  const { request } = context;
  const page = await context.newPage();
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \//);
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.status()).toBe(200);
  const icons = ((await manifest.json()) as { icons: { src: string }[] }).icons;
  for (const icon of icons) expect((await request.get(icon.src)).status()).toBe(200);
  await page.goto('/sign-in');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await context.close();
});
