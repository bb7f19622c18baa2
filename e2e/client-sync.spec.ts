import { expect, type Locator, type Page, type Route, test } from '@playwright/test';
import { connectGustoCompany, connectXpm, syncEverythingFromGusto } from './apps';
import { expectNoAxeViolations } from './axe';
import { expectFocusShown } from './focus-shown';
import { addAuthorAndSignIn, signUpPractice } from './fixtures';

/**
 * Issue 12's client Sync section in a real browser: after a Gusto run the client's page says
 * where each value came from (app, run, time) with the field's recent change; a hand edit
 * reads "edited here by"; an admin unlinks Gusto and links it again by keyboard, searching
 * Gusto's directory with the picker's search; every step is in the link history; an author
 * sees the section read-only. Screenshots at 1280 and 390 px go to the test's output folder.
 */

const COMPANY = 'Garcia & Brown Architects';

function syncSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Sync', exact: true });
}

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // No page scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/**
 * Holds back the server's answers to the page's actions (POSTs with a Next-Action header) until
 * `release`, so a test can look at the page while an action is under way. `stop` once the
 * action's outcome is on the page (unrouting while the held request is still going on
 * would let Playwright answer it).
 */
async function holdActionAnswers(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = async (route: Route) => {
    const request = route.request();
    if (request.method() === 'POST' && request.headers()['next-action']) await released;
    await route.continue();
  };
  const clientPages = (url: URL) => url.pathname.startsWith('/clients/');
  await page.route(clientPages, held);
  return { release, stop: () => page.unroute(clientPages, held) };
}

/** Keyboard only: focus the control, then the key. */
async function pressOn(locator: Locator, key = 'Enter') {
  await locator.focus();
  await locator.press(key);
}

test('the Sync section shows where a value came from after a Gusto run; an admin unlinks and links again by keyboard; an author reads it', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  // The practice's own client for the company, written its own way, with no business number yet:
  // Gusto's EIN fills it. (A different number here would keep the run from linking them by
  // name at all: two businesses, as far as it can tell — lib/sync/engine/auto-link.ts.)
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Garcia and Brown Architects');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  const clientUrl = page.url();

  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  await connectGustoCompany(page, COMPANY);
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');
  await syncEverythingFromGusto(page);
  // The scheduler may start the first run itself within a minute: either way one run ends.
  const gusto = page.getByTestId('gusto-card');
  await gusto.getByRole('button', { name: 'Sync now from Gusto' }).click();
  await expect(gusto.getByTestId('gusto-sync-progress').getByRole('status')).toHaveText(/^Succeeded: 1 record read; /, { timeout: 45_000 });

  await test.step('where each value came from, after the run', async () => {
    await page.goto(clientUrl);
    const sync = syncSection(page);
    const links = sync.getByRole('list', { name: 'Links to apps' });
    const gustoLink = links.getByRole('listitem').filter({ hasText: 'Gusto:' });
    await expect(gustoLink).toContainText(`Gusto: “${COMPANY}” Linked`);
    await expect(gustoLink).toContainText('automatically');
    await expect(gustoLink).not.toContainText('Last synced Not yet');
    await expect(links.getByRole('listitem').filter({ hasText: 'XPM:' })).toContainText('XPM: not linked.');
    await expect(links.getByRole('button', { name: 'Link to XPM…' })).toBeVisible();

    // One line for the run, with one link to it (not one per field); the fields it changed are
    // counted there and listed once, below it, with their values.
    const fromGusto = sync.getByRole('listitem').filter({ hasText: /^From Gusto in a sync run, / });
    await expect(fromGusto).toHaveCount(1);
    await expect(fromGusto.getByRole('paragraph')).toHaveText(/^From Gusto in a sync run, .+: \d+ fields, changed as below\.$/);
    const runLink = fromGusto.getByRole('link', { name: 'sync run' });
    await expect(runLink).toHaveAttribute('href', /^\/sync-history\/[0-9a-f-]{36}$/);
    const changes = sync.getByRole('list', { name: 'Recent changes to Business number' });
    // The → is an icon (components/ui/inline-arrow.tsx); a screen reader hears "changed to".
    await expect(changes).toHaveText(/^Business number: empty\s+changed to 31-1042532$/);
    await expect(changes.getByRole('listitem').first().locator('svg[aria-hidden="true"]')).toHaveCount(1);
    // The change is the line's own run: its time and link are the line's, not repeated.
    await expect(changes.getByRole('link')).toHaveCount(0);
    await expect(sync.getByRole('link', { name: 'sync run' })).toHaveCount(1);
    // The Contacts card no longer repeats the Sync section's note.
    await expect(page.getByText('Fields not listed hold what was entered in Practice Sync.')).toHaveCount(1);
    await expectNoAxeViolations(page);
  });

  await test.step('a hand edit is the field’s new provenance', async () => {
    await page.goto(`${clientUrl}/edit`);
    await page.getByRole('textbox', { name: 'Business number' }).fill('98-7654321');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Changes saved.')).toBeVisible();
    await expect(
      syncSection(page)
        .getByRole('listitem')
        .filter({ hasText: /^Edited here by / })
        .getByRole('paragraph'),
    ).toHaveText(/^Edited here by Pat Owner, .+: Business number\.$/);
    // Its earlier change, by the Gusto run, keeps that run's time and link under the new line.
    await expect(syncSection(page).getByRole('list', { name: 'Recent changes to Business number' }).getByRole('link', { name: 'Gusto run' })).toHaveCount(1);
  });

  await test.step('unlink, then Link to… by keyboard with the picker’s search', async () => {
    const sync = syncSection(page);
    // Relink… looked first and closed with Escape: focus goes back to it (only a link change sends it
    // to the heading), and its search, by the client's name, finds no free company: Gusto's is linked here.
    const relink = sync.getByRole('button', { name: 'Relink to another Gusto record' });
    await pressOn(relink);
    const relinkDialog = page.getByRole('dialog', { name: `Relink ${COMPANY} to another Gusto record` });
    await expect(relinkDialog.getByRole('status')).toHaveText(`No unlinked Gusto companies match “${COMPANY}”.`);
    await page.keyboard.press('Escape');
    await expect(relinkDialog).toHaveCount(0);
    await expect(relink).toBeFocused();

    const unlink = sync.getByRole('button', { name: 'Unlink from Gusto' });
    await pressOn(unlink);
    const confirm = page.getByRole('alertdialog', { name: `Unlink Garcia & Brown Architects from Gusto?` });
    await expect(confirm).toContainText('Nothing is deleted');
    // The unlink's answer is held back: while it saves, the dialog has given focus back to Unlink,
    // which waits (aria-disabled) and keeps it, rather than dropping it to the page's body.
    const answered = await holdActionAnswers(page);
    await pressOn(confirm.getByRole('button', { name: 'Unlink' }));
    await expect(confirm).toHaveCount(0);
    await expect(unlink).toHaveAttribute('aria-disabled', 'true');
    await expect(unlink).toBeFocused();
    answered.release();
    await expect(page.getByRole('status').filter({ hasText: 'Unlinked from Gusto. Nothing was deleted.' })).toBeVisible();
    await answered.stop();
    // The Unlink button is gone: focus is on the section's heading, not lost to the page body.
    await expectFocusShown(sync.getByRole('heading', { name: 'Sync', exact: true }));
    // The client and its values stay.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(COMPANY);

    await pressOn(sync.getByRole('button', { name: 'Link to Gusto…' }));
    const dialog = page.getByRole('dialog', { name: `Link ${COMPANY} to Gusto` });
    const searchbox = dialog.getByRole('searchbox', { name: 'Search Gusto’s companies' });
    await expect(searchbox).toBeFocused();
    // It starts with the client's name, selected: typing replaces it.
    await expect(searchbox).toHaveValue(COMPANY);
    // The same search as Relink's a moment ago, asked again: the company just unlinked is free now.
    await expect(dialog.getByRole('status')).toHaveText(/^1 Gusto company found\./);
    await page.keyboard.type('Garcia');
    await expect(searchbox).toHaveValue('Garcia');
    await expect(dialog.getByRole('status')).toHaveText(/^1 Gusto company found\./);
    const choice = dialog.getByRole('list', { name: 'Matching Gusto companies' }).getByRole('button', { name: new RegExp(`^${COMPANY}`) });
    // The arrow keys move between the box and the results, as in the editor's picker; Tab too.
    await page.keyboard.press('ArrowDown');
    await expect(choice).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(searchbox).toBeFocused();
    // Back in the box, typing goes on from the query (it is not selected again).
    await page.keyboard.type(' ');
    await expect(searchbox).toHaveValue('Garcia ');
    await page.keyboard.press('Backspace');
    await expect(dialog.getByRole('status')).toHaveText(/^1 Gusto company found\./);
    await page.keyboard.press('Tab');
    await expect(choice).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(choice).toHaveAttribute('aria-pressed', 'true');
    // Before Link is pressed, which way values will go (Gusto is Everything / From Gusto here).
    await expect(dialog.getByTestId('link-effect')).toHaveText('Gusto’s next sync brings its values in, replacing what differs here.');
    await expectNoAxeViolations(page);
    await screenshots(page, 'client-sync-link-dialog');
    // Link waits while it saves, keeping focus in the dialog (not on the page's body).
    const linkAnswered = await holdActionAnswers(page);
    const link = dialog.getByRole('button', { name: 'Saving…' });
    await pressOn(dialog.getByRole('button', { name: 'Link', exact: true }));
    await expect(link).toHaveAttribute('aria-disabled', 'true');
    await expect(link).toBeFocused();
    linkAnswered.release();
    await expect(page.getByRole('status').filter({ hasText: 'Linked to Gusto. Gusto’s next sync brings its values in, replacing what differs here.' })).toBeVisible();
    await linkAnswered.stop();
    await expectFocusShown(sync.getByRole('heading', { name: 'Sync', exact: true }));
    await expect(sync.getByRole('list', { name: 'Links to apps' }).getByRole('listitem').filter({ hasText: 'Gusto:' })).toContainText('by Pat Owner');

    const history = sync.getByRole('list', { name: 'Link history' });
    await expect(history.getByRole('listitem')).toHaveText([
      /: Pat Owner linked Gusto’s “Garcia & Brown Architects”\.$/,
      /: Pat Owner unlinked Gusto’s “Garcia & Brown Architects”\.$/,
      /: A Gusto sync run linked Gusto’s “Garcia & Brown Architects” \(same name\)\. See the run$/,
    ]);
    await expectNoAxeViolations(page);
    await screenshots(page, 'client-sync-admin');
  });

  await test.step('Link to XPM, then Relink to another XPM record, by keyboard: focus lands on the Sync heading each time', async () => {
    const sync = syncSection(page);
    const heading = sync.getByRole('heading', { name: 'Sync', exact: true });
    const xpmLink = sync.getByRole('list', { name: 'Links to apps' }).getByRole('listitem').filter({ hasText: 'XPM:' });
    /** In the open dialog, by keyboard: searches XPM for "Ha", chooses the first client found, and returns its name. */
    const chooseFirstFound = async (dialog: Locator) => {
      await expect(dialog.getByRole('searchbox', { name: 'Search XPM’s clients' })).toBeFocused();
      await page.keyboard.type('Ha');
      await expect(dialog.getByRole('status')).toHaveText(/^\d+ XPM clients? found\./);
      await page.keyboard.press('ArrowDown');
      const choice = dialog.getByRole('list', { name: 'Matching XPM clients' }).getByRole('button').first();
      await expect(choice).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(choice).toHaveAttribute('aria-pressed', 'true');
      return (await choice.locator('span').first().innerText()).replace(/\s*\(prospect\)$/, '').trim();
    };

    await pressOn(sync.getByRole('button', { name: 'Link to XPM…' }));
    const linkDialog = page.getByRole('dialog', { name: `Link ${COMPANY} to XPM` });
    const first = await chooseFirstFound(linkDialog);
    await pressOn(linkDialog.getByRole('button', { name: 'Link', exact: true }));
    await expect(xpmLink).toContainText(`XPM: “${first}”`);
    // Link to XPM… is gone with the change: focus is on the heading, not lost to the page's body.
    await expect(heading).toBeFocused();

    // Relink… stays on the page after the change: the dialog must not give focus back to it, so it goes on to the heading too.
    await pressOn(sync.getByRole('button', { name: 'Relink to another XPM record' }));
    const relinkDialog = page.getByRole('dialog', { name: `Relink ${COMPANY} to another XPM record` });
    const second = await chooseFirstFound(relinkDialog);
    expect(second).not.toBe(first);
    await pressOn(relinkDialog.getByRole('button', { name: 'Relink', exact: true }));
    await expect(page.getByRole('status').filter({ hasText: 'Relinked to another XPM record.' })).toBeVisible();
    await expect(xpmLink).toContainText(`XPM: “${second}”`);
    await expect(heading).toBeFocused();
  });

  await test.step('an author sees the section read-only', async () => {
    const { author, authorContext } = await addAuthorAndSignIn(page, browser);
    await author.goto(clientUrl);
    const sync = syncSection(author);
    await expect(sync.getByRole('list', { name: 'Links to apps' })).toContainText(`Gusto: “${COMPANY}” Linked`);
    await expect(sync).toContainText(/Edited here by Pat Owner, .+: Business number\./);
    await expect(sync.getByRole('button')).toHaveCount(0);
    await expectNoAxeViolations(author);
    await screenshots(author, 'client-sync-author');
    await authorContext.close();
  });
  await context.close();
});
