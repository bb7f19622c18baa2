import { expect, type Page, test } from '@playwright/test';
import { connectXpm, proposalWithPickedXpmClient, pushWebsiteEditToXpm } from './apps';
import { signUpPractice, unique } from './fixtures';

/**
 * Issue 11, first bullet, in a real browser: with XPM set to Everything / To XPM, an admin
 * edits a client linked to XPM and, within a minute and without pressing anything else, the
 * run appears in Sync history as "To XPM", started by the edit, with the field sent.
 */
test.use({ storageState: { cookies: [], origins: [] } });

function option(page: Page, label: string) {
  return page.getByTestId('xpm-client-sync').getByRole('radio', { name: new RegExp(`^${label}( Not available)?$`) });
}

test('an edit to a linked client goes to XPM by itself and shows in Sync history with the field sent', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/);

  // A client linked to XPM, as the picker makes one: pick an XPM client for a proposal and save.
  const name = await proposalWithPickedXpmClient(page, unique('To XPM'));

  // XPM: Everything / To XPM; the edit; within a minute, a To-XPM run started by the edit.
  const { website } = await pushWebsiteEditToXpm(page, name, 'pushed');
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded');
  const changed = page.getByTestId('changed-clients').getByRole('listitem');
  await expect(changed).toHaveCount(1);
  await expect(changed.getByText('Sent to XPM', { exact: true })).toBeVisible();
  const row = changed.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Website', exact: true }) });
  await expect(row).toContainText(website);
  await expect(changed.getByRole('columnheader', { name: 'In XPM before' })).toBeVisible();

  // Switched to From XPM (Sync data Nothing, so no run of that direction comes along): the card's
  // Last sync is still that To XPM run, and says so rather than pass it off as a From XPM one.
  await page.goto('/integrations');
  await option(page, 'Nothing').check();
  await option(page, 'From XPM').check();
  await page.getByTestId('xpm-client-sync').getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
  await expect(page.getByTestId('xpm-sync-status')).toContainText('Saved.');
  await expect(page.getByTestId('xpm-last-run')).toContainText(/To XPM, before the direction was switched\. Succeeded: /);
  await context.close();
});
