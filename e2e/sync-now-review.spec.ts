import { expect, test } from '@playwright/test';
import { connectXpm } from './apps';
import { signUpPractice, unique } from './fixtures';
import { lookAt } from './look-at';

/**
 * Issue 12: a manual run gets the mass-change guard's warning too and needs one more
 * confirmation. Ten clients are linked to XPM records that XPM then renames; with XPM the
 * source, "Sync now" reads the renames, pauses instead of applying, and the card says so and
 * links to the review; the admin approves there and the run applies.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

interface XpmSummary {
  id: string;
  name: string;
  isArchived: boolean;
  isDeleted: boolean;
  isProspect: boolean;
}

test('Sync now that would overwrite every linked client pauses on the card until the admin approves it', async ({ browser }) => {
  test.setTimeout(240_000);
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');

  // Ten XPM clients (a part of the seed no other spec renames) become clients here, linked.
  const { clients } = (await (await page.request.get(`${SANDBOX}/__sandbox/xpm/clients?limit=1500`)).json()) as { clients: XpmSummary[] };
  const stamp = unique('n').replace(/\W/g, '').slice(-6);
  const chosen = clients.filter((c) => !c.isArchived && !c.isDeleted && !c.isProspect && /^[A-Za-z ]+$/.test(c.name)).slice(720, 730);
  expect(chosen).toHaveLength(10);
  for (const record of chosen) {
    await page.goto('/proposals/new');
    await page.getByRole('textbox', { name: /Title/ }).fill(`Review ${record.name}`);
    await page.getByRole('combobox', { name: 'Find a client' }).fill(record.name);
    await page
      .getByRole('group', { name: /^XPM clients/ })
      .getByRole('option')
      .filter({ hasText: record.name })
      .first()
      .click();
    await page.keyboard.press('Control+s');
    await expect(page.getByText(/^Proposal saved\./)).toBeVisible();
  }
  for (const record of chosen) {
    const changed = await page.request.post(`${SANDBOX}/__sandbox/records/change`, { data: { app: 'xpm', id: record.id, fields: { name: `${record.name} ${stamp}` } } });
    expect(changed.ok()).toBe(true);
  }

  await page.goto('/integrations');
  const sync = page.getByTestId('xpm-client-sync');
  await sync.getByRole('radio', { name: /^Everything( Not available)?$/ }).check();
  await sync.getByRole('radio', { name: /^From XPM( Not available)?$/ }).check();
  await sync.getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
  await expect(page.getByTestId('xpm-sync-status')).toContainText('Saved.');

  // Sync now (or the scheduler's first run, if it got there first: the card follows either) pauses.
  const card = page.getByTestId('xpm-sync-now');
  await card.getByRole('button', { name: 'Sync now from XPM' }).click();
  const progress = page.getByTestId('xpm-sync-progress');
  await expect(progress.getByRole('status')).toHaveText(/^Paused for review: .*nothing applied yet\.$/, { timeout: 60_000 });
  await lookAt(page, 'sync-now-paused-card');
  // Nothing applied yet: the clients keep their names.
  const list = await context.newPage();
  await list.goto('/clients');
  await expect(list.getByRole('link', { name: chosen[0]!.name, exact: true })).toBeVisible();
  await list.close();

  await progress.getByRole('link', { name: 'Review the changes and apply or discard them' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Needs review');
  await expect(page.getByTestId('review-reason')).toHaveText('This sync needs a second look: it would overwrite values of 10 of 10 linked clients (100%).');
  await page.getByRole('button', { name: 'Approve and apply' }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.goto('/clients');
  await expect(page.getByRole('link', { name: `${chosen[0]!.name} ${stamp}` })).toBeVisible();
  await context.close();
});
