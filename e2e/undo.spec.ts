import { expect, type Locator, test } from '@playwright/test';
import { connectXpm, gustoSourceWithNamesake, openEndedRunFromCard, proposalWithPickedXpmClient, pushWebsiteEditToXpm } from './apps';
import { expectNoAxeViolations } from './axe';
import { addAuthorAndSignIn, signUpPractice, unique } from './fixtures';
import { lookAt } from './look-at';

/**
 * Issue 12, "Undo this run", in a real browser: a From-Gusto run links and updates a client
 * (preview → Sync now); Undo this run shows what it would restore, field by field; confirming
 * (by keyboard) puts the client's values back, removes the link the run made, announces the
 * result, and the history lists the undo as a run of its own. Specs that change data make their
 * own practice (STYLE.md), so this one signs up rather than using the shared demo practice.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const COMPANY = 'Garcia & Brown Architects';
const OURS = 'Garcia and Brown Architects';
const GUSTO_EIN = '31-1042532'; // the sandbox's deterministic seed

/** Focus is on `target`, and a sighted keyboard user sees it there: the app's :focus-visible outline. */
async function expectFocusedAndOutlined(target: Locator) {
  await expect(target).toBeFocused();
  await expect(target).toHaveCSS('outline-style', 'solid');
}

test('preview → Sync now → Undo this run: the client’s values are back, the link is removed, and the history lists the undo', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  // No business number here: a different one would keep the run from linking the two by name.
  const clientUrl = await gustoSourceWithNamesake(page, COMPANY, { name: OURS });
  await page.getByTestId('gusto-card').getByRole('link', { name: 'Preview what a sync from Gusto would do' }).click();
  await expect(page.getByTestId('preview-changes').getByRole('listitem')).toContainText('Would be linked by name');

  await page.goto('/integrations');
  const gusto = page.getByTestId('gusto-card');
  await gusto.getByRole('button', { name: 'Sync now from Gusto' }).click();
  await expect(gusto.getByTestId('gusto-sync-progress').getByRole('status')).toHaveText(/^Succeeded: 1 record read; 1 linked\.$/, { timeout: 45_000 });
  await openEndedRunFromCard(page, 'gusto');
  await expect(page.getByTestId('changed-clients')).toContainText(COMPANY);
  const runUrl = page.url();

  // By keyboard to Sync history and back to the run: each page takes focus on its heading,
  // outlined. Focus fell to the page's body, and a screen reader said nothing of where the person
  // now was (a trial).
  await page.getByRole('link', { name: 'Back to Sync history' }).focus();
  await page.keyboard.press('Enter');
  await expectFocusedAndOutlined(page.getByRole('heading', { level: 1, name: 'Sync history' }));
  await lookAt(page, 'history-opened-by-keyboard');
  await page
    .getByTestId('sync-history')
    .locator(`a[href="${new URL(runUrl).pathname}"]`)
    .focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(runUrl);
  const runHeading = page.getByRole('heading', { level: 1, name: 'Sync from Gusto' });
  await expectFocusedAndOutlined(runHeading);
  await lookAt(page, 'run-opened-by-keyboard');

  // By keyboard: the run page's "Undo this run…" opens the preview, its heading focused.
  const undoLink = page.getByRole('link', { name: 'Undo this run…' });
  await undoLink.focus();
  await page.keyboard.press('Enter');
  await expectFocusedAndOutlined(page.getByRole('heading', { level: 1, name: 'Undo this run' }));
  await lookAt(page, 'undo-preview-opened-by-keyboard');
  // "Back to the run" (changing nothing) brings focus back to the control that opened the preview.
  await page.getByRole('link', { name: 'Back to the run' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(runUrl);
  await expectFocusedAndOutlined(undoLink);
  await lookAt(page, 'run-back-from-undo-preview');
  await page.keyboard.press('Enter');
  await expectFocusedAndOutlined(page.getByRole('heading', { level: 1, name: 'Undo this run' }));
  await expect(page.getByText('Nothing changes until you confirm.')).toBeVisible();
  // The page's explanation is a note, read where the person reaches it: in a status region (a
  // trial) a screen reader read the whole paragraph out again with each update of the page.
  const explanation = page.getByTestId('undo-explanation');
  await expect(explanation).toContainText('No client is ever deleted');
  await expect(explanation).toHaveRole('note');
  const liveAboutTheUndo = page.getByRole('status').filter({ hasText: /No client is ever deleted|View the undo run/ });
  await expect(liveAboutTheUndo).toHaveCount(0);
  const counts = page.getByTestId('undo-counts');
  await expect(counts.getByRole('definition')).toHaveText(['1', /^[1-9]\d*$/, '0', '1']); // clients, fields restored, left alone, links removed
  const client = page.getByTestId('undo-clients').getByRole('listitem');
  await expect(client).toContainText('Link removed, client kept');
  const row = (label: string) => client.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  await expect(row('Name').getByRole('cell')).toHaveText([COMPANY, OURS]);
  await expect(row('Business number').getByRole('cell')).toHaveText([GUSTO_EIN, 'empty']);
  await expectNoAxeViolations(page);

  const confirm = page.getByRole('button', { name: 'Undo this run now' });
  await confirm.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toHaveText(/Undone\. 1 client changed back\. View the undo run/);
  await expect(confirm).toBeDisabled();
  await expect(page.getByText('Nothing changes until you confirm.')).toBeHidden();
  // The result takes focus (below a long list it would be out of sight), and the page, re-drawn
  // with nothing left to change back, says why its counts are now 0 rather than looking failed.
  await expect(page.locator('#undo-outcome')).toBeFocused();
  await expect(page.getByTestId('undo-last')).toHaveText(/^Undone by \S.*, \d.+\. View the undo run\. What follows is what undoing the run again would change now\.$/);
  await expect(counts.getByRole('definition')).toHaveText(['0', '0', '0', '0']);
  await expect(page.getByText('The undo already put everything back: there is nothing left to undo.')).toBeVisible();
  // Only the short outcome is live: not the explanation, nor "Undone by…" drawn above the list after it.
  await expect(liveAboutTheUndo).toHaveText([/^Undone\. 1 client changed back\./]);
  // …and keeps it once the page has re-drawn so.
  await expectFocusedAndOutlined(page.locator('#undo-outcome'));
  await expectNoAxeViolations(page);
  await lookAt(page, 'undo-after-confirm');

  // The undo run: its own page (its heading focused), what it restored, and which run it undoes.
  await page.getByTestId('undo-outcome').getByRole('link', { name: 'View the undo run' }).focus();
  await page.keyboard.press('Enter');
  await expectFocusedAndOutlined(page.getByRole('heading', { level: 1, name: 'Undo of a sync from Gusto' }));
  await expect(page.getByTestId('changed-clients').getByRole('listitem')).toContainText('Link removed: client kept');
  await expect(page.getByRole('region', { name: /^Failed records/ })).toContainText('None: nothing failed.');
  await expect(page.getByTestId('run-count-notes')).toHaveCount(0); // nothing left alone
  // An undo reads, creates and links nothing: its page shows the counts it keeps, in its words.
  await expect(page.getByTestId('run-counts').getByRole('term')).toHaveText(['Changed back', 'Already as before', 'Left alone', 'Failed']);
  await expect(page.getByTestId('run-counts').getByRole('definition')).toHaveText(['1', '0', '0', '0']);
  await expect(page.locator('dt:text-is("Run") + dd')).toHaveText('Undo of a sync from Gusto');
  const undone = page.getByTestId('changed-clients').getByRole('listitem');
  const undoneRow = (label: string) => undone.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  await expect(undoneRow('Name').getByRole('cell')).toHaveText([COMPANY, OURS]);
  await expect(page.getByRole('link', { name: 'an earlier run' })).toHaveAttribute('href', new URL(runUrl).pathname);
  // It can itself be undone.
  await expect(page.getByRole('link', { name: 'Undo this run…' })).toBeVisible();
  const undoRunUrl = page.url();

  // The client has its own values again.
  await page.goto(clientUrl);
  await expect(page.getByRole('heading', { level: 1, name: OURS })).toBeVisible();
  // …and says they were put back by the undo, not brought from Gusto.
  const putBack = page
    .getByRole('region', { name: 'Sync' })
    .getByRole('listitem')
    .filter({ hasText: /^Put back by an undo of a Gusto sync, / });
  await expect(putBack.getByRole('paragraph')).toHaveText(/: \d+ fields?, changed as below\.$/);
  await expect(putBack.getByRole('link', { name: 'undo' })).toHaveAttribute('href', /^\/sync-history\/[0-9a-f-]{36}$/);

  // The history lists the undo as a run, named as an undo with its counts in words (a trial read
  // "From Gusto … Updated 1" as a sync that changed a client).
  await page.goto('/sync-history');
  const undoRow = page.getByTestId('sync-history').locator('tbody tr').first();
  await expect(undoRow.getByRole('cell').nth(0)).toHaveText(/^Undo of a sync from Gusto\s*Undo by /);
  await expect(undoRow.getByRole('cell').last()).toHaveText('1 client changed back');
  // The run it undid says so under its status: its "Linked 1" no longer stands.
  const undoneRunRow = page
    .getByTestId('sync-history')
    .locator('tbody tr')
    .filter({ has: page.locator(`a[href="${new URL(runUrl).pathname}"]`) });
  await expect(undoneRunRow.getByRole('cell').nth(2)).toHaveText(/^Succeeded\s*Undone$/);
  await lookAt(page, 'history-with-undo');
  // The Gusto card's last run is the undo, and says so.
  await page.goto('/integrations');
  await expect(page.getByTestId('gusto-last-run')).toContainText('Undo of a sync from Gusto succeeded: 1 client changed back.');
  await lookAt(page, 'card-after-undo');

  // The undone run's page links to its undo; an author cannot undo.
  await page.goto(runUrl);
  await expect(page.getByText('Undone by')).toBeVisible();
  await expect(page.locator('dt:text-is("Undone by") + dd')).toHaveText(/^\S.*, \d{1,2} \w{3} \d{4}, /); // who, then when
  const { author, authorContext } = await addAuthorAndSignIn(page, browser);
  await author.goto(runUrl);
  await expect(author.getByText('Only practice admins can undo a run.')).toBeVisible();
  await author.goto(`${new URL(runUrl).pathname}/undo`);
  await expect(author).toHaveURL(/\/dashboard(\?denied=admin)?$/);
  await authorContext.close();

  // Undone in turn, the undo's undo says what it undid — an undo, not the sync (it puts back
  // what the sync did): on its page, in the history and on the card.
  await page.goto(undoRunUrl);
  await page.getByRole('link', { name: 'Undo this run…' }).click();
  await page.getByRole('button', { name: 'Undo this run now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
  await page.getByTestId('undo-outcome').getByRole('link', { name: 'View the undo run' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Undo of an undo of a sync from Gusto' })).toBeVisible();
  await expect(page.locator('dt:text-is("Run") + dd')).toHaveText('Undo of an undo of a sync from Gusto');
  await expect(page.getByRole('link', { name: 'an earlier undo' })).toHaveAttribute('href', new URL(undoRunUrl).pathname);
  await lookAt(page, 'undo-of-undo-run');
  await page.goto('/sync-history');
  await expect(page.getByTestId('sync-history').locator('tbody tr').first().getByRole('cell').nth(0)).toHaveText(/^Undo of an undo of a sync from Gusto\s*Undo by /);
  await lookAt(page, 'history-with-undo-of-undo');
  await page.goto('/integrations');
  await expect(page.getByTestId('gusto-last-run')).toContainText('Undo of an undo of a sync from Gusto succeeded: ');
  await context.close();
});

test('undoing a To-XPM run sends XPM its earlier value as a new run; the client here keeps its own', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/);
  const name = await proposalWithPickedXpmClient(page, unique('Undo To XPM'));
  const { website, clientUrl } = await pushWebsiteEditToXpm(page, name, 'undone');

  await page.getByRole('link', { name: 'Undo this run…' }).click();
  await expect(page.getByText(/The values XPM had before the run are sent back to XPM as a new sync/)).toBeVisible();
  const row = page
    .getByTestId('undo-clients')
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Website', exact: true }) });
  await expect(row.getByRole('cell').first()).toHaveText(website);
  await expect(page.getByRole('columnheader', { name: 'In XPM now' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Undo this run now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toHaveText(/Undone\. 1 client changed back\./);
  await page.getByTestId('undo-outcome').getByRole('link', { name: 'View the undo run' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Undo of a sync to XPM' })).toBeVisible();
  const sent = page.getByTestId('changed-clients').getByRole('listitem');
  await expect(sent.getByText('Sent to XPM', { exact: true })).toBeVisible();
  await expect(
    sent
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Website', exact: true }) })
      .getByRole('cell')
      .first(),
  ).toHaveText(website);

  // The client here keeps the value it was edited to.
  await page.goto(clientUrl);
  // In the client's details (the undo's send to XPM is on its run's page, not among the client's own changes).
  await expect(page.getByRole('definition').filter({ hasText: website })).toBeVisible();
  await context.close();
});

test('one undo preview open in two tabs: the second confirm is refused, names who undid the run and when, links that undo, and makes no second run', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  await gustoSourceWithNamesake(page, COMPANY, { name: OURS });
  await page.goto('/integrations');
  const gusto = page.getByTestId('gusto-card');
  await gusto.getByRole('button', { name: 'Sync now from Gusto' }).click();
  await expect(gusto.getByTestId('gusto-sync-progress').getByRole('status')).toHaveText(/^Succeeded: 1 record read; 1 linked\.$/, { timeout: 45_000 });
  await openEndedRunFromCard(page, 'gusto');
  const runUrl = page.url();
  const runPath = new URL(runUrl).pathname;

  // Both tabs show the preview before either confirms.
  const first = page;
  await first.goto(`${runPath}/undo`);
  const second = await context.newPage();
  await second.goto(`${runPath}/undo`);
  await expect(second.getByRole('button', { name: 'Undo this run now' })).toBeEnabled();

  await first.getByRole('button', { name: 'Undo this run now' }).click();
  await expect(first.getByTestId('undo-outcome')).toHaveText(/^Undone\. 1 client changed back\. View the undo run$/);
  const undoHref = await first.getByTestId('undo-outcome').getByRole('link', { name: 'View the undo run' }).getAttribute('href');
  expect(undoHref).toMatch(/^\/sync-history\/[0-9a-f-]{36}$/);

  // The second tab's confirm, by keyboard: refused in words, with the undo that came first.
  const confirm = second.getByRole('button', { name: 'Undo this run now' });
  await confirm.focus();
  await second.keyboard.press('Enter');
  const refused = second.getByTestId('undo-already');
  await expect(refused).toHaveText(/^This run was already undone by Pat Owner at \d{1,2} \w{3} \d{4}, .+\. Nothing more was changed\. View the undo run$/);
  await expect(refused.getByRole('link', { name: 'View the undo run' })).toHaveAttribute('href', undoHref!);
  await expect(second.getByTestId('undo-outcome')).toHaveCount(0); // no "Undone. 0 clients changed back."
  await expect(confirm).toBeDisabled();
  // Focus on the message (a live region, read in full once focused), outlined.
  await expectFocusedAndOutlined(second.locator('#undo-outcome'));
  await expect(second.getByRole('status').filter({ hasText: 'already undone' })).toBeVisible();
  await expectNoAxeViolations(second);
  await lookAt(second, 'undo-second-tab-refused');

  // One undo in the history and on the run's page.
  await second.goto('/sync-history');
  await expect(second.getByTestId('sync-history').locator('tbody tr').filter({ hasText: 'Undo of a sync from Gusto' })).toHaveCount(1);
  await second.goto(runUrl);
  await expect(second.locator('dt:text-is("Undone by") + dd').getByRole('link')).toHaveCount(1);
  await expect(second.locator('dt:text-is("Undone by") + dd').getByRole('link')).toHaveAttribute('href', undoHref!);
  await context.close();
});
