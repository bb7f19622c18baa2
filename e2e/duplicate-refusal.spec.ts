import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createClientNamed, signUpPractice } from './fixtures';
import { lookAt } from './look-at';

test.use({ storageState: { cookies: [], origins: [] } });

/**
 * A user trial typed an existing client's name (as its normalised self) on New client and pressed
 * Enter at once: the browser's duplicate hint waits 300 ms before it asks, and the save did not
 * check at all, so a duplicate was made without a word. The save itself now refuses it once,
 * naming the client, and saves when the person says it is a different business.
 */
test('New client: the name of a client the practice has, typed and sent at once, is refused once with the client named, then saved when confirmed', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  const existingUrl = new URL(await createClientNamed(page, 'Acacia Dental Ltd')).pathname;

  // The hint answers late here, so only the save can have caught it.
  await page.route(/\/api\/client-search\/duplicates\?/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue().catch(() => undefined);
  });
  await page.goto('/clients/new');
  const name = page.getByRole('textbox', { name: 'Name', exact: true });
  await name.fill('acacia dental ltd');
  await page.getByLabel('Email', { exact: true }).fill('front.desk@acacia.example');
  await name.press('Enter');

  // Refused: focus on the message, which names the client with a link to it; nothing typed is lost.
  const status = page.locator('#client-form-status');
  await expect(status).toBeFocused();
  const refusal = status.getByRole('alert');
  await expect(refusal).toContainText('Not saved. This may be a client you already have:');
  await expect(refusal.getByRole('link', { name: /^Acacia Dental Ltd/ })).toHaveAttribute('href', existingUrl);
  await expect(refusal).toContainText('same name');
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(name).toHaveValue('acacia dental ltd');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('front.desk@acacia.example');
  await expectNoAxeViolations(page);
  await lookAt(page, 'client-duplicate-refusal');

  // By keyboard from the message: the client's link, then the box. Ticked, it saves.
  await page.keyboard.press('Tab');
  await expect(refusal.getByRole('link', { name: /^Acacia Dental Ltd/ })).toBeFocused();
  await page.keyboard.press('Tab');
  const differentBusiness = refusal.getByRole('checkbox', { name: 'Save anyway — it is a different business' });
  await expect(differentBusiness).toBeFocused();
  await page.keyboard.press('Space');
  await expect(differentBusiness).toBeChecked();
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'acacia dental ltd' })).toBeVisible();
  await context.close();
});
