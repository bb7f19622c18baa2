import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './fixtures';

test.use({ storageState: ADMIN_STATE });

/**
 * The client form's "This may be a client you already have" (components/clients/duplicate-hint.tsx)
 * is read out once: a live region inside another made screen readers say it twice.
 */
test("the client form's duplicate warning is in exactly one live region", async ({ page }) => {
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Harbour Dental');
  const warning = page.getByTestId('duplicate-hint').getByText(/may be (a client|one of \d+ clients) you already have:/);
  await expect(warning).toBeVisible();
  const liveRegions = await warning.evaluate((element) => {
    let count = 0;
    for (let node: Element | null = element; node; node = node.parentElement) {
      if (node.hasAttribute('aria-live') || ['status', 'alert', 'log'].includes(node.getAttribute('role') ?? '')) count += 1;
    }
    return count;
  });
  expect(liveRegions).toBe(1);
});
