import { type Browser, expect, type Page } from '@playwright/test';

export const DEMO = {
  admin: { email: 'admin@demo.practicesync.test', password: 'demo-admin-password', name: 'Alex Admin' },
  author: { email: 'author@demo.practicesync.test', password: 'demo-author-password', name: 'Avery Author' },
} as const;

export const ADMIN_STATE = 'e2e/.auth/admin.json';
export const AUTHOR_STATE = 'e2e/.auth/author.json';

export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

/**
 * The owner adds an author "Rory Reader" to their practice; the author signs in in a context of
 * their own (close it when done). For specs that check what authors may see.
 */
export async function addAuthorAndSignIn(owner: Page, browser: Browser) {
  const email = `${unique('reader').replace(/\s+/g, '')}@example.com`;
  await owner.goto('/settings/members/new');
  await owner.getByLabel('Name').fill('Rory Reader');
  await owner.getByLabel('Email').fill(email);
  await owner.getByLabel('Initial password').fill('a-long-initial-password');
  await owner.getByRole('button', { name: 'Add member' }).click();
  await expect(owner.getByText('Member added.')).toBeVisible();
  const authorContext = await browser.newContext();
  const author = await authorContext.newPage();
  await signIn(author, email, 'a-long-initial-password');
  return { author, authorContext };
}

/** Signs up a brand-new practice in a fresh context: specs that need isolation use their own. */
export async function signUpPractice(browser: Browser, practiceName = unique('Test Practice')) {
  const signedUp = await signUpToWizard(browser, practiceName);
  // A new practice's admin lands in the onboarding wizard (issue 13); these specs set up
  // their apps themselves, so they take its "I'll do this later" exit to the dashboard.
  await signedUp.page.getByRole('button', { name: 'I’ll do this later' }).click();
  await expect(signedUp.page).toHaveURL(/\/dashboard/);
  return signedUp;
}

/**
 * Signs up a brand-new practice and signs its owner in: they land in the onboarding wizard.
 * `timezoneId` is the browser's zone; `onSignUpPage` looks at or fills the form before it is sent.
 */
export async function signUpToWizard(
  browser: Browser,
  practiceName = unique('Test Practice'),
  { timezoneId, onSignUpPage }: { timezoneId?: string; onSignUpPage?: (page: Page) => Promise<void> } = {},
) {
  const context = await browser.newContext(timezoneId ? { timezoneId } : {});
  const page = await context.newPage();
  const email = `${unique('owner').replace(/\s+/g, '.').toLowerCase()}@example.com`;
  await page.goto('/sign-up');
  await onSignUpPage?.(page);
  await page.getByLabel('Practice name').fill(practiceName);
  await page.getByLabel('Your name').fill('Pat Owner');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create practice' }).click();
  // Sign-up answers alike for new and registered emails, so it signs no one in (issue 9):
  // it sends everyone to sign in with the email filled in.
  await expect(page).toHaveURL(/\/sign-in\?practice=ready/);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  return { context, page, email, practiceName };
}

/**
 * A client with just a name (and a business number, when given), made on New client: a client
 * of that very name already here is confirmed to be a different business, as a person would.
 * Returns the new client's page URL.
 */
export async function createClientNamed(page: Page, name: string, { businessNumber }: { businessNumber?: string } = {}): Promise<string> {
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  if (businessNumber) await page.getByRole('textbox', { name: 'Business number' }).fill(businessNumber);
  await page.getByRole('button', { name: 'Create client' }).click();
  const created = page.getByText('Client created.');
  const differentBusiness = page.getByRole('checkbox', { name: 'Save anyway — it is a different business' });
  await expect(created.or(differentBusiness)).toBeVisible();
  if (await differentBusiness.isVisible()) {
    await differentBusiness.check();
    await page.getByRole('button', { name: 'Create client' }).click();
  }
  await expect(created).toBeVisible();
  return page.url();
}
