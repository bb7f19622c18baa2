import { expect, test } from '@playwright/test';
import { connectGustoCompany, connectXpm, proposalWithPickedXpmClient } from './apps';
import { expectNoAxeViolations } from './axe';
import { signUpPractice, unique } from './fixtures';
import { lookAt } from './look-at';

/**
 * Issue 12: before "Apply recommended setup" and "Make X the source instead", when clients are
 * linked, the dialog says what the next sync would do under the new settings (the engine's own
 * preview, read-only) and links to every client's before → after. A client is linked to an XPM
 * record that XPM then renames; nothing is applied by looking.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

test('settings dialogs preview the next sync under the new settings, and looking changes nothing', async ({ browser }) => {
  test.setTimeout(180_000);
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await connectGustoCompany(page, 'Garcia & Brown Architects');
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');

  // One client linked to XPM; XPM then renames the record, and the directory is read again.
  const name = await proposalWithPickedXpmClient(page, 'Settings preview');
  const { clients } = (await (await page.request.get(`${SANDBOX}/__sandbox/xpm/clients?limit=1500`)).json()) as { clients: { id: string; name: string }[] };
  const record = clients.find((c) => c.name === name)!;
  const renamed = `${name} ${unique('r').replace(/\W/g, '').slice(-5)}`;
  expect((await page.request.post(`${SANDBOX}/__sandbox/records/change`, { data: { app: 'xpm', id: record.id, fields: { name: renamed } } })).ok()).toBe(true);
  await page.goto('/integrations');
  await page.getByTestId('xpm-card').getByRole('button', { name: 'Refresh now (XPM directory)' }).click();
  await expect(page.getByTestId('xpm-card')).toContainText(/Refreshed: .* checked, [1-9]\d* changed/, { timeout: 30_000 });

  // Apply recommended setup (XPM To XPM): the sync would send our name back to XPM. Cancelled.
  await page.getByTestId('recommended-setup').getByRole('button', { name: 'Apply recommended setup' }).click();
  const preset = page.getByRole('alertdialog', { name: 'Apply the recommended setup?' });
  await expect(preset.getByTestId('upcoming-sync-xpm')).toHaveText(/^A sync to XPM now would send 1 client to XPM\./);
  await expect(preset.getByTestId('upcoming-sync-gusto')).toHaveCount(0); // no client is linked to Gusto
  await expectNoAxeViolations(page);
  await preset.getByRole('button', { name: 'Cancel' }).click();

  // Gusto becomes the source by hand; then "Make XPM the source instead" previews a sync from XPM.
  const gusto = page.getByTestId('gusto-client-sync');
  await gusto.getByRole('radio', { name: /^Everything( Not available)?$/ }).check();
  await gusto.getByRole('radio', { name: /^From Gusto( Not available)?$/ }).check();
  await gusto.getByRole('button', { name: 'Save changes to Gusto sync settings' }).click();
  await expect(page.getByTestId('gusto-sync-status')).toContainText('Saved.');
  await page.getByTestId('xpm-client-sync').getByRole('button', { name: 'Make XPM the source instead' }).click();
  const makeSource = page.getByRole('alertdialog', { name: 'Make XPM your client source?' });
  await expect(makeSource.getByTestId('upcoming-sync-xpm')).toContainText('A sync from XPM now would update 1 client.');
  await lookAt(page, 'make-source-dialog-with-preview');
  await makeSource.getByRole('link', { name: "See each client's changes in the XPM preview" }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Preview: sync from XPM' })).toBeVisible();
  await expect(page.getByText("if XPM's settings were Sync data Everything, From XPM")).toBeVisible();
  const change = page.getByTestId('preview-changes').getByRole('listitem').filter({ hasText: name });
  await expect(change).toContainText(renamed);
  await expectNoAxeViolations(page);
  await lookAt(page, 'preview-under-proposed-settings');

  // Nothing was applied: XPM is still not the source, and the client keeps its name.
  await page.goto('/integrations');
  await expect(page.getByTestId('xpm-client-sync').getByRole('radio', { name: /^Nothing( Not available)?$/ })).toBeChecked();
  await page.goto('/clients');
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

  // A link with settings XPM cannot have says so and previews the saved ones.
  await page.goto('/integrations/xpm/preview?direction=sideways&syncData=everything');
  await expect(page.getByText('The settings in this link are not ones XPM can have')).toBeVisible();
  await context.close();
});
