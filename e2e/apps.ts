import { expect, type Page } from '@playwright/test';

/** Connects XPM through the sandbox's consent page (on its own origin, as Xero's is). */
export async function connectXpm(page: Page) {
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect XPM' }).click();
  await expect(page.getByRole('heading', { name: /wants to access your Xero Practice Manager/ })).toBeVisible();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page).toHaveURL(/\/integrations/);
}

/** Authorises one Gusto company (each Gusto grant reaches one company). */
export async function connectGustoCompany(page: Page, company: string) {
  await page.getByRole('button', { name: /^(Connect Gusto|Add another company)$/ }).click();
  await expect(page.getByRole('heading', { name: /Authorize/ })).toBeVisible();
  await page.getByRole('radio', { name: company, exact: true }).check();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page).toHaveURL(/\/integrations/);
}
