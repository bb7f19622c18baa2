import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type Request, test } from '@playwright/test';
import { addAuthorAndSignIn, AUTHOR_STATE, createClientNamed, signUpPractice, unique } from './fixtures';
import { connectGustoCompany, connectXpm } from './apps';
import { expectFocusShown } from './focus-shown';
import { lookAt } from './look-at';
import { SANDBOX_URL } from './secrets';

/**
 * Proposals and the client picker, driven BY KEYBOARD ONLY: focus moves with Tab or lands
 * where the app puts it, and everything is done with typing, arrows, Enter and Escape.
 * (`focus()` is used only to start on a named control instead of counting Tab presses.)
 *
 * Most specs use the demo practice's own clients; those that pick XPM clients or Gusto
 * companies sign up a practice of their own and connect the app through the sandbox.
 */
test.use({ storageState: AUTHOR_STATE });

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function press(locator: Locator, key = 'Enter') {
  await locator.focus();
  await locator.page().keyboard.press(key);
}

async function startProposal(page: Page, title: string) {
  await page.goto('/proposals');
  await press(page.getByRole('link', { name: 'New proposal' }));
  await expect(page).toHaveURL(/\/proposals\/new$/);
  // The title field has focus on a new proposal.
  await expect(page.getByRole('textbox', { name: 'Title' })).toBeFocused();
  // The search loads just after the page (it is kept out of the first-load JavaScript).
  await expect(page.getByRole('combobox', { name: 'Find a client' })).toBeVisible();
  await page.keyboard.type(title);
}

/** A new proposal with only a title, created with Ctrl+S; returns its page's address. */
async function createTitledProposal(page: Page, title: string): Promise<string> {
  await startProposal(page, title);
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Proposal saved.')).toBeVisible();
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  return page.url();
}

/** From a new line's description (where focus lands): description, Tab, quantity, Tab, unit price. */
async function typeServiceLine(page: Page, description: string, quantity: string, unitPrice: string) {
  await page.keyboard.type(description);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(quantity);
  await page.keyboard.press('Tab');
  await page.keyboard.type(unitPrice);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('write a proposal by keyboard: pick a client with arrows and Enter, add lines, save, reload, accept and see it locked', async ({ page }) => {
  const title = unique('Annual compliance');
  await startProposal(page, title);
  // The title is named "Title" and said to be required, not read as "Title star".
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveAttribute('aria-required', 'true');

  // Tab from the title into the picker and type part of a client's name.
  await page.keyboard.press('Tab');
  const picker = page.getByRole('combobox', { name: 'Find a client' });
  await expect(picker).toBeFocused();
  await page.keyboard.type('kowhai land');
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.filter({ hasText: 'Kowhai Landscaping Limited' })).toBeVisible();
  await expect(page.getByText(/\d+ match(es)?: .*Practice Sync client/)).toBeAttached();
  await expectNoAxeViolations(page); // the editor with the picker open

  // A screen reader hears the highlighted option from the start, not only after an arrow key.
  const highlighted = page.locator('[role="option"][aria-selected="true"]');
  const announcedIsHighlighted = async () => {
    const id = await picker.getAttribute('aria-activedescendant');
    return id !== null && id === (await highlighted.getAttribute('id'));
  };
  await expect(highlighted).toHaveCount(1);
  await expect.poll(announcedIsHighlighted).toBe(true);

  // Arrow down to the second result and pick it with Enter.
  await page.keyboard.press('ArrowDown');
  await expect.poll(announcedIsHighlighted).toBe(true);
  const pickedName = (await highlighted.locator('span.font-medium').first().innerText()).trim();
  expect(pickedName).toMatch(/^Kowhai Landscaping/);
  await page.keyboard.press('Enter');
  const chosen = page.getByTestId('chosen-client');
  await expect(chosen).toContainText(pickedName);
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await expect(picker).not.toHaveAttribute('aria-activedescendant', /.*/); // nothing listed, nothing announced

  // Two service lines: focus lands in each new line's description.
  const addLine = page.getByRole('button', { name: 'Add service line' });
  await press(addLine);
  await expect(page.getByRole('textbox', { name: 'Line 1 Description' })).toBeFocused();
  await typeServiceLine(page, 'Annual tax return', '1', '1,250.00');
  await press(addLine);
  await expect(page.getByRole('textbox', { name: 'Line 2 Description' })).toBeFocused();
  await typeServiceLine(page, 'Advisory hours', '1.5', '220');
  await expect(page.getByLabel('Proposal total')).toHaveText('$1,580.00');
  // A line removed hands focus to a neighbour's description (the last one: the one before) and says so.
  await press(addLine);
  await expect(page.getByRole('textbox', { name: 'Line 3 Description' })).toBeFocused();
  await press(page.getByRole('button', { name: 'Remove line 3' }));
  await expect(page.getByRole('textbox', { name: 'Line 2 Description' })).toBeFocused();
  await expect(page.getByText('Line 3 removed.', { exact: true })).toHaveAttribute('aria-live', 'polite');

  // Reorder by keyboard: line 2 moves up and focus follows it.
  await press(page.getByRole('button', { name: 'Move line 2 up' }));
  await expect(page.getByRole('textbox', { name: 'Line 1 Description' })).toHaveValue('Advisory hours');
  await expect(page.getByRole('button', { name: 'Move line 1 down' })).toBeFocused();
  await expectNoAxeViolations(page);

  // Save with the keyboard shortcut; the address becomes the proposal's.
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Proposal saved.')).toBeVisible();
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  const proposalUrl = page.url();
  await expect(page.getByText('All changes saved')).toBeVisible();

  // Reload: everything kept. The tab is named after the proposal.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveTitle(`${title} · Practice Sync`);
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
  await expect(page.getByTestId('chosen-client')).toContainText(pickedName);
  await expect(page.getByRole('textbox', { name: 'Line 1 Description' })).toHaveValue('Advisory hours');
  await expect(page.getByRole('textbox', { name: 'Line 1 Quantity' })).toHaveValue('1.5');
  await expect(page.getByRole('textbox', { name: 'Line 1 Unit price ($)' })).toHaveValue('220.00');
  await expect(page.getByRole('textbox', { name: 'Line 2 Description' })).toHaveValue('Annual tax return');
  // Grouped as it was typed and as the totals show it (it came back "1250.00": a trial).
  await expect(page.getByRole('textbox', { name: 'Line 2 Unit price ($)' })).toHaveValue('1,250.00');
  await expect(page.getByLabel('Proposal total')).toHaveText('$1,580.00');

  // Mark as sent, then accept through the confirmation, all by keyboard.
  await expect(page.getByRole('button', { name: 'Mark as accepted' })).toHaveAttribute('aria-disabled', 'true');
  await press(page.getByRole('button', { name: 'Mark as sent' }));
  await expect(page.getByText('Marked as sent.')).toBeVisible();
  await press(page.getByRole('button', { name: 'Mark as accepted' }));
  const dialog = page.getByRole('alertdialog', { name: 'Accept this proposal?' });
  await expect(dialog).toContainText(pickedName);
  // The dialog asks who accepted for the client; its field has focus, and Enter accepts.
  await expect(dialog.getByRole('textbox', { name: 'Accepted by (client contact)' })).toBeFocused();
  await page.keyboard.type('Mere Kowhai, director');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Proposal accepted. Its content is now locked.')).toBeVisible();
  // In the practice's time zone, named, as on every page (the demo practice is in Sydney).
  await expect(
    page.getByText(
      new RegExp(
        `Accepted by Mere Kowhai, director for ${escapeRegExp(pickedName)} on \\d{1,2} \\w{3} \\d{4}, \\d{1,2}:\\d{2} [ap]m AE[DS]T, recorded by Avery Author\\. The content is locked`,
      ),
    ),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveAttribute('readonly', '');
  await expect(page.getByRole('button', { name: 'Save proposal' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Find a client' })).toHaveCount(0);

  // Still locked after a reload; the list shows it accepted with its total.
  await page.reload();
  await expect(page.getByText(/The content is locked/)).toBeVisible();
  await page.goto(`/proposals?q=${encodeURIComponent(title)}`);
  const row = page.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Accepted');
  await expect(row).toContainText('$1,580.00');
  await expect(row).toContainText(pickedName);
  expect(proposalUrl).toMatch(/\/proposals\//);
});

test('a proposal is accepted only after it was sent, and only with a service line: each button says so before it is pressed', async ({ page }) => {
  await startProposal(page, unique('Acceptance rules'));
  await page.keyboard.press('Tab');
  await page.keyboard.type('kowhai land');
  await expect(page.getByRole('listbox').getByRole('option').filter({ hasText: 'Kowhai Landscaping' }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chosen-client')).toContainText('Kowhai Landscaping');
  await page.keyboard.press('Control+s');
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);

  // No lines ($0): nothing to send, and a draft is never accepted directly.
  const send = page.getByRole('button', { name: 'Mark as sent' });
  const accept = page.getByRole('button', { name: 'Mark as accepted' });
  await expect(send).toHaveAttribute('aria-disabled', 'true');
  await expect(send).toHaveAccessibleDescription('Add at least one service line and save before marking as sent.');
  await expect(accept).toHaveAttribute('aria-disabled', 'true');
  await expect(accept).toHaveAccessibleDescription('Mark the proposal as sent first: the client accepts a proposal they have received.');
  await press(accept);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await press(page.getByRole('button', { name: 'Add service line' }));
  await typeServiceLine(page, 'Bookkeeping', '1', '300');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(send).not.toHaveAttribute('aria-disabled', 'true');
  await expect(accept).toHaveAttribute('aria-disabled', 'true');
  await press(send);
  await expect(page.getByText('Marked as sent.')).toBeVisible();
  await expect(accept).not.toHaveAttribute('aria-disabled', 'true');
  await press(accept);
  const dialog = page.getByRole('alertdialog', { name: 'Accept this proposal?' });
  const acceptedBy = dialog.getByRole('textbox', { name: 'Accepted by (client contact)' });
  await expect(acceptedBy).toBeFocused();
  // Escape closes it and focus goes back to the button, not to the page.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(accept).toBeFocused();
  await press(accept);
  await expect(acceptedBy).toBeFocused();

  // Who accepted for the client is asked, not assumed: an empty name is refused in the dialog.
  await press(dialog.getByRole('button', { name: 'Accept proposal' }));
  await expect(dialog).toBeVisible();
  await expect(acceptedBy).toHaveAttribute('aria-invalid', 'true');
  await expect(acceptedBy).toHaveAccessibleDescription(/Type the name of the person who accepted for the client\./);
  await expect(acceptedBy).toBeFocused();
  await expectNoAxeViolations(page);
  await lookAt(page, 'proposal-accept-dialog');
  await page.keyboard.type('Tama Kowhai');
  await expect(acceptedBy).not.toHaveAttribute('aria-invalid', 'true');
  await press(dialog.getByRole('button', { name: 'Accept proposal' }));
  await expect(page.getByText('Proposal accepted. Its content is now locked.')).toBeVisible();

  // The status names who accepted for the client, and separately the member who recorded it.
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status.getByRole('term')).toContainText(['Sent', 'Accepted', 'Recorded by']);
  await expect(status.getByRole('definition').filter({ hasText: /by Tama Kowhai$/ })).toBeVisible();
  await expect(status.getByRole('definition').filter({ hasText: /^Avery Author$/ })).toBeVisible();
  await expect(page.getByText(/Accepted by Tama Kowhai for Kowhai Landscaping Ltd on .*, recorded by Avery Author\./)).toBeVisible();
  await expectNoAxeViolations(page);
  await lookAt(page, 'proposal-accepted');
});

test('a new client from the picker by keyboard: Enter on "Create client" right after typing creates it once the duplicate check ends', async ({ page }) => {
  // The duplicate check answers slowly, so the press below lands while it runs, every time.
  await page.route(/\/api\/client-search\/duplicates\?/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await startProposal(page, unique('New client by keyboard'));
  const name = unique('Zyxqv Quokka Labs');
  await page.keyboard.press('Tab');
  await page.keyboard.type(name);
  await expect(page.locator('[role="option"][aria-selected="true"]')).toContainText(`Create new client “${name}”`);
  await page.keyboard.press('Enter');
  const form = page.getByRole('region', { name: 'New client' });
  await expect(form.getByRole('textbox', { name: 'Client name' })).toBeFocused();
  // The email typed, then Tab to the button and Enter at once: quicker than the duplicate
  // check, which used to swallow the press (a trial's keyboard user saw nothing happen).
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${name.replace(/\W+/g, '.').toLowerCase()}@example.com`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Create client' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('chosen-client')).toContainText(name);
});

test('"Create new client" shows the likely duplicate first, and "Use this instead" picks it', async ({ page }) => {
  await startProposal(page, unique('Duplicate check'));
  await page.keyboard.press('Tab');
  await page.keyboard.type('Harbour Dental');
  await expect(page.getByRole('option', { name: /Create new client “Harbour Dental”/ })).toBeVisible();
  // Up from the first result wraps round to the last entry: "Create new client".
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[role="option"][aria-selected="true"]')).toContainText('Create new client');
  await page.keyboard.press('Enter');

  const form = page.getByRole('region', { name: 'New client' });
  await expect(form.getByRole('textbox', { name: 'Client name' })).toHaveValue('Harbour Dental');
  await expect(form.getByRole('textbox', { name: 'Client name' })).toBeFocused();
  const duplicates = form.getByRole('list', { name: 'Likely duplicates' });
  await expect(duplicates.getByText('Harbour Dental Pty Ltd', { exact: true })).toBeVisible();
  await expect(duplicates).toContainText('Matched on same name');
  await expect(form.getByRole('button', { name: 'Create anyway' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Saving while the form is open would drop the half-made client: refused, form kept.
  await page.keyboard.press('Control+s');
  const refusal = page.getByRole('alert').filter({ hasText: 'The proposal was not saved.' });
  await expect(refusal).toContainText('1 field needs attention:');
  await expect(refusal.getByRole('link', { name: 'Client' })).toBeVisible();
  await expect(refusal).toContainText('Finish the new client first: create it, or cancel the form.');
  await expect(form.getByRole('textbox', { name: 'Client name' })).toHaveValue('Harbour Dental');
  await expect(page).toHaveURL(/\/proposals\/new$/);

  // Each button's name starts with the words it shows (voice control: "click Use this instead"),
  // then names the record and where it is, so look-alikes in two sources differ.
  const useIt = form.getByRole('button', { name: 'Use this instead: Harbour Dental Pty Ltd (Practice Sync)', exact: true });
  await expect(useIt).toHaveText('Use this instead');
  await press(useIt);
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('chosen-client')).toContainText('Harbour Dental Pty Ltd');
  // Focus returns to the picker, not to the top of the page; Ctrl+S saves from there.
  await expect(page.getByRole('combobox', { name: 'Find a client' })).toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Proposal saved.')).toBeVisible();
});

test('"Create anyway" by keyboard keeps focus on the button while the client is created, then hands it to the picker', async ({ page }) => {
  const existing = unique('Zyxqv Kestrel Joinery');
  await createClientNamed(page, existing);
  // The create answers slowly, so the moment it is under way can be looked at, every time.
  await page.route('**/proposals/new', async (route) => {
    if (route.request().method() === 'POST' && route.request().headers()['next-action']) await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await startProposal(page, unique('Create anyway'));
  await page.keyboard.press('Tab');
  const typed = `${existing} Ltd`;
  await page.keyboard.type(typed);
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[role="option"][aria-selected="true"]')).toContainText(`Create new client “${typed}”`);
  await page.keyboard.press('Enter');
  const form = page.getByRole('region', { name: 'New client' });
  await expect(form.getByRole('list', { name: 'Likely duplicates' })).toContainText(existing);
  const createAnyway = form.getByRole('button', { name: 'Create anyway' });
  await createAnyway.focus();
  await page.keyboard.press('Enter');
  // While it is created the button says so and keeps focus: a disabled button dropped it to the
  // page's body, where a screen reader starts again from the top (a user trial).
  const creating = form.getByRole('button', { name: 'Creating…' });
  await expect(creating).toBeFocused();
  await expect(creating).toHaveAttribute('aria-disabled', 'true');
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('chosen-client')).toContainText(typed);
  await expect(page.getByRole('combobox', { name: 'Find a client' })).toBeFocused();
});

/** How many live regions (aria-live, or role status, alert or log) hold `locator`: each message should be in exactly one. */
async function liveRegionsHolding(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    let count = 0;
    for (let node: Element | null = element; node; node = node.parentElement) {
      if (node.hasAttribute('aria-live') || ['status', 'alert', 'log'].includes(node.getAttribute('role') ?? '')) count += 1;
    }
    return count;
  });
}

/** Opens "Create new client" for a name no client has; returns the form and its fields. */
async function openNewClientForm(page: Page, title: string) {
  await startProposal(page, unique(title));
  await page.keyboard.press('Tab');
  const name = unique('Zyxqv Quokka & Co');
  await page.keyboard.type(name);
  await expect(page.locator('[role="option"][aria-selected="true"]')).toContainText(`Create new client “${name}”`);
  await page.keyboard.press('Enter');
  const form = page.getByRole('region', { name: 'New client' });
  const nameBox = form.getByRole('textbox', { name: 'Client name' });
  await expect(nameBox).toBeFocused();
  return { form, nameBox, email: form.getByRole('textbox', { name: 'Email' }), taxNumber: form.getByRole('textbox', { name: 'Tax number' }) };
}

test('the new client form, refused, puts focus on the first field to fix: a bad email and tax number', async ({ page }) => {
  const { form, email, taxNumber } = await openNewClientForm(page, 'New client refused');
  await page.keyboard.press('Tab');
  await page.keyboard.type('nope');
  await page.keyboard.press('Tab');
  await page.keyboard.type('T'.repeat(80));
  await press(form.getByRole('button', { name: 'Create client' }));
  await expect(email).toHaveAccessibleDescription('Enter an email address like name@example.com.');
  await expect(taxNumber).toHaveAttribute('aria-invalid', 'true');
  // The first of the two fields to fix, not <body> (where focus went when the button was disabled while saving).
  await expect(email).toBeFocused();
});

test('the new client form, refused for an empty name, puts focus on the name', async ({ page }) => {
  const { form, nameBox } = await openNewClientForm(page, 'New client without a name');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await press(form.getByRole('button', { name: 'Create client' }));
  await expect(nameBox).toHaveAccessibleDescription('Name is required.');
  await expect(nameBox).toBeFocused();
});

test('the likely-duplicate warning of "Create new client" is in one live region, so it is read out once', async ({ page }) => {
  await startProposal(page, unique('Warning read once'));
  await page.keyboard.press('Tab');
  await page.keyboard.type('Harbour Dental');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[role="option"][aria-selected="true"]')).toContainText('Create new client');
  await page.keyboard.press('Enter');
  const form = page.getByRole('region', { name: 'New client' });
  const warning = form.getByText(/may be (a client|clients) you already have:/);
  await expect(warning).toBeVisible();
  expect(await liveRegionsHolding(warning)).toBe(1);
});

test('a one- or two-letter search says it looked only at the start of names, on screen and to screen readers alike', async ({ page }) => {
  await startProposal(page, unique('Short search'));
  await page.keyboard.press('Tab');
  await page.keyboard.type('zq');
  const message = 'No client’s name starts with “zq”. Type at least 3 letters to search within names, or press Enter to create a new client.';
  await expect(page.locator('p:not([aria-live])', { hasText: message })).toBeVisible();
  await expect(page.locator('[aria-live="polite"]', { hasText: message })).toHaveCount(1);
  await expect(page.getByText('No clients match')).toHaveCount(0);
  await lookAt(page, 'proposal-picker-short-query');
});

test('the picker has a visible label tied to it, and its placeholder fits a phone', async ({ page }) => {
  await startProposal(page, unique('Picker label'));
  const picker = page.getByRole('combobox', { name: 'Find a client' });
  const label = page.locator('label:visible', { hasText: /^Find a client$/ });
  await expect(label).toHaveCount(1);
  // Seen, not a 1-pixel screen-reader-only label, and it is what names the picker.
  expect((await label.boundingBox())!.width).toBeGreaterThan(40);
  await expect(picker).toHaveAttribute('aria-labelledby', (await label.getAttribute('id'))!);
  await label.click();
  await expect(picker).toBeFocused();
  await expectPlaceholderFitsAPhone(picker);
  await lookAt(page, 'proposal-picker-label');
});

/** At 390 px the picker's placeholder is not cut off ("…XPM clients and Gust"): its text fits the field. */
async function expectPlaceholderFitsAPhone(picker: Locator) {
  const page = picker.page();
  await page.setViewportSize({ width: 390, height: 900 });
  const fit = await picker.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { placeholder: input.placeholder, fits: context.measureText(input.placeholder).width <= room };
  });
  expect(fit, fit.placeholder).toMatchObject({ fits: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a refused save lists each field that needs attention, and each link takes focus to it', async ({ page }) => {
  await startProposal(page, unique('Refused'));
  await press(page.getByRole('button', { name: 'Add service line' }));
  await typeServiceLine(page, 'Bookkeeping', '-2', '99999999999999999999');
  await page.keyboard.press('Control+s');

  const refusal = page.getByRole('alert').filter({ hasText: 'The proposal was not saved.' });
  await expect(refusal).toContainText('2 fields need attention:');
  await expect(refusal).toContainText("Line 1 Quantity: The quantity can't be negative.");
  await expect(refusal).toContainText('Line 1 Unit price: The unit price must be at most $10,000,000.');
  // Focus moves to the message, so keyboard and screen-reader users meet it first.
  await expect(page.locator(':focus')).toContainText('2 fields need attention:');
  // Outlined, so a sighted keyboard user sees where focus went too.
  await expectFocusShown(page.locator(':focus'));
  await press(refusal.getByRole('link', { name: 'Line 1 Unit price' }));
  await expect(page.getByRole('textbox', { name: 'Line 1 Unit price ($)' })).toBeFocused();
  // Nothing typed was lost.
  await expect(page.getByRole('textbox', { name: 'Line 1 Unit price ($)' })).toHaveValue('99999999999999999999');
  await expect(page.getByRole('textbox', { name: 'Line 1 Description' })).toHaveValue('Bookkeeping');
  await expectNoAxeViolations(page);
});

test('a price typed with thousands separators is saved exactly and shown back so, like the totals; a malformed one is refused in words and kept', async ({ page }) => {
  await startProposal(page, unique('Separators'));
  await press(page.getByRole('button', { name: 'Add service line' }));
  await typeServiceLine(page, 'Annual accounts', '2', '1,250.50');
  await expect(page.getByLabel('Proposal total')).toHaveText('$2,501.00');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Proposal saved.')).toBeVisible();
  await page.reload();
  const price = page.getByRole('textbox', { name: 'Line 1 Unit price ($)' });
  await expect(price).toHaveValue('1,250.50');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(page.getByLabel('Proposal total')).toHaveText('$2,501.00');
  await lookAt(page, 'proposal-price-grouped');

  // Separators in the wrong places: refused, saying what is wanted, and nothing typed is lost.
  await price.fill('1,25.50');
  await page.keyboard.press('Control+s');
  const refusal = page.getByRole('alert').filter({ hasText: 'The proposal was not saved.' });
  await expect(refusal).toContainText('Line 1 Unit price: The unit price must be a number, like 1,234.50.');
  await expect(price).toHaveValue('1,25.50');
  await expect(page.getByRole('textbox', { name: 'Line 1 Description' })).toHaveValue('Annual accounts');
  await lookAt(page, 'proposal-price-refused');
});

test('Enter in the title, a quantity or a price saves the proposal, as in a form; Enter in the client picker still picks', async ({ page }) => {
  // A trial: Enter in the title did nothing; only Ctrl+S saved.
  const title = unique('Enter saves');
  await startProposal(page, title);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Proposal saved.')).toBeVisible();
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The picker keeps its Enter: it picks the client, and saves nothing.
  await page.getByRole('combobox', { name: 'Find a client' }).focus();
  await page.keyboard.type('kowhai land');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chosen-client')).toContainText('Kowhai Landscaping');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // Enter in a price saves the line and the client picked above.
  await press(page.getByRole('button', { name: 'Add service line' }));
  await typeServiceLine(page, 'Annual accounts', '1', '950');
  await page.keyboard.press('Enter');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('chosen-client')).toContainText('Kowhai Landscaping');
  await expect(page.getByRole('textbox', { name: 'Line 1 Unit price ($)' })).toHaveValue('950.00');

  // …and in the title, on a proposal already saved.
  const titleField = page.getByRole('textbox', { name: 'Title' });
  await titleField.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' (revised)');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `${title} (revised)` })).toBeVisible();
});

test('near a text limit the field counts down, and past it says by how much, before any save', async ({ page }) => {
  await startProposal(page, '');
  const title = page.getByRole('textbox', { name: 'Title' });
  await title.fill('x'.repeat(150));
  await expect(page.getByText(/characters left|over the limit/)).toHaveCount(0);
  await title.fill('x'.repeat(190));
  await expect(title).toHaveAccessibleDescription(/10 characters left/);
  await title.fill('x'.repeat(205));
  await expect(title).toHaveAccessibleDescription(/5 characters over the limit of 200/);
  await expect(title).toHaveValue('x'.repeat(205)); // nothing is cut off
});

test('a long service-line description wraps and the field grows to show all of it; Enter starts no new line', async ({ page }) => {
  await startProposal(page, unique('Long line'));
  await press(page.getByRole('button', { name: 'Add service line' }));
  const description = page.getByRole('textbox', { name: 'Line 1 Description' });
  await expect(description).toBeFocused();
  await page.keyboard.type('Short');
  const oneLine = (await description.boundingBox())!.height;
  const long = 'Monthly bookkeeping, payroll for up to twelve staff, quarterly BAS lodgement and an annual review meeting';
  await page.keyboard.press('Enter');
  await expect(description).toHaveValue('Short'); // Enter starts no new line
  await description.fill(long);
  await expect(description).toHaveValue(long); // nothing cut off
  const grown = (await description.boundingBox())!.height;
  expect(grown).toBeGreaterThan(oneLine * 1.5);
  // All of the text is visible: nothing scrolls inside the field.
  expect(await description.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1)).toBe(true);
});

test('Enter pressed before the results arrive picks the best match once they do', async ({ page }) => {
  await startProposal(page, unique('Fast Enter'));
  await page.keyboard.press('Tab');
  await page.keyboard.type('kowhai land');
  await page.keyboard.press('Enter'); // well inside the 150 ms debounce
  await expect(page.getByTestId('chosen-client')).toContainText('Kowhai Landscaping');
  await expect(page.getByRole('region', { name: 'New client' })).toHaveCount(0);
});

test('an option chosen with the arrows stays chosen when the results arrive late', async ({ page }) => {
  // Hold every search answer until the author has moved the highlight (a slow network).
  let release!: () => void;
  const answersMayGo = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/client-search?**', async (route) => {
    await answersMayGo;
    await route.continue();
  });
  await startProposal(page, unique('Late results'));
  await page.keyboard.press('Tab');
  await page.keyboard.type('Harbour Dental');
  const createNew = page.getByRole('option', { name: /Create new client “Harbour Dental”/ });
  await expect(createNew).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await expect(createNew).toHaveAttribute('aria-selected', 'true');

  release();
  await expect(page.getByRole('option', { name: /Harbour Dental Pty Ltd/ })).toBeVisible();
  // The author's choice was kept: Enter opens "Create new client", not the existing client.
  await expect(page.locator('[role="option"][aria-selected="true"]')).toHaveCount(1);
  await expect(createNew).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'New client' }).getByRole('textbox', { name: 'Client name' })).toHaveValue('Harbour Dental');
  await expect(page.getByTestId('chosen-client')).toHaveCount(0);
});

test('Escape closes the picker, then clears it; unsaved changes are flagged', async ({ page }) => {
  await startProposal(page, unique('Escape check'));
  await page.keyboard.press('Tab');
  const picker = page.getByRole('combobox', { name: 'Find a client' });
  await page.keyboard.type('ha');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await expect(picker).toHaveValue('ha');
  await page.keyboard.press('Escape');
  await expect(picker).toHaveValue('');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
});

/** Saves the open editor and returns the server action request the browser sent, to replay it. */
async function captureSave(page: Page) {
  const requestPromise = page.waitForRequest((r: Request) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await press(page.getByRole('button', { name: 'Save proposal' }));
  const request = await requestPromise;
  await expect(page.getByText('Proposal saved.')).toBeVisible();
  const headers = request.headers();
  return {
    url: request.url(),
    headers: { 'next-action': headers['next-action']!, 'content-type': headers['content-type'] ?? 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    body: request.postData() ?? '',
  };
}

test('the proposal list announces its result line when a search or the status filter has changed the list, from one live region', async ({ page }) => {
  const title = unique('Announced proposal');
  await createTitledProposal(page, title);
  await page.goto('/proposals');
  const liveRegions = page.locator('[aria-live], [role="status"], [role="alert"], [role="log"]');
  const resultLine = page.getByRole('status').filter({ hasText: /^[\d,]+ proposals?$/ });
  await expect(resultLine).toHaveCount(1);
  // The same element throughout: a live region is heard when its text changes, not when it is replaced.
  const line = await resultLine.elementHandle();
  const lineNow = () => line!.evaluate((element) => (element.isConnected ? element.textContent : 'replaced'));

  await press(page.getByRole('searchbox', { name: 'Search proposals' }), 'End');
  await page.keyboard.type(title);
  await expect.poll(lineNow).toBe(`1 proposal matching “${title}”`);
  await expect(liveRegions.filter({ hasText: title })).toHaveCount(1);

  // The status filter by keyboard: from "All statuses" down to "Draft", what a new proposal is.
  await press(page.getByRole('combobox', { name: 'Status' }), 'ArrowDown');
  await expect(page).toHaveURL(/status=draft/);
  await expect.poll(lineNow).toBe(`1 proposal (draft) matching “${title}”`);
  await expect(liveRegions.filter({ hasText: title })).toHaveCount(1);
  await expect(liveRegions.filter({ hasText: 'Searching…' })).toHaveCount(0);
});

test.describe('a practice with XPM connected', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('picking an XPM client by keyboard creates the client here on save, linked, and it then shows once with both badges', async ({ browser }) => {
    const { page, context } = await signUpPractice(browser);

    // No app yet: the picker says where XPM and Gusto clients would come from.
    await startProposal(page, unique('XPM pick'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ha');
    await expect(page.getByText('XPM clients and Gusto companies appear here once XPM or Gusto is connected.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Connect them on Integrations' })).toHaveAttribute('href', '/integrations');

    // Connect XPM through the sandbox's consent page (setup, not the subject of this test).
    await page.goto('/integrations');
    await page.getByRole('button', { name: 'Connect XPM' }).click();
    await page.getByRole('button', { name: 'Allow access' }).click();
    await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/);

    const title = unique('XPM pick');
    await startProposal(page, title);
    // With an app connected the placeholder names it, and still fits a phone.
    const picker = page.getByRole('combobox', { name: 'Find a client' });
    await expect(picker).toHaveAttribute('placeholder', 'Type a name: clients, XPM');
    await expectPlaceholderFitsAPhone(picker);
    await lookAt(page, 'proposal-picker-xpm-connected');
    await picker.focus();
    await page.keyboard.type('Ha');
    const xpmGroup = page.getByRole('group', { name: /^XPM clients/ });
    await expect(xpmGroup.getByRole('option').first()).toBeVisible();
    // A new practice has no clients of its own, so the first result is XPM's.
    const highlighted = page.locator('[role="option"][aria-selected="true"]');
    await expect(highlighted).toContainText('XPM');
    const name = (await highlighted.locator('span.font-medium').first().innerText()).trim();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chosen-client')).toContainText(name);
    await expect(page.getByText('Not yet a client here. Saving the proposal creates the client from XPM and links them.')).toBeVisible();

    await page.keyboard.press('Control+s');
    await expect(page.getByText(`Proposal saved. Created the client “${name}” from XPM and linked it.`)).toBeVisible();
    const chosen = page.getByTestId('chosen-client');
    await expect(chosen.getByText('Practice Sync', { exact: true })).toBeVisible();
    await expect(chosen.getByText('XPM', { exact: true })).toBeVisible();

    // Searching again finds it once, as the practice's client, with both badges.
    await startProposal(page, unique('XPM again'));
    await page.keyboard.press('Tab');
    await page.keyboard.type(name);
    const practiceGroup = page.getByRole('group', { name: /^Practice Sync clients/ });
    const entry = practiceGroup.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)} `) });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('XPM');
    await expect(xpmGroup.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)} XPM`) })).toHaveCount(0);
    await context.close();
  });

  test('"Create new client" lists the XPM client of the same name first, though dozens of XPM names share its words', async ({ browser }) => {
    // A user trial: XPM's sandbox holds over twenty "… Investment Trust" records, and the
    // likely duplicates left out the one named as typed, so "Create anyway" made a duplicate.
    const RECORD = 'The Granite Investment Trust';
    const { page, context } = await signUpPractice(browser);
    await connectXpm(page);
    await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/, { timeout: 45_000 });

    await startProposal(page, unique('Same name'));
    await page.keyboard.press('Tab');
    // Written another way: no "The", a legal form; normalised, the same name.
    await page.keyboard.type('Granite Investment Trust Pty Ltd');
    await expect(page.getByRole('group', { name: /^XPM clients/ }).getByRole('option', { name: new RegExp(`^${RECORD} `) })).toBeVisible();
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('[role="option"][aria-selected="true"]')).toContainText('Create new client');
    await page.keyboard.press('Enter');

    const form = page.getByRole('region', { name: 'New client' });
    const first = form.getByRole('list', { name: 'Likely duplicates' }).getByRole('listitem').first();
    await expect(first).toContainText(RECORD);
    await expect(first).toContainText('Matched on same name');
    await press(form.getByRole('button', { name: `Use this instead: ${RECORD} (XPM)`, exact: true }));
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('chosen-client')).toContainText(RECORD);
    await context.close();
  });
});

test.describe('a practice with XPM connected and a client XPM holds under a typo', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  // The demo's client, which XPM's sandbox holds as "Valley Marekting LLC" (e2e/suggested-matches.spec.ts).
  const CLIENT = 'Valley Marketing LLC';
  const RECORD = 'Valley Marekting LLC';

  /** A new proposal with XPM's look-alike picked by keyboard; returns the warning. */
  async function pickLookAlike(page: Page, title: string): Promise<Locator> {
    await startProposal(page, title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('valley mar');
    const highlighted = page.locator('[role="option"][aria-selected="true"]');
    // Both results are in before the arrow is pressed: under load a shorter search's answer (the
    // client alone) can be on screen first, and an option chosen with the arrows stays chosen.
    await expect(page.getByRole('group', { name: /^XPM clients/ }).getByRole('option', { name: new RegExp(`^${RECORD} `) })).toBeVisible();
    // The practice's own client comes first; the arrow moves to XPM's record.
    await expect(highlighted).toContainText(CLIENT);
    await page.keyboard.press('ArrowDown');
    await expect(highlighted).toContainText(RECORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chosen-client')).toContainText(RECORD);
    const warning = page.getByRole('group', { name: 'This XPM record may be a client you already have:' });
    await expect(warning).toBeVisible();
    await expect(warning).toBeFocused();
    await expect(page.getByText(/Not yet a client here/)).toHaveCount(0);
    return warning;
  }

  async function clientLinks(page: Page) {
    await page.goto('/clients?q=valley');
    return page.getByRole('link', { name: /^Valley Mar(ke|ek)ting LLC/ });
  }

  test('picking an XPM record that looks like a client warns before saving: "Use this instead" adds no client but links the record to it, "it is a new client" creates exactly one', async ({
    browser,
  }) => {
    test.slow();
    const { page, context } = await signUpPractice(browser);
    await createClientNamed(page, CLIENT);
    await connectXpm(page);
    await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/, { timeout: 45_000 });

    const warning = await pickLookAlike(page, unique('Look-alike'));
    const duplicates = warning.getByRole('list', { name: 'Likely duplicates' });
    await expect(duplicates.getByRole('listitem')).toHaveCount(1);
    await expect(duplicates).toContainText(CLIENT);
    await expect(duplicates).toContainText('No email, city or tax number');
    await expect(duplicates).toContainText('Matched on similar name');
    // What "Use this instead" does is said before it is pressed, and is the button's description.
    const useInsteadDoes = 'Using it links this XPM record to it when the proposal is saved.';
    await expect(duplicates).toContainText(useInsteadDoes);
    await expect(duplicates.getByRole('button', { name: `Use this instead: ${CLIENT} (Practice Sync)`, exact: true })).toHaveAccessibleDescription(useInsteadDoes);
    const createIt = warning.getByRole('checkbox', { name: 'It is a new client: create it from XPM when the proposal is saved' });
    await expect(createIt).not.toBeChecked();
    // What a screen reader hears of the question: the look-alikes are there, and saving waits.
    const heard = page.getByTestId('chosen-client').getByRole('status');
    await expect(heard).toHaveText('This XPM record may be a client you already have: Saving waits until you use one of them instead, or say it is a new client.');

    // Unanswered, the save is refused on the client field, in words; the summary's link takes focus into the question.
    await page.keyboard.press('Control+s');
    const refusal = page.getByRole('alert').filter({ hasText: 'The proposal was not saved.' });
    const fieldError = 'This may be a client you already have: use one of the clients shown instead, or say it is a new client.';
    await expect(refusal).toContainText(`Client: ${fieldError}`);
    await expect(page).toHaveURL(/\/proposals\/new$/);
    // The editor asks again (pickToAskAgain): the same warning, pointing to the error.
    const again = page.getByRole('group', { name: 'This XPM record may be a client you already have:' });
    await expect(again).toHaveAccessibleDescription(fieldError);
    // The link focuses the answer the save waits for (the checkbox, in the question's group), not a "Use this instead" past the question.
    await press(refusal.getByRole('link', { name: 'Client' }));
    await expect(again.getByRole('checkbox', { name: 'It is a new client: create it from XPM when the proposal is saved' })).toBeFocused();
    await expectNoAxeViolations(page);
    await lookAt(page, 'proposal-duplicate-warning');

    // "Use this instead" (just before the checkbox): the proposal's client is the existing client, which
    // has no XPM record, so the author has said the record is that client: saving links them and creates none.
    await page.keyboard.press('Shift+Tab');
    await expect(again.getByRole('button', { name: `Use this instead: ${CLIENT} (Practice Sync)`, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chosen-client')).toContainText(CLIENT);
    await expect(page.getByTestId('used-instead-note')).toHaveText(new RegExp(`^Saving links the XPM record “${RECORD}” to “${CLIENT}” — no new client is created\\. `));
    await expect(again).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Find a client' })).toBeFocused();
    await page.keyboard.press('Control+s');
    await expect(page.getByText(`Proposal saved. Linked XPM's record to your existing client “${CLIENT}” — no new client was created.`)).toBeVisible();
    await expect(await clientLinks(page)).toHaveCount(1);
    // Unlinked again on the client's page (admins may), so the record is asked about once more below.
    await page.getByRole('link', { name: new RegExp(`^${CLIENT}`) }).click();
    await page.getByRole('button', { name: 'Unlink from XPM' }).click();
    await page
      .getByRole('alertdialog', { name: `Unlink ${CLIENT} from XPM?` })
      .getByRole('button', { name: 'Unlink' })
      .click();
    await expect(page.getByRole('status').filter({ hasText: 'Unlinked from XPM. Nothing was deleted.' })).toBeVisible();

    // "It is a new client": saving creates it from XPM, once.
    const second = await pickLookAlike(page, unique('Look-alike new'));
    await press(second.getByRole('checkbox', { name: /^It is a new client/ }), ' ');
    await expect(second.getByRole('checkbox', { name: /^It is a new client/ })).toBeChecked();
    await expect(second).toContainText('Saving the proposal creates the client from XPM and links them.');
    // Heard as it changes: what saving does now, no longer that it waits.
    await expect(heard).toHaveText('Saving the proposal creates the client from XPM and links them.');
    await lookAt(page, 'proposal-duplicate-warning-new-client');

    // Meanwhile, in another tab, another client like the record is added: the answer was given without it in sight.
    const elsewhere = await context.newPage();
    await createClientNamed(elsewhere, 'Valley Marketing Inc');
    await elsewhere.close();
    await page.keyboard.press('Control+s');
    const unseenError = 'A client you were not shown may be this record. Use one of the clients shown instead, or say it is a new client.';
    await expect(refusal).toContainText(`Client: ${unseenError}`);
    // Asked again: both look-alikes, the box not ticked, the question pointing to the error; nothing typed is lost.
    const both = page.getByRole('group', { name: 'This XPM record may be one of 2 clients you already have:' });
    await expect(both.getByRole('list', { name: 'Likely duplicates' }).getByRole('listitem')).toHaveCount(2);
    await expect(both).toContainText('Valley Marketing Inc');
    await expect(both).toHaveAccessibleDescription(unseenError);
    const createAnyway = both.getByRole('checkbox', { name: 'It is a new client: create it from XPM when the proposal is saved' });
    await expect(createAnyway).not.toBeChecked();
    await expect(heard).toHaveText('This XPM record may be one of 2 clients you already have: Saving waits until you use one of them instead, or say it is a new client.');
    await lookAt(page, 'proposal-duplicate-warning-asked-again');
    await press(refusal.getByRole('link', { name: 'Client' }));
    await expect(createAnyway).toBeFocused();
    await page.keyboard.press(' ');
    await expect(createAnyway).toBeChecked();
    await page.keyboard.press('Control+s');
    await expect(page.getByText(`Proposal saved. Created the client “${RECORD}” from XPM and linked it.`)).toBeVisible();
    const links = await clientLinks(page);
    await expect(links).toHaveCount(2);
    await expect(page.getByRole('link', { name: new RegExp(`^${RECORD}`) })).toHaveCount(1);
    await context.close();
  });
});

test.describe('a practice with XPM connected and a client XPM holds under another spelling, not yet linked (the user trial)', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  // The sandbox's XPM holds "Clarke Family Trust"; the practice's own client is spelt without the e.
  const CLIENT = 'The Clark Family Trust';
  const RECORD = 'Clarke Family Trust';

  test('"Use this instead" of the client says it links the XPM record, saving links it, and accepting then uses that XPM client rather than creating another', async ({
    browser,
  }) => {
    test.slow();
    const { page: admin, context } = await signUpPractice(browser);
    await createClientNamed(admin, CLIENT);
    await connectXpm(admin);
    await expect(admin.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/, { timeout: 45_000 });
    const { author, authorContext } = await addAuthorAndSignIn(admin, browser);

    // The author picks XPM's record by keyboard.
    await startProposal(author, unique('Clark accounts'));
    await author.keyboard.press('Tab');
    await author.keyboard.type('clarke family');
    const highlighted = author.locator('[role="option"][aria-selected="true"]');
    const xpmRecord = author.getByRole('group', { name: /^XPM clients/ }).getByRole('option', { name: new RegExp(`^${RECORD} XPM`) });
    await expect(xpmRecord).toHaveCount(1);
    // Arrow down to it, wherever the search ranks it.
    await expect(async () => {
      if ((await xpmRecord.getAttribute('aria-selected')) !== 'true') await author.keyboard.press('ArrowDown');
      await expect(xpmRecord).toHaveAttribute('aria-selected', 'true', { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(highlighted).toHaveCount(1);
    await author.keyboard.press('Enter');
    const chosen = author.getByTestId('chosen-client');
    await expect(chosen).toContainText(RECORD);
    const question = author.getByRole('group', { name: 'This XPM record may be a client you already have:' });
    const lookalike = question.getByRole('list', { name: 'Likely duplicates' }).getByRole('listitem').filter({ hasText: CLIENT });
    await expect(lookalike).toHaveCount(1);
    // The question the save waits for takes focus (it is drawn above the picker: Tab from the
    // picker went on to Save, a trial), shown, and Tab goes on to its "Use this instead".
    await expectFocusShown(question);
    await author.keyboard.press('Tab');
    await expect(lookalike.getByRole('button', { name: /instead/ })).toBeFocused();

    // "Use this instead" (its accessible name is the list's to set; found by its words within the look-alike).
    await press(lookalike.getByRole('button', { name: /instead/ }));
    await expect(question).toHaveCount(0);
    await expect(chosen).toContainText(CLIENT);
    await expect(author.getByRole('combobox', { name: 'Find a client' })).toBeFocused();
    // Before saving, in words, on the page and to a screen reader (focus went back to the picker).
    const saying = `Saving links the XPM record “${RECORD}” to “${CLIENT}” — no new client is created.`;
    // A new practice's XPM syncs Nothing until set up: linking only says they are the same business.
    await expect(chosen.getByTestId('used-instead-note')).toHaveText(
      `${saying} XPM’s Sync data is Nothing: no client data flows either way; the link only says they are the same business.`,
    );
    await expect(author.getByText(new RegExp(`^Client set to ${escapeRegExp(CLIENT)}\\. ${escapeRegExp(saying)}`))).toHaveCount(1);
    await expectNoAxeViolations(author);
    await lookAt(author, 'proposal-used-instead-links');

    await press(author.getByRole('button', { name: 'Add service line' }));
    await typeServiceLine(author, 'Trust accounts and tax return', '1', '1200');
    await author.keyboard.press('Control+s');
    await expect(author.getByText(`Proposal saved. Linked XPM's record to your existing client “${CLIENT}” — no new client was created.`)).toBeVisible();
    await expect(author).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
    const proposalUrl = author.url();
    await expect(chosen.getByText('XPM', { exact: true })).toBeVisible();
    await expect(chosen.getByTestId('used-instead-note')).toHaveCount(0);

    // The client's page shows the link, and who made it.
    await author.goto(`/clients?q=${encodeURIComponent('clark family')}`);
    await expect(author.getByRole('link', { name: new RegExp(`^${RECORD}`) })).toHaveCount(0);
    await author.getByRole('link', { name: new RegExp(`^${CLIENT}`) }).click();
    await expect(author).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
    const sync = author.getByRole('region', { name: 'Sync', exact: true });
    await expect(sync.getByRole('list', { name: 'Links to apps' })).toContainText(`XPM: “${RECORD}” Linked`);
    await expect(sync.getByRole('list', { name: 'Link history' })).toContainText(`Rory Reader linked XPM’s “${RECORD}”.`);

    // Sent and accepted: the workflow uses that XPM client; none is created in XPM.
    await author.goto(proposalUrl);
    await press(author.getByRole('button', { name: 'Mark as sent' }));
    await expect(author.getByText('Marked as sent.')).toBeVisible();
    await press(author.getByRole('button', { name: 'Mark as accepted' }));
    await expect(author.getByRole('textbox', { name: 'Accepted by (client contact)' })).toBeFocused();
    await author.keyboard.type('Jo Clark, trustee');
    await author.keyboard.press('Enter');
    await expect(author.getByText('Proposal accepted. Its content is now locked.')).toBeVisible();
    const panel = author.getByTestId('deployment');
    await expect(panel.getByTestId('deployment-status')).toHaveText('The workflow is deployed in XPM.', { timeout: 30_000 });
    const steps = panel.getByTestId('deployment-steps').getByRole('listitem');
    await expect(steps).toHaveText([`Used XPM client “${RECORD}”, already linked to this client.`, /^Created job J\d{6} in XPM\.$/]);
    const jobNumber = /J\d{6}/.exec(await steps.nth(1).innerText())?.[0];

    // XPM itself (the sandbox): no "The Clark Family Trust", and the job is under the record picked.
    const xpmClients = async (query: string) =>
      (
        (await (await author.request.get(`${SANDBOX_URL}/__sandbox/xpm/clients?query=${encodeURIComponent(query)}&limit=100`)).json()) as {
          clients: { id: string; name: string }[];
        }
      ).clients;
    expect((await xpmClients(CLIENT)).map((c) => c.name)).toEqual([]);
    const [record] = (await xpmClients(RECORD)).filter((c) => c.name === RECORD);
    expect(record).toBeTruthy();
    const jobs = (await (await author.request.get(`${SANDBOX_URL}/__sandbox/xpm/jobs?clientUuid=${record!.id}`)).json()) as { jobs: { id: string }[] };
    expect(jobs.jobs.map((j) => j.id)).toContain(jobNumber);
    await authorContext.close();
    await context.close();
  });
});

test.describe('a practice with XPM connected and a look-alike whose tax number differs (the user trial: two businesses linked in one click)', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  // XPM's sandbox holds "Valley Marekting LLC" (admin@valleymarketing.com, Chicago, tax number
  // 73-8659572, shown by XPM masked). The practice's client shares its email (a shared bookkeeper's,
  // say) but is another business: another tax number, city and phone.
  const CLIENT = 'Valley Marketing LLC';
  const RECORD = 'Valley Marekting LLC';

  test('the question says what differs; a different tax number takes a deliberate second step to link (the save refuses one click: lib/dal/proposals/proposals.test.ts)', async ({
    browser,
  }) => {
    test.slow();
    const { page, context } = await signUpPractice(browser);
    await page.goto('/clients/new');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(CLIENT);
    await page.getByRole('textbox', { name: 'Email' }).fill('admin@valleymarketing.com');
    await page.getByRole('textbox', { name: 'Phone' }).fill('(08) 9000 1234');
    await page.getByRole('textbox', { name: 'Tax number' }).fill('12-3456789');
    await page.getByRole('group', { name: 'Street address' }).getByRole('textbox', { name: 'City' }).fill('Perth');
    await page.getByRole('button', { name: 'Create client' }).click();
    await expect(page.getByText('Client created.')).toBeVisible();
    await connectXpm(page);
    await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/, { timeout: 45_000 });
    // XPM made the client source: linking then means XPM's values replace the client's, said before it is done.
    const sync = page.getByTestId('xpm-client-sync');
    await sync.getByRole('radio', { name: /^Everything( Not available)?$/ }).check();
    await sync.getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
    await expect(page.getByTestId('xpm-sync-status')).toContainText('Saved.');

    const title = unique('Valley');
    await startProposal(page, title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('valley mar');
    const xpmRecord = page.getByRole('group', { name: /^XPM clients/ }).getByRole('option', { name: new RegExp(`^${RECORD} XPM`) });
    await expect(xpmRecord).toHaveCount(1);
    await expect(async () => {
      if ((await xpmRecord.getAttribute('aria-selected')) !== 'true') await page.keyboard.press('ArrowDown');
      await expect(xpmRecord).toHaveAttribute('aria-selected', 'true', { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const question = page.getByRole('group', { name: 'This XPM record may be a client you already have:' });
    const lookalike = question.getByRole('list', { name: 'Likely duplicates' }).getByRole('listitem').filter({ hasText: CLIENT });
    await expect(lookalike).toHaveCount(1);

    // What differs, side by side; the tax numbers by their endings only.
    await expect(lookalike.getByRole('list', { name: 'What differs' }).getByRole('listitem')).toHaveText([
      'Tax number — XPM: ending 572 · This client: ending 789',
      'City — XPM: Chicago · This client: Perth',
      'Phone — XPM: (312) 555-2246 · This client: (08) 9000 1234',
    ]);
    await expect(lookalike).toContainText('Different tax numbers: probably a different business.');
    // One click is not enough: the button waits for "They are the same business", and says why.
    const anyway = lookalike.getByRole('button', { name: `Use this instead anyway: ${CLIENT} (Practice Sync)`, exact: true });
    await expect(anyway).toBeDisabled();
    await expect(anyway).toHaveAccessibleDescription(
      /^Different tax numbers: probably a different business\. Using it links this XPM record to it when the proposal is saved\. XPM is the source of your clients’ details: once linked, XPM’s next sync replaces what differs in this client’s name, .* with XPM’s values\.$/,
    );
    const same = lookalike.getByRole('checkbox', { name: 'They are the same business: let me use it anyway' });
    await expect(same).not.toBeChecked();
    await expectNoAxeViolations(page);
    await lookAt(page, 'proposal-lookalike-different-tax-number');

    await press(same, ' ');
    await expect(anyway).toBeEnabled();
    await lookAt(page, 'proposal-lookalike-different-tax-number-ticked');
    await press(anyway);
    await expect(page.getByTestId('chosen-client')).toContainText(CLIENT);
    await page.keyboard.press('Control+s');
    await expect(page.getByText(`Proposal saved. Linked XPM's record to your existing client “${CLIENT}” — no new client was created.`)).toBeVisible();
    await context.close();
  });
});

test.describe('a practice with Gusto connected', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  /** Gusto connected for one company through the sandbox's consent page; its directory is read. */
  async function connectGustoFor(page: Page, company: string) {
    await page.goto('/integrations');
    await connectGustoCompany(page, company);
    await expect(page.getByTestId('gusto-directory-count')).toContainText('1 company,');
  }

  test('picking a Gusto company by keyboard whose name matches a client here links that client instead of creating another', async ({ browser }) => {
    const { page, context } = await signUpPractice(browser);
    // The practice already has the company as a client, written its own way; Gusto is connected for it.
    await createClientNamed(page, 'Garcia and Brown Architects');
    await connectGustoFor(page, 'Garcia & Brown Architects');

    await startProposal(page, unique('Gusto pick'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('garcia');
    const gustoGroup = page.getByRole('group', { name: /^Gusto companies/ });
    const company = gustoGroup.getByRole('option', { name: /^Garcia & Brown Architects/ });
    await expect(company).toContainText('Gusto');
    // The practice's own client comes first; the arrow moves to Gusto's company.
    const highlighted = page.locator('[role="option"][aria-selected="true"]');
    await expect(highlighted).toContainText('Garcia and Brown Architects');
    await page.keyboard.press('ArrowDown');
    await expect(highlighted).toContainText('Garcia & Brown Architects');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chosen-client')).toContainText('Garcia & Brown Architects');
    await expect(page.getByText('Same name as your client “Garcia and Brown Architects”. Saving links this Gusto record to that client — no new client is created.')).toBeVisible();

    await page.keyboard.press('Control+s');
    await expect(page.getByText("Proposal saved. Linked Gusto's record to your existing client “Garcia and Brown Architects” — no new client was created.")).toBeVisible();
    await expect(page.getByTestId('chosen-client')).toContainText('Garcia and Brown Architects');

    // Still one client, now shown once with both badges.
    await page.goto('/clients?q=garcia');
    await expect(page.getByRole('link', { name: /Garcia/ })).toHaveCount(1);
    await startProposal(page, unique('Gusto again'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('garcia');
    const practiceEntry = page.getByRole('group', { name: /^Practice Sync clients/ }).getByRole('option', { name: /^Garcia and Brown Architects/ });
    await expect(practiceEntry).toContainText('Gusto');
    await expect(gustoGroup).toHaveCount(0);
    await context.close();
  });

  test("a Gusto company with a client's name but another business number is not linked on the name: the author says which it is", async ({ browser }) => {
    const { page, context } = await signUpPractice(browser);
    await createClientNamed(page, 'Garcia and Brown Architects', { businessNumber: '12-3456789' });
    await connectGustoFor(page, 'Garcia & Brown Architects');

    await startProposal(page, unique('Gusto namesake'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('garcia');
    await page
      .getByRole('group', { name: /^Gusto companies/ })
      .getByRole('option', { name: /^Garcia & Brown Architects/ })
      .click();
    const question = page.getByRole('group', { name: /^Your client “Garcia and Brown Architects” has this name, but a different business number/ });
    await expect(question).toContainText('12-3456789 here, 31-1042532 in Gusto. They may be two businesses. Which is this Gusto record?');
    await expect(question.getByRole('radio', { name: 'Your client “Garcia and Brown Architects”: link them' })).not.toBeChecked();
    // What linking would do under Gusto's settings (a new connection's Sync data is Nothing).
    await expect(page.getByText(/^If you link them: Gusto’s Sync data is Nothing: no client data flows either way/)).toBeVisible();

    // Unanswered, the save is refused; the summary's link takes focus to the question.
    await page.keyboard.press('Control+s');
    const refusal = page.getByRole('alert').filter({ hasText: 'The proposal was not saved.' });
    await expect(refusal).toContainText('Client: Choose which client this record is, or whether it is another business.');
    await press(refusal.getByRole('link', { name: 'Client' }));
    await expect(question.getByRole('radio').first()).toBeFocused();
    // The question points to the field's error, so a screen reader says what is wrong there.
    await expect(question).toHaveAccessibleDescription('Choose which client this record is, or whether it is another business.');
    await expectNoAxeViolations(page);
    await lookAt(page, 'proposal-namesake-question');

    await question.getByRole('radio', { name: 'Another business: create a new client from Gusto' }).check();
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Proposal saved. Created the client “Garcia & Brown Architects” from Gusto and linked it.')).toBeVisible();
    await page.goto('/clients?q=garcia');
    await expect(page.getByRole('link', { name: /^Garcia (and|&) Brown Architects/ })).toHaveCount(2);
    await context.close();
  });

  test('when a save finds the question was overtaken (a second namesake came meanwhile), the editor asks the question as it is now', async ({ browser }) => {
    const { page, context } = await signUpPractice(browser);
    await createClientNamed(page, 'Garcia and Brown Architects', { businessNumber: '12-3456789' });
    await connectGustoFor(page, 'Garcia & Brown Architects');

    const title = unique('Gusto overtaken');
    await startProposal(page, title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('garcia');
    const highlighted = page.locator('[role="option"][aria-selected="true"]');
    await expect(highlighted).toContainText('Garcia and Brown Architects');
    await page.keyboard.press('ArrowDown');
    await expect(highlighted).toContainText('Garcia & Brown Architects');
    await page.keyboard.press('Enter');
    const oldQuestion = page.getByRole('group', { name: /^Your client “Garcia and Brown Architects” has this name, but a different business number/ });
    await press(oldQuestion.getByRole('radio', { name: 'Another business: create a new client from Gusto' }), ' ');
    await expect(oldQuestion.getByRole('radio', { name: 'Another business: create a new client from Gusto' })).toBeChecked();

    // Meanwhile, in another tab, a client with the company's name and no business number is added:
    // the company may be that one, so "another business" no longer holds.
    const elsewhere = await context.newPage();
    await createClientNamed(elsewhere, 'Garcia & Brown Architects');
    await elsewhere.close();

    await page.keyboard.press('Control+s');
    const fieldError = 'A client here now has this name and no different tax or business number. Choose which of your clients this record is.';
    const refusal = page.getByRole('alert').filter({ hasText: 'The proposal was not saved.' });
    await expect(refusal).toContainText(`Client: ${fieldError}`);
    // The question as it is now: two namesakes, no "another business" to choose, nothing chosen.
    const question = page.getByRole('group', { name: '2 of your clients have this name. Which one is this Gusto record?' });
    await expect(question.getByRole('radio')).toHaveCount(2);
    await expect(question.getByRole('radio', { name: /^Garcia and Brown Architects \(added .+\), business number 12-3456789 here, 31-1042532 in Gusto$/ })).not.toBeChecked();
    await expect(question.getByRole('radio', { name: /^Garcia & Brown Architects \(added .+\)$/ })).not.toBeChecked();
    await expect(oldQuestion).toHaveCount(0);
    await expect(page.getByRole('radio', { name: /create a new client/ })).toHaveCount(0);
    // The field's error stays, and the new question points to it; the title typed is still there.
    await expect(page.locator('#client-errors')).toHaveText(fieldError);
    await expect(question).toHaveAccessibleDescription(fieldError);
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
    await expectNoAxeViolations(page);
    await lookAt(page, 'proposal-namesake-question-overtaken');

    await press(refusal.getByRole('link', { name: 'Client' }));
    await expect(question.getByRole('radio').first()).toBeFocused();
    const newcomer = question.getByRole('radio', { name: /^Garcia & Brown Architects \(added .+\)$/ });
    await press(newcomer, ' ');
    await expect(newcomer).toBeChecked();
    await page.keyboard.press('Control+s');
    await expect(page.getByText("Proposal saved. Linked Gusto's record to your existing client “Garcia & Brown Architects” — no new client was created.")).toBeVisible();
    await page.goto('/clients?q=garcia');
    await expect(page.getByRole('link', { name: /^Garcia (and|&) Brown Architects/ })).toHaveCount(2);
    await context.close();
  });
});

test("leaving with unsaved changes asks first, by a link, the browser's Back button and Sign out; staying keeps the edits", async ({ page }) => {
  const title = unique('Leave check');
  const proposalUrl = await createTitledProposal(page, title);

  const titleBox = page.getByRole('textbox', { name: 'Title' });
  await titleBox.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' draft two');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  const questions: string[] = [];
  const answerNext = (accept: boolean) =>
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });

  // A link in the app's navigation: stay.
  answerNext(false);
  await press(page.getByRole('link', { name: 'Proposals', exact: true }));
  await expect.poll(() => questions.length).toBe(1);
  await expect(page).toHaveURL(proposalUrl);
  await expect(titleBox).toHaveValue(`${title} draft two`);

  // The browser's Back button: stay; the page is never left and nothing typed is lost.
  answerNext(false);
  await page.evaluate(() => window.history.back());
  await expect.poll(() => questions.length).toBe(2);
  await expect(page).toHaveURL(proposalUrl);
  await expect(titleBox).toHaveValue(`${title} draft two`);
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // Sign out is a form, not a link: it asks too. Stay.
  answerNext(false);
  await press(page.getByRole('button', { name: 'Sign out' }));
  await expect.poll(() => questions.length).toBe(3);
  await expect(page).toHaveURL(proposalUrl);
  await expect(titleBox).toHaveValue(`${title} draft two`);

  // Back again, and leave this time: the proposals list, with the saved title only.
  answerNext(true);
  await page.evaluate(() => window.history.back());
  await expect(page).toHaveURL(/\/proposals$/);
  expect(questions).toEqual(Array(4).fill('This proposal has unsaved changes. Leave without saving them?'));
  await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();

  // Saved work leaves without a question.
  await page.goto(proposalUrl);
  await titleBox.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' final');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('All changes saved')).toBeVisible();
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.evaluate(() => window.history.back());
  await expect(page).toHaveURL(/\/proposals$/);
  expect(questions).toHaveLength(4);
});

test.describe('another practice', () => {
  // Signed out by default here, so the outsider's sign-up context starts clean.
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a member of another practice cannot open, find or change the proposal', async ({ browser }) => {
    const author = await browser.newContext({ storageState: AUTHOR_STATE });
    const page = await author.newPage();
    const title = unique('Confidential engagement');
    const proposalUrl = await createTitledProposal(page, title);
    await page.getByRole('textbox', { name: 'Title' }).focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' (edited)');
    const save = await captureSave(page);

    const { page: outsider, context } = await signUpPractice(browser);
    const response = await outsider.goto(proposalUrl);
    expect(response?.status()).toBe(404);
    await expect(outsider.getByText('Proposal not found')).toBeVisible();
    expect(await outsider.content()).not.toContain(title);
    await outsider.goto(`/proposals?q=${encodeURIComponent(title)}`);
    await expect(outsider.getByText('No proposals yet').or(outsider.getByText('No proposals match'))).toBeVisible();

    // The search answers for the outsider's own practice only, and nobody signed out.
    const theirs = await context.request.get('/api/client-search?q=Harbour%20Dental');
    expect(((await theirs.json()) as { groups: unknown[] }).groups).toEqual([]);
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get('/api/client-search?q=Harbour%20Dental')).status()).toBe(401);
    expect((await anonymous.request.get('/api/client-search/duplicates?name=Harbour%20Dental')).status()).toBe(401);
    await anonymous.close();

    // The author's own save, replayed with the outsider's session: refused, nothing changes.
    const replay = await context.request.post(save.url, { headers: save.headers, data: save.body });
    expect(await replay.text()).toContain('That proposal does not exist.');
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(`${title} (edited)`);
    await Promise.all([context.close(), author.close()]);
  });
});
