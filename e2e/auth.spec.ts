import { type Browser, expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO, signUpPractice, signUpToWizard, unique } from './fixtures';
import { expectFocusShown } from './focus-shown';
import { lookAt } from './look-at';

/** Fills the sign-up form in a fresh context and returns where it lands and what it says. */
async function trySignUp(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-up');
  await page.getByLabel('Practice name').fill(unique('Someone Else Practice'));
  await page.getByLabel('Your name').fill('Sam Someone');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page).toHaveURL(/\/sign-in\?practice=ready/);
  const notice = await page.getByRole('status').innerText();
  const url = new URL(page.url());
  url.searchParams.delete('email');
  return { context, page, notice, path: url.pathname + url.search, prefilled: await page.getByLabel('Email').inputValue() };
}

test('a new practice signs up, sees its own empty shell, signs out and back in', async ({ browser }) => {
  const { page, email, practiceName, context } = await signUpPractice(browser);
  await expect(page.getByTestId('practice-name')).toHaveText(practiceName);
  await expect(page.getByText('Your practice is ready.')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Dashboard', 'Clients', 'Proposals', 'Integrations', 'Sync history', 'Members']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { name: 'No clients here yet' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/clients');
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/clients/);
  await expect(page.getByTestId('practice-name')).toHaveText(practiceName);
  await context.close();
});

test('sign-up answers a registered email exactly like a new one, creates nothing, and tells the owner at their next sign-in', async ({ browser }) => {
  // Three sign-ups and three sign-ins, each hashing a password: more than a minute on a busy 2-core machine.
  test.slow();
  const owner = await signUpPractice(browser);
  const [fresh, taken] = await Promise.all([
    trySignUp(browser, `${unique('fresh').replace(/\s+/g, '.').toLowerCase()}@example.com`, 'a-brand-new-password'),
    trySignUp(browser, owner.email, 'someone-elses-password'),
  ]);
  expect(taken.notice).toBe(
    'Sign in with the email and password you just chose to open your new practice. If that email already had an account, no new practice was made: sign in with that account’s own password.',
  );
  expect(taken.notice).toBe(fresh.notice);
  expect(taken.path).toBe(fresh.path);
  expect(taken.prefilled).toBe(owner.email);
  await fresh.context.close();

  // The stranger's password opens nothing: the account is unchanged.
  await taken.page.getByLabel('Password').fill('someone-elses-password');
  await taken.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(taken.page.locator('form [role=alert]')).toHaveText('That email and password do not match an account.');
  await taken.context.close();

  // The owner hears about it after signing in again, in their practice's words and time —
  // here through the same sign-up form (as an owner who forgot they had an account would),
  // which must not then greet them with "your practice is ready".
  const page = owner.page;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/sign-up');
  await page.getByLabel('Practice name').fill(unique('Forgot I Had One'));
  await page.getByLabel('Your name').fill('Pat Owner');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page).toHaveURL(/\/sign-in\?practice=ready/);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId('practice-name')).toHaveText(owner.practiceName);
  await expect(page.getByText('Your practice is ready.')).toHaveCount(0);
  const notices = page.getByRole('region', { name: 'Notices about your account' });
  await expect(notices).toContainText(/Someone tried to create a new practice with your email on .+\. If it wasn't you, you can ignore this; your account is unchanged\./);
  await expect(notices).toContainText(
    `If it was you: your email already belongs to ${owner.practiceName}, so no new practice was made. To run another practice, sign up with a different email.`,
  );
  await notices.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notices).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notices about your account' })).toHaveCount(0);
  await owner.context.close();
});

test('a copy of the session cookie taken before sign-out is refused after it', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.endsWith('authjs.session-token'))).toBe(true);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  expect((await thief.request.get('/api/client-search?q=a')).status()).toBe(200);
  const email = (await (await thief.request.get('/api/auth/session')).json()) as { user?: { email?: string } } | null;
  expect(email?.user?.email).toMatch(/@example\.com$/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  expect((await thief.request.get('/api/client-search?q=a')).status()).toBe(401);
  // Auth.js's own session endpoint no longer names the member either.
  expect(JSON.stringify(await (await thief.request.get('/api/auth/session')).json())).not.toContain('@example.com');
  const thiefPage = await thief.newPage();
  await thiefPage.goto('/clients');
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await thief.close();
  await context.close();
});

test('time zones go by their current names: a browser that says “Asia/Calcutta” is offered Asia/Kolkata', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, timezoneId: 'Asia/Calcutta' });
  const page = await context.newPage();
  await page.goto('/sign-up');
  const zone = page.getByLabel('Time zone');
  for (const current of ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho Chi Minh']) await expect(zone.locator('option').filter({ hasText: new RegExp(`^${current}$`) })).toHaveCount(1);
  for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon']) await expect(zone.locator(`option[value="${old}"]`)).toHaveCount(0);
  await expect(page.getByTestId('browser-zone-offer')).toContainText('Your browser is set to Asia/Kolkata.');
  await page.getByRole('button', { name: 'Use Asia/Kolkata' }).click();
  await expect(zone).toHaveValue('Asia/Kolkata');
  await context.close();
});

test('sign-up offers every time zone, and the browser’s with a button; the zone chosen is the practice’s', async ({ browser }) => {
  const { page, context } = await signUpToWizard(browser, unique('Berlin Practice'), {
    timezoneId: 'Europe/Berlin',
    onSignUpPage: async (signUp) => {
      const zone = signUp.getByLabel('Time zone');
      // The same list as the setup wizard's, not a dozen zones: Berlin is in it.
      await expect(zone).toHaveValue('Australia/Sydney');
      await expect(zone.locator('option[value="Europe/Berlin"]')).toHaveText('Europe/Berlin');
      await expect(zone.locator('option[value="America/Los_Angeles"]')).toHaveText('America/Los Angeles');
      const offer = signUp.getByTestId('browser-zone-offer');
      await expect(offer).toContainText('Your browser is set to Europe/Berlin.');
      await expectNoAxeViolations(signUp);
      await lookAt(signUp, 'sign-up-zone-offer');
      await offer.getByRole('button', { name: 'Use Europe/Berlin' }).press('Enter');
      await expect(zone).toHaveValue('Europe/Berlin');
      await expect(offer).toBeHidden();
      // The button left with the offer: focus is on the list, which reads out the zone now chosen.
      await expect(zone).toBeFocused();
    },
  });
  // The wizard's first step shows the practice's zone as saved at sign-up.
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
  await expect(page.getByTestId('browser-zone-offer')).toBeHidden();
  await context.close();
});

test('sign-up refuses bad input inline and keeps what was typed', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Practice name').fill('Kept Name Practice');
  await page.getByLabel('Your name').fill('Pat');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  // The error replaces the hint that says the same thing (not both at once).
  await expect(page.getByText('At least 10 characters.', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Practice name')).toHaveValue('Kept Name Practice');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});

test('wrong credentials never say whether the email exists, and repeated failures are throttled', async ({ page }) => {
  const message = 'That email and password do not match an account.';
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(`${unique('nobody').replace(/\s+/g, '')}@example.com`);
  await page.getByLabel('Password').fill('whatever-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form [role=alert]')).toHaveText(message);

  // A throwaway practice so throttling its owner cannot disturb other specs.
  const { email, context } = await signUpPractice(page.context().browser()!);
  await context.close();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('form [role=alert]')).toHaveText(message);
  }
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form [role=alert]')).toHaveText(/Too many sign-in attempts\. Try again in \d+ seconds?\./);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the demo author signs in and sees the practice', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(DEMO.author.email);
  await page.getByLabel('Password').fill(DEMO.author.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByText(DEMO.author.name, { exact: true })).toBeVisible();
  // Counts read as words: "1 admin, 1 author", never "1 admin(s)".
  await expect(page.getByText(/^\d[\d,]* admins?, \d[\d,]* authors?$/)).toBeVisible();
});

test('sign-up refused: focus goes to the first field to fix, with its error, and nothing typed is lost', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Pat Owner');
  await page.getByLabel('Email').fill('pat.focus@example.com');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create practice' }).click();
  // The practice name is missing: the first field in error, before the short password.
  const practiceName = page.getByLabel('Practice name');
  await expect(practiceName).toBeFocused();
  await expect(practiceName).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Your name')).toHaveValue('Pat Owner');
  await expect(page.getByLabel('Email')).toHaveValue('pat.focus@example.com');

  await practiceName.fill(unique('Focus Practice'));
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(practiceName).not.toHaveAttribute('aria-invalid', 'true');
  await context.close();
});

test('after sign-up, sign-in has focus in its first empty field, which is described by “Sign in with the email and password you just chose…”, so it is read', async ({
  browser,
}) => {
  // A trial: sign-up landed on sign-in with focus on the page's body, and its message (a live
  // region there as the page arrived) was not read.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const email = `${unique('arrival').replace(/\s+/g, '.').toLowerCase()}@example.com`;
  await page.goto('/sign-up');
  await page.getByLabel('Practice name').fill(unique('Arrival Practice'));
  await page.getByLabel('Your name').fill('Pat Owner');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sign-in\?practice=ready/);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  const password = page.getByLabel('Password');
  await expectFocusShown(password);
  await expect(password).toHaveAccessibleDescription(
    'Sign in with the email and password you just chose to open your new practice. If that email already had an account, no new practice was made: sign in with that account’s own password.',
  );
  await lookAt(page, 'sign-in-after-sign-up');
  await page.keyboard.type('correct-horse-battery');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/onboarding/);
  await context.close();

  // Without the email (a link opened by hand), the email field is the first empty one.
  const bare = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const bareSignIn = await bare.newPage();
  await bareSignIn.goto('/sign-in?practice=ready');
  const emailField = bareSignIn.getByLabel('Email');
  await expect(emailField).toBeFocused();
  await expect(emailField).toHaveAccessibleDescription(
    'Sign in with the email and password you just chose to open your new practice. If that email already had an account, no new practice was made: sign in with that account’s own password.',
  );
  // A plain visit to sign in has no message, and describes no field by one.
  await bareSignIn.goto('/sign-in');
  await expect(bareSignIn.getByLabel('Email')).toHaveAccessibleDescription('');
  await bare.close();
});
