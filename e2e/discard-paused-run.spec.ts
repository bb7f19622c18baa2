import { expect, test } from '@playwright/test';
import { signUpPractice } from './fixtures';
import { lookAt } from './look-at';
import { tenLinkedClientsRenamedInXpm } from './mass-change-setup';

/**
 * Issue 12's other answer to a paused run: the admin discards it. Ten clients are linked to XPM
 * records that XPM then renames; with XPM the source the run pauses; discarded on its page (in
 * another tab, while the card says Sync now waits for it), the card says so at once; the run
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
  // Pressed again while it waits, the card points to the paused run; discarded in another tab
  // (or by another admin), the card says so without a reload, and that Sync now can run again.
  await page.getByTestId('xpm-sync-now').getByRole('button', { name: 'Sync now from XPM' }).click();
  const notice = page.getByTestId('xpm-sync-notice');
  await expect(notice).toContainText('A sync of XPM is already paused for review');
  await expect(notice.locator('xpath=ancestor::*[@aria-live="polite"]')).toHaveCount(1);
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
  const pausedHref = await page
    .getByTestId('xpm-last-run')
    .getByRole('link', { name: /Review the paused sync/ })
    .getAttribute('href');
  const review = await context.newPage();
  await review.goto(pausedHref!);
  await expect(review.getByTestId('run-status')).toHaveText('Needs review');
  await review.getByRole('button', { name: 'Discard this run' }).click();
  // The review's buttons go with the page's refresh: focus goes to what the page now says of the run, not to the page's body.
  const discarded = review.getByRole('status').filter({ hasText: 'nothing was applied' }).and(review.locator('#run-outcome'));
  await expect(discarded).toBeFocused();
  await lookAt(review, 'sync-run-discarded-focus');
  await expect(notice).toContainText('The paused sync of XPM was discarded: nothing was applied. Sync now can start a new sync.', { timeout: 30_000 });
  expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
  // The card's progress, which followed the paused run, says Discarded too, never "Cancelled";
  // it is what a screen reader hears, once: the notice is shown, not announced as well.
  await expect(page.getByTestId('xpm-sync-progress')).not.toContainText('Cancelled');
  await expect(progress.getByRole('status')).toHaveText('Discarded after it paused for review: nothing was applied.');
  await expect(progress.getByRole('status')).toHaveAttribute('aria-live', 'polite');
  await expect(notice.locator('xpath=ancestor-or-self::*[(@aria-live and @aria-live!="off") or @role="status" or @role="alert" or @role="log"]')).toHaveCount(0);
  await expect(page.getByTestId('xpm-last-run')).toContainText('Discarded after it paused for review: nothing was applied.');
  await lookAt(page, 'sync-now-discarded-elsewhere');
  await page.close();

  // "Discarded" as the page says it, never "Cancelled"; no duration, which would be the wait for review.
  await expect(review.getByTestId('run-status')).toHaveText('Discarded');
  await expect(review.locator('dt:text-is("Duration") + dd')).toHaveText('—');
  // Said as information, not as an error: discarding was the admin's choice.
  await expect(review.getByRole('status').filter({ hasText: 'Discarded after review: nothing was applied.' })).toBeVisible();
  const changed = review.getByRole('region', { name: /^Changed clients/ });
  await expect(changed).toContainText('No client was changed');
  await expect(changed).toContainText('The run was discarded after it paused for review: nothing was applied.');
  await expect(changed).not.toContainText('Nothing was read');
  // What it read was left because the run was discarded, not because it needed nothing.
  await expect(review.getByText(/Those not counted above/)).toHaveCount(0);
  await expect(review.getByRole('region', { name: /^Failed records/ })).toHaveText(/^Failed records\s*None\.$/);
  // Nothing to undo: the run changed nothing.
  await expect(review.getByRole('link', { name: 'Undo this run…' })).toHaveCount(0);
  await lookAt(review, 'sync-run-discarded');
  const runPath = new URL(review.url()).pathname;
  await review.goto('/sync-history');
  await expect(
    review
      .getByTestId('sync-history')
      .locator('tbody tr')
      .filter({ has: review.locator(`a[href="${runPath}"]`) }),
  ).toContainText('Discarded');

  await review.goto('/clients');
  await expect(review.getByRole('link', { name: chosen[0]!.name, exact: true })).toBeVisible();
  await expect(review.getByRole('link', { name: `${chosen[0]!.name} ${stamp}` })).toHaveCount(0);
  await context.close();
});
