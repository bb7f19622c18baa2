import { expect, type Page, test } from '@playwright/test';
import { connectGustoCompany } from './apps';
import { signUpPractice } from './fixtures';

test.use({ storageState: { cookies: [], origins: [] } });
const COMPANY = 'Garcia & Brown Architects';

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/undo-shots/${name}-${width}.png`, fullPage: true });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    console.log(`${name} ${width}: scrolls sideways=${sideways}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('screenshots', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name *' }).fill('Garcia and Brown Architects');
  await page.getByRole('textbox', { name: 'Business number' }).fill('12-3456789');
  await page.getByRole('textbox', { name: 'Email' }).fill('office@garcia-and-brown-architects.example.com');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  const clientUrl = page.url();
  await page.goto('/integrations');
  await connectGustoCompany(page, COMPANY);
  const seconds = new Date().getUTCSeconds();
  if (seconds > 20) await page.waitForTimeout((61 - seconds) * 1000);
  await page.getByTestId('gusto-client-sync').getByRole('radio', { name: /^Everything( Not available)?$/ }).check();
  await page.getByTestId('gusto-client-sync').getByRole('button', { name: 'Save changes to Gusto sync settings' }).click();
  await expect(page.getByTestId('gusto-sync-status')).toContainText('Saved.');
  const gusto = page.getByTestId('gusto-card');
  await gusto.getByRole('button', { name: 'Sync now from Gusto' }).click();
  await expect(gusto.getByTestId('gusto-sync-progress').getByRole('status')).toHaveText(/^Succeeded/, { timeout: 45_000 });
  await gusto.getByTestId('gusto-sync-progress').getByRole('link', { name: 'View run' }).click();
  await expect(page.getByTestId('changed-clients')).toBeVisible();
  const runUrl = page.url();
  // A person edits the business number after the run.
  await page.goto(`${clientUrl}/edit`);
  await page.getByRole('textbox', { name: 'Business number' }).fill('99-9999999');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await page.goto(runUrl);
  await shots(page, 'run-page');
  await page.getByRole('link', { name: 'Undo this run…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Undo this run' })).toBeVisible();
  await shots(page, 'undo-preview');
  await page.getByRole('button', { name: 'Undo this run now' }).click();
  await expect(page.getByTestId('undo-outcome')).toBeVisible();
  await shots(page, 'undo-done');
  await page.getByRole('link', { name: 'View the undo run' }).click();
  await expect(page.getByTestId('changed-clients')).toBeVisible();
  await shots(page, 'undo-run-page');
  await page.goto('/sync-history');
  await shots(page, 'history');
  await context.close();
});
