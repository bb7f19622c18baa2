import { expect, type Locator, test } from '@playwright/test';
import { signUpPractice } from './fixtures';
import { tenLinkedClientsRenamedInXpm } from './mass-change-setup';
import { lookAt } from './look-at';

/**
 * Issue 12: a manual run gets the mass-change guard's warning too and needs one more
 * confirmation. Ten clients are linked to XPM records that XPM then renames; with XPM the
 * source, "Sync now" reads the renames, pauses instead of applying, and the card says so and
 * links to the review; an admin approves there, in another tab, and the run applies while the
 * card's notice says so without a reload.
 */
test.use({ storageState: { cookies: [], origins: [] } });

/** The live regions an element is announced by: itself or an ancestor that is live (aria-live or a live role). */
const liveAround = (element: Locator) => element.locator('xpath=ancestor-or-self::*[(@aria-live and @aria-live!="off") or @role="status" or @role="alert" or @role="log"]');

test('Sync now that would overwrite every linked client pauses on the card until the admin approves it', async ({ browser }) => {
  test.setTimeout(240_000);
  const { page, context } = await signUpPractice(browser);
  const { chosen, stamp } = await tenLinkedClientsRenamedInXpm(page, 720);

  // Sync now (or the scheduler's first run, if it got there first: the card follows either) pauses.
  const card = page.getByTestId('xpm-sync-now');
  await card.getByRole('button', { name: 'Sync now from XPM' }).click();
  // Focus goes on from the button to what the press did: the new run's progress, or (the
  // scheduler's run got there first) the notice that says so; not to the page's body.
  await expect(page.locator(':focus')).toHaveAttribute('id', /^xpm-sync-(progress-label|notice)$/);
  const progress = page.getByTestId('xpm-sync-progress');
  await expect(progress.getByRole('status')).toHaveText(/^Paused for review: .*nothing applied yet\.$/, { timeout: 60_000 });
  // The card says it once: under Last sync, with the link to the review.
  await expect(progress.getByRole('link')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('xpm-last-run')).toContainText(/Paused for review: \d+ records to apply; nothing applied yet\./);
  await lookAt(page, 'sync-now-paused-card');
  // Pressed again while it waits: nothing new starts; the card points to the paused run.
  await card.getByRole('button', { name: 'Sync now from XPM' }).click();
  const notice = page.getByTestId('xpm-sync-notice');
  await expect(notice).toContainText('A sync of XPM is already paused for review: approve it to apply what Sync now would, or discard it.');
  await expect(notice).toBeFocused();
  const pausedHref = await page
    .getByTestId('xpm-last-run')
    .getByRole('link', { name: /Review the paused sync/ })
    .getAttribute('href');
  await expect(notice.getByRole('link', { name: 'View that run' })).toHaveAttribute('href', pausedHref!);
  // The answer to the press is announced.
  await expect(liveAround(notice)).toHaveCount(1);
  await expect(liveAround(notice)).toHaveAttribute('aria-live', 'polite');
  const history = await context.newPage();
  await history.goto('/sync-history');
  await expect(history.getByTestId('sync-history').locator('tbody tr').filter({ hasText: 'Needs review' })).toHaveCount(1);
  // Its counts in words: what waits for review, not "Read 0" beside zeros it has not done yet.
  await expect(history.getByTestId('sync-history').locator('tbody tr').filter({ hasText: 'Needs review' }).getByRole('cell').last()).toHaveText(
    /^\d+ records? to apply(, [\d,]+ skipped)?(, [\d,]+ failed)?; nothing applied yet$/,
  );
  await lookAt(history, 'history-paused');
  await history.close();
  // Nothing applied yet: the clients keep their names.
  const list = await context.newPage();
  await list.goto('/clients');
  await expect(list.getByRole('link', { name: chosen[0]!.name, exact: true })).toBeVisible();
  await list.close();

  // Approved in another tab (or by another admin): the card's notice stops saying the run waits,
  // without a reload, and says what became of it; the card follows the run to its end.
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
  const review = await context.newPage();
  await review.goto(pausedHref!);
  await expect(review.getByTestId('run-status')).toHaveText('Needs review');
  await expect(review.getByTestId('review-reason')).toHaveText('This sync needs a second look: it would overwrite values of 10 of 10 linked clients (100%).');
  // Its counts say what it read and what waits for review, not zeros under Created, Linked and Updated it has not done yet.
  const counts = review.getByTestId('run-counts');
  await expect(counts.getByRole('term')).toHaveText(['Read', 'To apply', 'Unchanged', 'Skipped', 'Failed']);
  await expect(counts.locator('dt:text-is("To apply") + dd')).not.toHaveText('0');
  await lookAt(review, 'sync-run-paused');
  // Approved by keyboard: where focus then goes must be seen as well as heard.
  await review.getByRole('button', { name: 'Approve and apply' }).focus();
  await review.keyboard.press('Enter');
  // The review's buttons go with the page's refresh: focus goes to the run's progress (or, had it
  // already ended, to the run's facts), not to the page's body.
  await expect(review.locator(':focus')).toHaveAttribute('id', /^(xpm-sync-progress-label|run-facts-title)$/);
  await lookAt(review, 'sync-run-approved');
  await expect(notice).toContainText(/^The paused sync of XPM was approved and (is running\.|has run: Last sync says how it went\.)/, { timeout: 30_000 });
  await expect(notice.getByRole('link', { name: 'View that run' })).toHaveAttribute('href', pausedHref!);
  // One voice for screen readers: the card's progress, which followed the run to its pause,
  // announces each phase of it now; the notice is shown, not announced too (each phase was heard twice).
  await expect(liveAround(notice)).toHaveCount(0);
  await expect(progress.getByRole('status')).toHaveAttribute('aria-live', 'polite');
  await expect(progress.getByRole('status')).toHaveText(/^(A sync of XPM is waiting to start\.|Reading XPM…|Applying changes from XPM\.|Succeeded: .+)$/);
  // Once it has run, the card says how under Last sync, and the notice no longer says it runs.
  await expect(page.getByTestId('xpm-last-run')).toContainText('Succeeded', { timeout: 60_000 });
  await expect(notice).toContainText('The paused sync of XPM was approved and has run: Last sync says how it went.');
  await expect(liveAround(notice)).toHaveCount(0);
  // The progress said how it ended (kept for screen readers once Last sync shows it).
  await expect(progress.getByRole('status')).toHaveText(/^Succeeded: /);
  expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
  await lookAt(page, 'sync-now-approved-elsewhere');
  // The review page followed the run too: once it ended, the page said how in the progress's
  // place, and focus, which was on the progress, went on to the run's facts, not to the body.
  await expect(review.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(review.getByTestId('xpm-sync-progress')).toHaveCount(0);
  const facts = review.getByRole('heading', { name: 'About this run' });
  await expect(facts).toBeFocused();
  // A sighted keyboard user sees where it went: the heading is shown (sr-only, it was a 1 px
  // box that toBeVisible still passes) and outlined as focus reached by keyboard is.
  await expect(facts).toBeVisible();
  const box = await facts.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(40);
  expect(box?.height ?? 0).toBeGreaterThan(10);
  expect(await facts.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  await expect(facts).toHaveCSS('outline-style', 'solid');
  await expect(facts).toHaveCSS('outline-width', '2px');
  await lookAt(review, 'sync-run-approved-ended');
  await expect(async () => {
    await review.reload();
    await expect(review.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  // Its time counts from the approval, not from before the wait for review.
  await expect(review.locator('dt:text-is("Duration") + dd')).toHaveText(/ after approval$/);
  await review.close();
  await page.goto('/clients');
  await expect(page.getByRole('link', { name: `${chosen[0]!.name} ${stamp}` })).toBeVisible();
  await context.close();
});
