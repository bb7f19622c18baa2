import { expect, type Page, test } from '@playwright/test';

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
