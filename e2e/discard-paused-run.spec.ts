import { expect, test } from '@playwright/test';
import { openEndedRunFromCard } from './apps';
import { signUpPractice } from './fixtures';
import { lookAt } from './look-at';
import { tenLinkedClientsRenamedInXpm } from './mass-change-setup';

/**
 * Issue 12's other answer to a paused run: the admin discards it. Ten clients are linked to XPM
 * records that XPM then renames; with XPM the source the run pauses; discarded on its page, it
 * ends Discarded, applies nothing, and the page says so in every section (not "nothing was
 * read" or "every record read was applied", which describe a run that went ahead).
 */
test.use({ storageState: { cookies: [], origins: [] } });

test('a paused run the admin discards applies nothing, and its page says it was discarded', async ({ browser }) => {
  test.setTimeout(240_000);
  const { page, context } = await signUpPractice(browser);
  const { chosen, stamp } = await tenLinkedClientsRenamedInXpm(page, 760);

  // Sync now (or the scheduler's first run, if it got there first: the card follows either) pauses.
  await page.getByTestId('xpm-sync-now').getByRole('button', { name: 'Sync now from XPM' }).click();
  const progress = page.getByTestId('xpm-sync-progress');
  await expect(progress.getByRole('status')).toHaveText(/^Paused for review: .*nothing applied yet\.$/, { timeout: 60_000 });
  await openEndedRunFromCard(page, 'xpm');
  await expect(page.getByTestId('run-status')).toHaveText('Needs review');

  await page.getByRole('button', { name: 'Discard this run' }).click();
  // "Discarded" as the page says it, never "Cancelled"; no duration, which would be the wait for review.
  await expect(page.getByTestId('run-status')).toHaveText('Discarded');
  await expect(page.locator('dt:text-is("Duration") + dd')).toHaveText('—');
  // Said as information, not as an error: discarding was the admin's choice.
  await expect(page.getByRole('status').filter({ hasText: 'Discarded after review: nothing was applied.' })).toBeVisible();
  const changed = page.getByRole('region', { name: /^Changed clients/ });
  await expect(changed).toContainText('No client was changed');
  await expect(changed).toContainText('The run was discarded after it paused for review: nothing was applied.');
  await expect(changed).not.toContainText('Nothing was read');
  await expect(page.getByRole('region', { name: /^Failed records/ })).toHaveText(/^Failed records\s*None\.$/);
  // Nothing to undo: the run changed nothing.
  await expect(page.getByRole('link', { name: 'Undo this run…' })).toHaveCount(0);
  await lookAt(page, 'sync-run-discarded');
  const runUrl = page.url();
  await page.goto('/sync-history');
  await expect(
    page
      .getByTestId('sync-history')
      .locator('tbody tr')
      .filter({ has: page.locator(`a[href="${new URL(runUrl).pathname}"]`) }),
  ).toContainText('Discarded');

  await page.goto('/clients');
  await expect(page.getByRole('link', { name: chosen[0]!.name, exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: `${chosen[0]!.name} ${stamp}` })).toHaveCount(0);
  await context.close();
});
