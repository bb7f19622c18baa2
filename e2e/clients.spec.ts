import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { connectXpm, proposalWithPickedXpmClient } from './apps';
import { ADMIN_STATE, createClientNamed, signUpPractice, unique } from './fixtures';
import { expectFocusShown } from './focus-shown';
import { lookAt } from './look-at';

test.use({ storageState: ADMIN_STATE });

test('create a client (fixing validation errors first), edit it, add contacts, archive, restore and find it', async ({ page }) => {
  const name = unique('Kestrel Bookkeeping');
  await page.goto('/clients');
  await page.getByRole('link', { name: 'New client' }).click();

  // Invalid first: no name and a malformed email. Nothing is saved and nothing typed is lost.
  await page.getByLabel('Email', { exact: true }).fill('accounts@kestrel');
  await page.getByLabel('Phone', { exact: true }).fill('02 9000 1234');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Name is required.', { exact: true })).toBeVisible();
  await expect(page.getByText('Enter an email address like name@example.com.', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('02 9000 1234');
  await expect(page).toHaveURL(/\/clients\/new$/);

  // Focus moves to the summary of what went wrong, which links to each field in page order.
  const summary = page.locator('#client-form-status');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('alert')).toContainText('The client was not saved.');
  await expect(summary.getByRole('listitem')).toHaveText(['Name: Name is required.', 'Email: Enter an email address like name@example.com.']);
  await summary.getByRole('link', { name: 'Email' }).click();
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await expectNoAxeViolations(page);

  // Each error goes as soon as its field is fixed, and only then.
  await page.getByLabel('Email', { exact: true }).fill('accounts@kestrel.');
  await expect(page.getByText('Enter an email address like name@example.com.')).toHaveCount(2);
  await page.getByLabel('Email', { exact: true }).fill('accounts@kestrel.example');
  await expect(page.getByText('Enter an email address like name@example.com.')).toHaveCount(0);
  await expect(page.getByLabel('Email', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(summary.getByRole('listitem')).toHaveText(['Name: Name is required.']);
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveAttribute('aria-invalid', 'true');

  // Fixed.
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await expect(page.getByText('Name is required.')).toHaveCount(0);
  await expect(summary.getByRole('alert')).toHaveCount(0); // nothing left to fix
  await page.getByLabel('Email', { exact: true }).fill('accounts@kestrel.example');
  await page.getByLabel('Tax number').fill('123 456 782');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('accounts@kestrel.example')).toBeVisible();
  // The notice is said once: it leaves the address, and a reload shows the client without it.
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]+$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Client created.')).toHaveCount(0);
  // The tab names the client, as the heading does: "Client" told a screen reader nothing.
  await expect(page).toHaveTitle(`${name} · Practice Sync`);

  // Edit: add two contacts, both marked primary → refused inline; fix → saved.
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(page).toHaveTitle(`Edit ${name} · Practice Sync`);
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Contact 1 name').fill('Jordan Lee');
  await page.getByLabel('Contact 1 email').fill('jordan@kestrel.example');
  await page.getByRole('group', { name: 'Contact 1' }).getByLabel('Primary contact').check();
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Contact 2 name').fill('Sam Ortiz');
  await page.getByRole('group', { name: 'Contact 2' }).getByLabel('Primary contact').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Only one contact can be the primary contact.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Contact 2 name')).toHaveValue('Sam Ortiz');
  await page.getByRole('group', { name: 'Contact 2' }).getByLabel('Primary contact').uncheck();
  await page.getByLabel('Website').fill('kestrel.example');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  const contacts = page.getByRole('region', { name: 'Contacts' }).or(page.locator('section', { hasText: 'Contacts' }));
  await expect(contacts.getByText('Jordan Lee')).toBeVisible();
  await expect(contacts.getByText('Sam Ortiz')).toBeVisible();
  await expect(page.getByText('Primary', { exact: true })).toHaveCount(1);

  // Remove a contact.
  await page.getByRole('link', { name: 'Edit client' }).click();
  await page.getByRole('button', { name: 'Remove contact Sam Ortiz' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await expect(page.getByText('Sam Ortiz')).toHaveCount(0);

  // Archive (with confirmation) and restore.
  await page.getByRole('button', { name: 'Archive client' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('nothing is deleted');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Archive client' }).click();
  await expect(page.getByText('This client is archived.')).toBeVisible();
  // The archive is announced, and the earlier "Changes saved." is gone.
  await expect(page.getByText('Client archived.')).toBeVisible();
  await expect(page.getByText('Changes saved.')).toHaveCount(0);

  await page.goto('/clients');
  await page.getByLabel('Search clients').fill(name);
  await expect(page.getByText(/0 active clients matching/)).toBeVisible();
  await page.getByLabel('Show').selectOption('archived');
  await expect(page.getByRole('link', { name })).toBeVisible();
  await page.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Restore client' }).click();
  await expect(page.getByText('This client is archived.')).toHaveCount(0);
  await expect(page.getByText('Client restored.')).toBeVisible();

  // Found again among active clients, by name, by email and by tax number.
  for (const term of [name.split(' ').pop()!, 'accounts@kestrel', '456 782']) {
    await page.goto('/clients');
    await page.getByLabel('Search clients').fill(term);
    await expect(page.getByRole('link', { name })).toBeVisible();
  }
});

/** Presses a key on a control, as a keyboard user who got there does. */
async function press(locator: Locator, key = 'Enter') {
  await locator.focus();
  await locator.page().keyboard.press(key);
}

test('contacts by keyboard: "Add contact" takes focus to the new name, Enter there saves as in any field, and "Remove contact" hands focus to a neighbour and says so', async ({
  page,
}) => {
  const name = unique('Heron Advisory');
  const addContact = page.getByRole('button', { name: 'Add contact', exact: true });
  const contactName = (n: number) => page.getByRole('textbox', { name: `Contact ${n} name`, exact: true });
  const contactRows = page.getByRole('group', { name: /^Contact \d+$/ });

  // The trial, on the new client form: Tab to "Add contact", Enter, type a name, Enter. Focus
  // stayed on the button, so the space and the Enter added two more empty contacts.
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.locator('#client-postalCountry').focus();
  await page.keyboard.press('Tab');
  await expect(addContact).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(contactName(1)).toBeFocused();
  await expect(page.getByText('Contact 1 added.', { exact: true })).toHaveAttribute('aria-live', 'polite');
  await page.keyboard.type('Pat Nguyen');
  await expect(contactRows).toHaveCount(1);
  // Enter in a contact's field submits the form, as in the client's own fields; it adds no contact.
  await page.keyboard.press('Enter');
  await expect(page.getByText('Client created.')).toBeVisible();
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(contactRows).toHaveCount(1);
  await expect(contactName(1)).toHaveValue('Pat Nguyen');

  // The edit form: two more, each name typed where focus lands.
  await press(addContact);
  await expect(contactName(2)).toBeFocused();
  await page.keyboard.type('Sam Ortiz');
  await press(addContact);
  await expect(contactName(3)).toBeFocused();
  await page.keyboard.type('Lee Park');
  await expectNoAxeViolations(page);

  // Removed, a contact hands focus to the next one's name (Lee Park's, now Contact 2), and the removal is said.
  await press(page.getByRole('button', { name: 'Remove contact Contact 2', exact: true }));
  await expect(contactName(2)).toBeFocused();
  await expect(contactName(2)).toHaveValue('Lee Park');
  await expect(page.getByText('Contact 2 removed.', { exact: true })).toHaveAttribute('aria-live', 'polite');
  // The last one: to the previous one's name. The same words again are heard again: the live
  // region's text changes (a screen reader speaks a live region only when its text does).
  const removedStatus = page.locator('[aria-live="polite"]').filter({ hasText: 'Contact 2 removed.' });
  const saidFirst = await removedStatus.evaluate((region) => region.textContent);
  await press(page.getByRole('button', { name: 'Remove contact Contact 2', exact: true }));
  await expect(contactName(1)).toBeFocused();
  await expect.poll(() => removedStatus.evaluate((region) => region.textContent)).not.toBe(saidFirst);
  await expect(removedStatus).toHaveText('Contact 2 removed.');
  await expect(contactName(1)).toHaveValue('Pat Nguyen');
  // The only one: to "Add contact".
  await press(page.getByRole('button', { name: 'Remove contact Pat Nguyen', exact: true }));
  await expect(addContact).toBeFocused();
  await expect(page.getByText('Contact 1 removed.', { exact: true })).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByText('No contacts yet.')).toBeVisible();

  // On from there by keyboard alone: a new contact, saved with Enter in its name.
  await page.keyboard.press('Enter');
  await expect(contactName(1)).toBeFocused();
  await page.keyboard.type('Mo Reid');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(contactRows).toHaveCount(1);
  await expect(contactName(1)).toHaveValue('Mo Reid');
});

test('a saved, archived or restored client’s page has focus on what was done ("Client created.", "Changes saved."…), so a screen reader reads it and the keyboard goes on from there', async ({
  page,
}) => {
  // A trial: after Save changes the client's page showed "Changes saved." with focus on the
  // page's body, so a screen reader said nothing and started again from the top.
  const name = unique('Osprey Advisory');
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.keyboard.press('Enter');
  const created = page.getByText('Client created.', { exact: true });
  await expect(created).toHaveRole('status');
  await expectFocusShown(created);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByRole('link', { name: 'Edit client' }).click();
  await page.getByRole('textbox', { name: 'Phone' }).fill('+64 9 555 0101');
  await page.keyboard.press('Enter');
  const saved = page.getByText('Changes saved.', { exact: true });
  await expect(saved).toHaveRole('status');
  await expectFocusShown(saved);
  await expect(page.getByText('+64 9 555 0101')).toBeVisible();
  await lookAt(page, 'client-changes-saved-focused');
  // From the message, Shift+Tab reaches the page's actions just above it.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Archive client' })).toBeFocused();

  // Saved with the mouse, focus goes there too (a screen reader reads it); no ring is drawn for a pointer.
  await page.getByRole('link', { name: 'Edit client' }).click();
  await page.getByRole('textbox', { name: 'Phone' }).fill('+64 9 555 0102');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('+64 9 555 0102')).toBeVisible();
  await expect(saved).toBeFocused();

  // Archive and Restore each give way to the other as they are done: focus goes to what they did.
  await page.getByRole('button', { name: 'Archive client' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Archive client' }).click();
  await expect(page.getByText('Client archived.', { exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Restore client' }).click();
  await expect(page.getByText('Client restored.', { exact: true })).toBeFocused();
});

test('a refused save by keyboard shows where focus went: the summary of what to fix is outlined', async ({ page }) => {
  await page.goto('/clients/new');
  const name = page.getByRole('textbox', { name: 'Name', exact: true });
  await name.focus();
  // Enter with no name: refused, and focus moves to the summary, which a keyboard user must see.
  await page.keyboard.press('Enter');
  const summary = page.locator('#client-form-status');
  await expect(summary.getByRole('listitem')).toHaveText(['Name: Name is required.']);
  await expectFocusShown(summary);
});

test('the client list sorts, paginates and filters the demo practice', async ({ page }) => {
  await page.goto('/clients');
  await expect(page.getByText(/^\d+ active clients$/)).toBeVisible();
  await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
  const firstName = await page.locator('tbody tr').first().getByRole('link').textContent();
  await page.getByRole('link', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(page.locator('tbody tr').first().getByRole('link')).not.toHaveText(firstName ?? '');
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
  // A page past the end shows the last page, and the address says which.
  await page.goto('/clients?sort=-name&page=9999');
  const last = Number((await page.getByText(/Page \d+ of \d+/).textContent())?.match(/of (\d+)/)?.[1]);
  expect(last).toBeGreaterThan(1);
  await expect(page.getByText(`Page ${last} of ${last}`, { exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/clients\\?sort=-name&page=${last}$`));
  await page.goto('/clients');
  await page.getByLabel('Search clients').fill('Harbour Dental');
  await expect(page.getByRole('link', { name: 'Harbour Dental Pty Ltd', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Harbour Dental Pty. Ltd.', exact: true })).toBeVisible();
});

/** Answers each leave question with the next of `answers` (false: stay), and records it. */
function answerLeaveQuestions(page: Page) {
  const questions: string[] = [];
  const answers: boolean[] = [];
  page.on('dialog', (dialog) => {
    questions.push(dialog.type() === 'beforeunload' ? 'beforeunload' : dialog.message());
    void (answers.shift() ? dialog.accept() : dialog.dismiss());
  });
  return { questions, answerNext: (accept: boolean) => answers.push(accept) };
}

const EDIT_QUESTION = 'This client has unsaved changes. Leave without saving them?';
const NEW_QUESTION = 'This new client has not been created. Leave without creating it?';

test('leaving the client edit form with unsaved edits asks first, by a link, the header, Back and closing the tab; staying keeps the edits; saved or untouched, it never asks', async ({
  page,
}) => {
  const name = unique('Leave check client');
  const clientUrl = (await createClientNamed(page, name)).replace(/\?.*$/, '');
  const { questions, answerNext } = answerLeaveQuestions(page);

  // Nothing typed: leaving asks nothing.
  await page.goto(`${clientUrl}/edit`);
  const tradingName = page.getByRole('textbox', { name: 'Trading name' });
  await tradingName.fill('Kestrel');
  await tradingName.fill('');
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to client' }).click();
  await expect(page).toHaveURL(clientUrl);
  expect(questions).toEqual([]);

  // Opened from the client's page, so Back stays inside the app (the router, not a page load).
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(page).toHaveURL(`${clientUrl}/edit`);
  await tradingName.focus();
  await page.keyboard.type('Kestrel Books');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await lookAt(page, 'client-edit-unsaved');

  // The page's own link back: stay, and the typed value is still there.
  answerNext(false);
  await page.getByRole('link', { name: 'Back to client' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => questions.length).toBe(1);
  await expect(page).toHaveURL(`${clientUrl}/edit`);
  await expect(tradingName).toHaveValue('Kestrel Books');

  // The header's navigation: stay.
  answerNext(false);
  await page.getByRole('link', { name: 'Proposals', exact: true }).click();
  await expect.poll(() => questions.length).toBe(2);
  await expect(page).toHaveURL(`${clientUrl}/edit`);

  // The browser's Back button: stay; the page is never left.
  answerNext(false);
  await page.evaluate(() => window.history.back());
  await expect.poll(() => questions.length).toBe(3);
  await expect(page).toHaveURL(`${clientUrl}/edit`);
  await expect(tradingName).toHaveValue('Kestrel Books');
  expect(questions).toEqual(Array(3).fill(EDIT_QUESTION));

  // Reloading or closing the tab: the browser's own question (beforeunload). Stay.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => questions.length).toBe(4);
  expect(questions[3]).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);
  await expect(tradingName).toHaveValue('Kestrel Books');

  // Saved: no question on the way to the client's page, nor when leaving it.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await expect(page).toHaveURL(clientUrl);
  await expect(page.getByText('Kestrel Books')).toBeVisible();
  await page.getByRole('link', { name: 'Proposals', exact: true }).click();
  await expect(page).toHaveURL(/\/proposals$/);
  expect(questions).toHaveLength(4);
});

test('leaving the new client form with something typed asks first; staying keeps it; creating it asks nothing', async ({ page }) => {
  const { questions, answerNext } = answerLeaveQuestions(page);
  // Nothing typed: leaving asks nothing.
  await page.goto('/clients/new');
  await page.getByRole('link', { name: 'Back to clients' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  expect(questions).toEqual([]);

  // Opened from the list, so Back stays inside the app (the router, not a page load).
  await page.getByRole('link', { name: 'New client' }).click();
  await expect(page).toHaveURL(/\/clients\/new$/);
  const tradingName = page.getByRole('textbox', { name: 'Trading name' });
  await tradingName.fill('Osprey Trading');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  answerNext(false);
  await page.getByRole('link', { name: 'Back to clients' }).click();
  await expect.poll(() => questions.length).toBe(1);
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(tradingName).toHaveValue('Osprey Trading');

  answerNext(false);
  await page.evaluate(() => window.history.back());
  await expect.poll(() => questions.length).toBe(2);
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(tradingName).toHaveValue('Osprey Trading');
  expect(questions).toEqual(Array(2).fill(NEW_QUESTION));

  // A contact row added and removed again is no change at all; one added is.
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Contact 1 name').fill('Pat Lee');
  await tradingName.fill('');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Remove contact Contact 1' }).click();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);

  // Leave this time: the clients list, nothing created.
  await tradingName.fill('Osprey Trading');
  answerNext(true);
  await page.getByRole('link', { name: 'Back to clients' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  expect(questions).toEqual(Array(3).fill(NEW_QUESTION));

  // Created: no question on the way to its page, nor when leaving it.
  const name = unique('Osprey Holdings');
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(page).toHaveURL(/\/clients$/);
  expect(questions).toHaveLength(3);
});

test('the client list announces its result line when a search or the Show filter has changed the list, from one live region', async ({ page }) => {
  await page.goto('/clients');
  const liveRegions = page.locator('[aria-live], [role="status"], [role="alert"], [role="log"]');
  const resultLine = page.getByRole('status').filter({ hasText: /^\d+ active clients$/ });
  await expect(resultLine).toHaveCount(1);
  // The same element throughout: a live region is heard when its text changes, not when it is replaced.
  const line = await resultLine.elementHandle();
  const lineNow = () => line!.evaluate((element) => (element.isConnected ? element.textContent : 'replaced'));

  const term = unique('no-such-client');
  await page.getByLabel('Search clients').fill(term);
  await expect.poll(lineNow).toBe(`0 active clients matching “${term}”`);
  await expect(liveRegions.filter({ hasText: term })).toHaveCount(1);

  await page.getByLabel('Show').selectOption('all');
  await expect.poll(lineNow).toBe(`0 clients matching “${term}”`);
  await expect(liveRegions.filter({ hasText: term })).toHaveCount(1);
  await expect(liveRegions.filter({ hasText: 'Searching…' })).toHaveCount(0);
});

test('a search longer than 100 characters keeps its text, says why beside the box, and shows no list as if it were the result', async ({ page }) => {
  const tooLong = 'Searches are limited to 100 characters — shorten it to search.';
  const notRun = 'Search not run: searches are limited to 100 characters.';
  await page.goto('/clients');
  const box = page.getByLabel('Search clients');
  const resultLine = page.getByRole('status').filter({ hasText: /^\d+ active clients$/ });
  await expect(resultLine).toHaveCount(1);
  // The same live region throughout, so the change is heard.
  const line = await resultLine.elementHandle();
  const lineNow = () => line!.evaluate((element) => (element.isConnected ? element.textContent : 'replaced'));

  // 101 characters (Harbour Dental is in every demo practice: before the fix the list showed every client).
  const long = `Harbour Dental ${'x'.repeat(86)}`;
  expect(long).toHaveLength(101);
  await box.fill(long);
  await expect(box).toHaveValue(long);
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveAccessibleDescription(tooLong);
  await expect.poll(lineNow).toBe(notRun);
  await expect(page).toHaveURL(/[?&]q=Harbour/);
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Harbour Dental/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await lookAt(page, 'clients-search-too-long');

  // A shared or reloaded address says the same, with the text kept.
  await page.reload();
  await expect(page.getByLabel('Search clients')).toHaveValue(long);
  await expect(page.getByLabel('Search clients')).toHaveAccessibleDescription(tooLong);
  await expect(page.getByRole('status').filter({ hasText: notRun })).toHaveCount(1);
  await expect(page.getByRole('table')).toHaveCount(0);

  // Shortened to 100, it searches again: no error, and the line says what was searched.
  const box2 = page.getByLabel('Search clients');
  await box2.press('End');
  await box2.press('Backspace');
  await expect(box2).not.toHaveAttribute('aria-invalid');
  await expect(page.getByText(tooLong)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `0 active clients matching “${long.slice(0, 100)}”` })).toHaveCount(1);

  // The proposals list does the same.
  await page.goto(`/proposals?q=${encodeURIComponent(long)}`);
  await expect(page.getByLabel('Search proposals')).toHaveValue(long);
  await expect(page.getByLabel('Search proposals')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Search proposals')).toHaveAccessibleDescription(tooLong);
  await expect(page.getByRole('status').filter({ hasText: notRun })).toHaveCount(1);
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('the client form refuses a website that is not one, warns about a name or tax number another client has, and saves the same tax number once confirmed', async ({ page }) => {
  // A client with a tax number no other has.
  const taxNumber = `9${Date.now().toString().slice(-8)}`;
  const first = unique('Bluegum Physio');
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(first);
  await page.getByLabel('Tax number').fill(taxNumber);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  const firstUrl = new URL(page.url()).pathname;

  await page.goto('/clients/new');
  const hint = page.getByTestId('duplicate-hint');
  // A name like an existing client's: a warning with a link to it.
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Harbour Dental');
  await expect(hint.getByRole('link', { name: /^Harbour Dental Pty Ltd/ })).toBeVisible();
  await expect(hint).toContainText('same name');
  // The same tax number, spaced differently.
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Something Else Entirely');
  await page.getByLabel('Tax number').fill(taxNumber.replace(/(\d{3})(?=\d)/g, '$1 '));
  const link = hint.getByRole('link', { name: new RegExp(`^${first}`) });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', firstUrl);
  await expect(hint).toContainText('same tax number');
  await expectNoAxeViolations(page);

  // Not a website: refused by the field. Fixed, the same tax number is asked about once (it used to
  // save with only the hint's warning); said to be a different business, it saves.
  await page.getByLabel('Website').fill('bluegum physio');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.locator('#client-website-error')).toHaveText('Enter a website like example.com.au or https://example.com.');
  await page.getByLabel('Website').fill('bluegumphysio.com.au');
  await expect(page.locator('#client-website-error')).toHaveText('');
  await page.getByRole('button', { name: 'Create client' }).click();
  const refusal = page.locator('#client-form-status').getByRole('alert');
  await expect(refusal.getByRole('link', { name: new RegExp(`^${first}`) })).toHaveAttribute('href', firstUrl);
  await expect(refusal).toContainText('same tax number');
  await refusal.getByRole('checkbox', { name: 'Save anyway — it is a different business' }).check();
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  await expect(page.getByText('bluegumphysio.com.au')).toBeVisible();

  // Editing that client does not warn about itself, only about the other one.
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(page.getByTestId('duplicate-hint').getByRole('link')).toHaveText([new RegExp(`^${first}`)]);
});

test.describe('a client made from an XPM record', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('keeps the tax number ending XPM showed ("ending 635"), on the client page and in the list, until a whole number typed here replaces it', async ({ browser }) => {
    const { page, context } = await signUpPractice(browser);
    await connectXpm(page);
    await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/);

    // The picker shows an XPM client's masked tax number as its ending; pick one that has one.
    await page.goto('/proposals/new');
    await page.getByRole('textbox', { name: /Title/ }).fill(unique('Masked tax'));
    await page.getByRole('combobox', { name: 'Find a client' }).fill('Ha');
    const option = page
      .getByRole('group', { name: /^XPM clients/ })
      .getByRole('option')
      .filter({ hasText: /Tax no\. ending \d{3}/ })
      .first();
    await expect(option).toBeVisible();
    const name = (await option.locator('span.font-medium').first().innerText()).trim();
    const ending = /Tax no\. ending (\d{3})/.exec(await option.innerText())![1]!;
    await option.click();
    await page.keyboard.press('Control+s');
    await expect(page.getByText(`Proposal saved. Created the client “${name}” from XPM and linked it.`)).toBeVisible();

    // The list and the client page say what is known: the ending, not "—".
    await page.goto(`/clients?q=${encodeURIComponent(name)}`);
    const row = page.getByRole('row', { name: new RegExp(escapeRegExp(name)) });
    await expect(row.getByRole('cell', { name: `ending ${ending}`, exact: true })).toBeVisible();
    await lookAt(page, 'client-list-masked-tax-number');
    await row.getByRole('link', { name }).click();
    const taxNumber = page.getByRole('definition').filter({ hasText: `ending ${ending}` });
    await expect(taxNumber).toContainText('XPM shows only the last digits.');
    await expect(page.getByText(/\*{3,}/)).toHaveCount(0);
    await expectNoAxeViolations(page);
    await lookAt(page, 'client-masked-tax-number');

    // A whole number typed later replaces the ending.
    await page.getByRole('link', { name: 'Edit client' }).click();
    const field = page.getByRole('textbox', { name: 'Tax number' });
    await expect(field).toHaveValue('');
    await expect(field).toHaveAccessibleDescription(new RegExp(`XPM shows only the ending ${ending}\\. Type the whole number`));
    await field.fill(`987 654 ${ending}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Changes saved.')).toBeVisible();
    await expect(
      page
        .getByRole('definition')
        .filter({ hasText: `987 654 ${ending}` })
        .first(),
    ).toBeVisible();
    await expect(page.getByText('XPM shows only the last digits.')).toHaveCount(0);
    await page.goto(`/clients?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole('row', { name: new RegExp(escapeRegExp(name)) }).getByRole('cell', { name: `987 654 ${ending}` })).toBeVisible();
    await context.close();
  });
});

test.describe('editing a client linked to its app', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('says above the fields that XPM’s values replace them, and marks the fields XPM gives, only while XPM is the source (Client name: the name only); an unlinked client gets no notice', async ({
    browser,
  }) => {
    const { page, context } = await signUpPractice(browser);
    await connectXpm(page);
    await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/);
    const name = await proposalWithPickedXpmClient(page, unique('Source notice'));
    await page.goto(`/clients?q=${encodeURIComponent(name)}`);
    await page.getByRole('link', { name, exact: true }).first().click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const linkedEdit = `${page.url()}/edit`;
    const unlinkedEdit = `${await createClientNamed(page, unique('Quokka Quilting'))}/edit`;
    const notice = page.getByRole('note');
    // Business structure is a combobox (it suggests structures); the rest are textboxes.
    const field = (label: string) => page.getByRole(label === 'Business structure' ? 'combobox' : 'textbox', { name: label, exact: true });

    // A new connection's Sync data is Nothing: XPM overwrites nothing, so nothing is said.
    await page.goto(linkedEdit);
    await expect(field('Name')).toHaveValue(name);
    await expect(notice).toHaveCount(0);
    await expect(page.getByText('From XPM')).toHaveCount(0);

    await saveXpmSettings(page, 'Client name', 'From XPM');
    await page.goto(linkedEdit);
    await expect(notice).toContainText('XPM is the source of this client’s name');
    await expect(notice).toContainText('XPM’s Sync data is Client name, so no other field comes from XPM.');
    await expect(field('Name')).toHaveAccessibleDescription('From XPM.');
    await expect(field('Email')).not.toHaveAccessibleDescription(/From XPM/);
    await page.goto(unlinkedEdit);
    await expect(field('Name')).toBeVisible();
    await expect(notice).toHaveCount(0);

    await saveXpmSettings(page, 'Everything', 'From XPM');
    await page.goto(linkedEdit);
    await expect(notice).toContainText('XPM is the source of this client’s details');
    await expect(notice).toContainText(
      'the fields marked “From XPM” (name, business structure, email, phone, website, business number, street address, postal address and contacts)',
    );
    await expect(notice).toContainText('A field XPM leaves empty keeps what you type, and each change is kept in this client’s history.');
    await expect(page.locator('form').filter({ has: field('Name') })).toHaveAccessibleDescription(/XPM is the source of this client’s details/);
    for (const label of ['Name', 'Email', 'Phone', 'Business structure']) await expect(field(label)).toHaveAccessibleDescription(/^From XPM\./);
    await expect(field('Website')).toHaveAccessibleDescription('From XPM. For example example.com.au');
    await expect(field('Business number')).toHaveAccessibleDescription('From XPM. ABN, EIN, NZBN or company number.');
    // XPM has no legal or trading name, and masks tax numbers: what is typed there stays.
    for (const label of ['Legal name', 'Trading name', 'Tax number']) await expect(field(label)).not.toHaveAccessibleDescription(/From XPM/);
    for (const group of ['Street address', 'Postal address', 'Contacts']) await expect(page.getByRole('group', { name: `${group} (from XPM)`, exact: true })).toBeVisible();
    // An address is marked once, on its group.
    await expect(page.getByRole('group', { name: 'Street address (from XPM)' }).getByRole('textbox', { name: 'City' })).not.toHaveAccessibleDescription(/From XPM/);
    await expectNoAxeViolations(page);
    await lookAt(page, 'client-edit-source-notice');

    // To XPM: this client's values go to XPM, nothing here is overwritten.
    await saveXpmSettings(page, 'Everything', 'To XPM');
    await page.goto(linkedEdit);
    await expect(field('Name')).toHaveValue(name);
    await expect(notice).toHaveCount(0);
    await expect(page.getByText('From XPM')).toHaveCount(0);
    await context.close();
  });
});

/** On Integrations: XPM's Sync data and Sync direction, saved. */
async function saveXpmSettings(page: Page, data: 'Everything' | 'Client name', direction: 'From XPM' | 'To XPM') {
  await page.goto('/integrations');
  const sync = page.getByTestId('xpm-client-sync');
  await sync.getByRole('radio', { name: new RegExp(`^${data}( Not available)?$`) }).check();
  await sync.getByRole('radio', { name: new RegExp(`^${direction}( Not available)?$`) }).check();
  await sync.getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
  await expect(page.getByTestId('xpm-sync-status')).toContainText('Saved.');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
