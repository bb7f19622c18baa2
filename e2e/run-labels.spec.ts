import { expect, type Page, test } from '@playwright/test';
import { connectGustoCompany, gustoCompanyOfItsOwn, openEndedRunFromCard, syncEverythingFromGusto } from './apps';
import { expectNoAxeViolations } from './axe';
import { signUpPractice } from './fixtures';
import { lookAt } from './look-at';

/**
 * What a run's trigger and Read say, as a user trial read them: a run an admin's settings save
 * started at once named no one ("Scheduled" a minute after turning the sync on), and "Sync now"
 * a minute after the last run, with nothing changed in Gusto, said its companies "were new or
 * changed". Gusto is read in full every run; the page says so.
 */

const READ_IN_FULL =
  'Read: 1 record was read from Gusto: a sync reads each of its Gusto companies in full, changed or not. Those not counted above needed nothing from this run: they match no client here, so they stay in Gusto’s directory (the client picker finds them, and an admin can link them from a client’s page), or what changed in them is not something this sync brings.';

/** The Gusto run in Sync history once the scheduler has started it (its tick is every minute). */
async function firstGustoRun(page: Page) {
  const row = page
    .getByTestId('sync-history')
    .locator('tbody tr')
    .filter({ has: page.getByText('From Gusto', { exact: true }) });
  await expect(async () => {
    await page.goto('/sync-history');
    await expect(row.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 100_000 });
  return row.first();
}

test('a run an admin’s save started names them; a Gusto run’s Read says each company is read in full, changed or not, on Sync now a minute later too', async ({ browser }) => {
  // Waits for a scheduler tick (every minute) and a run, then Sync now.
  test.slow();
  const { page, context } = await signUpPractice(browser);
  const company = await gustoCompanyOfItsOwn(page, 6);
  await page.goto('/integrations');
  await connectGustoCompany(page, company.name);
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');
  // Turning From Gusto on makes its daily sync due at once: the next tick starts it.
  await syncEverythingFromGusto(page);

  const row = await firstGustoRun(page);
  await expect(row).toContainText('Settings saved by Pat Owner');
  await expect(row).not.toContainText('Scheduled');
  await row.getByRole('link').click();
  await expect(page.getByTestId('run-counts')).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Trigger' }).locator('xpath=following-sibling::dd')).toHaveText('Settings saved by Pat Owner');
  // Wait for it to end: the Read note is said once the run has ended.
  await expect(page.getByTestId('run-count-notes')).toHaveText(READ_IN_FULL, { timeout: 60_000 });
  await expectNoAxeViolations(page);
  await lookAt(page, 'run-labels-settings-saved');

  // Sync now, nothing changed in Gusto: the same company read again, said as such — not "new or changed".
  await page.goto('/integrations');
  await page.getByTestId('gusto-card').getByRole('button', { name: 'Sync now from Gusto' }).click();
  await openEndedRunFromCard(page, 'gusto');
  await expect(page.getByRole('term').filter({ hasText: 'Trigger' }).locator('xpath=following-sibling::dd')).toHaveText('Sync now by Pat Owner');
  await expect(page.getByTestId('run-count-notes')).toHaveText(READ_IN_FULL);
  await expect(page.getByText(/new or changed/)).toHaveCount(0);
  await lookAt(page, 'run-labels-sync-now');
  await page.goto('/sync-history');
  await lookAt(page, 'run-labels-history');
  await context.close();
});
