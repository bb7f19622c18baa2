import { expect, test } from '@playwright/test';
import { connectXpm, proposalWithPickedXpmClient } from './apps';
import { expectNoAxeViolations } from './axe';
import { signUpPractice, unique } from './fixtures';

test.use({ storageState: { cookies: [], origins: [] } });

test('the client list shows which clients are linked to an app, and filters by link', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  const local = unique('Local Only');
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(local);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();

  // A client linked to XPM, as the picker makes one.
  await connectXpm(page);
  await expect(page.getByTestId('xpm-directory-count')).toContainText(/[1-9][\d,]* clients/);
  const linked = await proposalWithPickedXpmClient(page, unique('Linked'));

  await page.goto('/clients');
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row(linked).getByRole('cell').nth(1)).toHaveText('XPM');
  await expect(row(local).getByRole('cell').nth(1)).toHaveText('Not linked');
  // Updated today: the time, in the practice's zone (Sydney); the whole moment on hover, its
  // month by name in the practice's locale: never 02/12/2026.
  const updated = row(local).getByRole('cell').last();
  await expect(updated).toHaveText(/^(Today|Yesterday), \d{1,2}:\d{2} [ap]m AE[DS]T$/);
  await expect(updated.locator('time')).toHaveAttribute('title', /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{1,2}:\d{2} [ap]m AE[DS]T$/);
  await expectNoAxeViolations(page);

  const filter = page.getByLabel('Linked to');
  await filter.selectOption({ label: 'XPM' });
  await expect(page).toHaveURL(/link=xpm/);
  await expect(page.getByText('1 active client linked to XPM')).toBeVisible();
  await expect(row(linked)).toBeVisible();
  await expect(row(local)).toHaveCount(0);

  await filter.selectOption({ label: 'No app' });
  await expect(page.getByText('1 active client linked to no app')).toBeVisible();
  await expect(row(local)).toBeVisible();
  await expect(row(linked)).toHaveCount(0);

  await filter.selectOption({ label: 'Gusto' });
  await expect(page.getByText('No clients match your search')).toBeVisible();

  // The client's Sync section names fields as the form does, and a field edited here says so instead of "from XPM".
  await page.goto('/clients?link=xpm');
  await page.getByRole('link', { name: linked, exact: true }).click();
  const sync = page.getByRole('region', { name: 'Sync' });
  const origins = sync.getByRole('listitem').filter({ hasText: /^(From|Edited)/ });
  await expect(origins.filter({ hasText: /^From XPM when the client was created from it, .+: Name, / })).toHaveCount(1);
  await expect(sync).not.toContainText(/streetLine1|postalCountry|businessNumber/);
  await page.getByRole('link', { name: 'Edit client' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`${linked} (edited)`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  // The name leaves XPM's line for a line of its own: edited here, by whom.
  await expect(origins.filter({ hasText: /^From XPM when the client was created from it, .+: Name, / })).toHaveCount(0);
  await expect(origins.filter({ hasText: /^Edited here by .+: Name\.$/ })).toHaveCount(1);
  await context.close();
});
