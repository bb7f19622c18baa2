import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { AUTHOR_STATE, signUpPractice, unique } from './fixtures';
import { expectFocusShown } from './focus-shown';
import { lookAt } from './look-at';

test('an admin adds a member, changes their role and removes them; the last admin is told before trying', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  await page.getByRole('link', { name: 'Add member' }).click();

  await page.getByLabel('Name').fill('Robin Writer');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();

  const email = `${unique('robin').replace(/\s+/g, '')}@example.com`;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Initial password').fill('a-long-initial-password');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByText('Member added.')).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/members$/);
  const row = page.getByRole('row', { name: /Robin Writer/ });
  // The role is shown once, as the control that changes it (the badge, "Author", is for authors' view).
  const robinRole = row.getByLabel('Role for Robin Writer');
  await expect(robinRole).toHaveValue('author');
  await expect(row.locator('span').filter({ hasText: /^Author$/ })).toHaveCount(0); // no badge beside the select's option

  // The owner is the only admin: said beside their role before anyone tries, and no confirmation opens.
  const owner = page.getByRole('row', { name: /Pat Owner/ });
  const onlyAdmin = 'The only admin. Make someone else an admin before changing or removing them.';
  await expect(owner.getByText(onlyAdmin)).toBeVisible();
  await expect(owner.getByLabel('Role for Pat Owner')).toBeDisabled();
  const removeOwner = owner.getByRole('button', { name: 'Remove Pat Owner' });
  await expect(removeOwner).toHaveAttribute('aria-disabled', 'true');
  await expect(removeOwner).toHaveAccessibleDescription(onlyAdmin);
  await removeOwner.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Arrowing through the roles saves nothing (a native select changes on each arrow key):
  // "Save role" does, with the outcome said, and focus stays on the select.
  await robinRole.focus();
  await page.keyboard.press('ArrowUp');
  await expect(robinRole).toHaveValue('admin');
  const saveRobin = row.getByRole('button', { name: 'Save role for Robin Writer' });
  await expect(saveRobin).toBeVisible();
  await expect(owner.getByText(onlyAdmin)).toBeVisible();
  await saveRobin.click();
  await expect(row.getByText('Saved: Robin Writer is now an admin.')).toBeVisible();
  await expect(robinRole).toBeFocused();
  await expect(saveRobin).toHaveCount(0);
  // With a second admin the owner may leave; the dialog speaks to them about their own work.
  await expect(owner.getByText(onlyAdmin)).toHaveCount(0);
  await expect(robinRole).toHaveValue('admin');
  await removeOwner.click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('heading')).toHaveText(/^Leave .+\?$/);
  await expect(dialog).toContainText('You will be signed out and can no longer sign in to this practice. The proposals and history you worked on are kept.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // The role changes refreshed the page; "Member added." was said once and stays gone.
  await expect(page.getByText('Member added.')).toHaveCount(0);
  await robinRole.selectOption('author');
  await row.getByRole('button', { name: 'Save role for Robin Writer' }).click();
  await expect(owner.getByText(onlyAdmin)).toBeVisible();

  await row.getByRole('button', { name: 'Remove Robin Writer' }).click();
  await expect(dialog).toContainText('Robin Writer will no longer be able to sign in to this practice. The proposals and history they worked on are kept.');
  await dialog.getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('row', { name: /Robin Writer/ })).toHaveCount(0);

  // The removed member can no longer sign in.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in');
  await otherPage.getByLabel('Email').fill(email);
  await otherPage.getByLabel('Password').fill('a-long-initial-password');
  await otherPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(otherPage.locator('form [role=alert]')).toHaveText('That email and password do not match an account.');
  await other.close();
  await context.close();
});

test('after Add member, focus is on "Member added.", so a screen reader reads it and Tab goes on from it', async ({ browser }) => {
  // A trial: the members page came back with "Member added." on it and focus on the body; a
  // live region already there as the page loads is not read, so nothing was said.
  const { page, context } = await signUpPractice(browser);
  await page.goto('/settings/members/new');
  await page.getByLabel('Name').fill('Kim Keys');
  await page.getByLabel('Email').fill(`${unique('kim').replace(/\s+/g, '')}@example.com`);
  await page.getByLabel('Initial password').fill('a-long-initial-password');
  // By keyboard: Enter in the last field sends the form.
  await page.getByLabel('Initial password').press('Enter');
  await expect(page).toHaveURL(/\/settings\/members$/);
  const added = page.getByRole('status').filter({ hasText: 'Member added.' });
  await expect(added).toHaveText('Member added. They can sign in now with the password you set.');
  await expectFocusShown(added);
  await lookAt(page, 'members-added-focused');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('region', { name: 'Members' })).toBeFocused();

  // By mouse, a second time: the message arrives anew and has focus again.
  await page.getByRole('link', { name: 'Add member' }).click();
  await page.getByLabel('Name').fill('Mo Mouse');
  await page.getByLabel('Email').fill(`${unique('mo').replace(/\s+/g, '')}@example.com`);
  await page.getByLabel('Initial password').fill('a-long-initial-password');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('row', { name: /Mo Mouse/ })).toBeVisible();
  await expect(added).toBeFocused();
  await context.close();
});

test.describe('as an author', () => {
  test.use({ storageState: AUTHOR_STATE });

  test('sees the members but cannot open member management', async ({ page }) => {
    await page.goto('/settings/members');
    await expect(page.getByRole('row', { name: /Alex Admin/ })).toBeVisible();
    // The role as a word, not lowercase made to look capitalised (a screen reader read "admin").
    await expect(page.getByRole('row', { name: /Alex Admin/ }).getByText('Admin', { exact: true })).toBeVisible();
    await expect(
      page
        .getByRole('row', { name: /Avery Author/ })
        .getByRole('cell')
        .first(),
    ).toHaveText(/^Avery Author \(you\)/);
    await expect(page.getByText('Only practice admins can add, change or remove members.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Add member' })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: /Role for/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);

    await page.goto('/settings/members/new');
    await expect(page.getByText('That page is for practice admins.')).toBeVisible();
    // Said once: the notice leaves the address, so a reload shows the dashboard without it.
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByText('That page is for practice admins.')).toHaveCount(0);
  });
});
