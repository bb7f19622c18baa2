import { expect, test } from '@playwright/test';
import { connectXpm } from './apps';
import { signUpPractice } from './fixtures';

/**
 * Issue 14 (req 2): a page's confirmation and preview dialogs load their code when someone asks
 * for them, not with the page: every module a page evaluates and every component it hydrates
 * as it loads adds to the time a phone cannot respond. Opened, they behave as before: named,
 * focus inside, Escape closes, focus back on the button that opened them.
 */
test.use({ storageState: { cookies: [], origins: [] } });

// Radix's alert dialog, by the name its parts carry in the built code.
const DIALOG_CODE = 'AlertDialogContent';

test('the Integrations page loads its dialogs on demand, and they open, close and return focus', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');

  // Each script the page fetched, and whether it carries the dialog's code.
  const scripts: Promise<{ url: string; dialog: boolean }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(
        response
          .text()
          .catch(() => '')
          .then((code) => ({ url: response.url(), dialog: code.includes(DIALOG_CODE) })),
      );
  });
  await page.goto('/integrations');
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.length).toBeGreaterThan(0);
  const withDialog = async () => (await Promise.all(scripts)).filter((script) => script.dialog).map((script) => script.url);
  expect(await withDialog()).toEqual([]);

  // The confirmation: announced as opening a dialog, and focus comes back when it closes.
  const disconnect = page.getByTestId('xpm-card').getByRole('button', { name: 'Disconnect XPM' });
  await expect(disconnect).toHaveAttribute('aria-haspopup', 'dialog');
  await disconnect.focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Disconnect XPM?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(disconnect).toBeFocused();

  // The settings preview, by pointer this time.
  const apply = page.getByTestId('recommended-setup').getByRole('button', { name: 'Apply recommended setup' });
  await apply.click();
  const preview = page.getByRole('alertdialog', { name: 'Apply the recommended setup?' });
  await expect(preview.getByTestId('preview-changes')).toBeVisible();
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toHaveCount(0);
  await expect(apply).toBeFocused();
  // Code that is now needed was loaded for it.
  expect((await withDialog()).length).toBeGreaterThan(0);
  await context.close();
});
