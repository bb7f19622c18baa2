import { expect, test } from '@playwright/test';
import { DEMO, signUpPractice, unique } from './fixtures';

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

test('sign-up refuses bad input inline and keeps what was typed', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Practice name').fill('Kept Name Practice');
  await page.getByLabel('Your name').fill('Pat');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
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
});
