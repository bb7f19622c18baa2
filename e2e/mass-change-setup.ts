import { expect, type Page } from '@playwright/test';
import { connectXpm } from './apps';
import { unique } from './fixtures';

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

interface XpmSummary {
  id: string;
  name: string;
  isArchived: boolean;
  isDeleted: boolean;
  isProspect: boolean;
}

/**
 * What the mass-change guard exists for (issue 12): XPM connected, ten XPM clients made clients
 * here through the picker (so linked), then renamed in XPM, and XPM set to Everything in
 * `direction`. From XPM (the source), the next run would overwrite all ten names here; To XPM,
 * the next push would overwrite all ten names in XPM with ours. `seedSlice` picks the ten from
 * the sandbox's seed: each spec takes its own slice, as renames stay for the whole test run.
 * Returns the records as they were and the suffix XPM appended to their names.
 */
export async function tenLinkedClientsRenamedInXpm(page: Page, seedSlice: number, direction: 'From XPM' | 'To XPM' = 'From XPM'): Promise<{ chosen: XpmSummary[]; stamp: string }> {
  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  const { clients } = (await (await page.request.get(`${SANDBOX}/__sandbox/xpm/clients?limit=1500`)).json()) as { clients: XpmSummary[] };
  const stamp = unique('g').replace(/\W/g, '').slice(-6);
  const chosen = clients.filter((c) => !c.isArchived && !c.isDeleted && !c.isProspect && /^[A-Za-z ]+$/.test(c.name)).slice(seedSlice, seedSlice + 10);
  expect(chosen).toHaveLength(10);
  for (const record of chosen) {
    await page.goto('/proposals/new');
    await page.getByRole('textbox', { name: /Title/ }).fill(`Guard ${record.name}`);
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
  await sync.getByRole('radio', { name: new RegExp(`^${direction}( Not available)?$`) }).check();
  await sync.getByRole('button', { name: 'Save changes to XPM sync settings' }).click();
  await expect(page.getByTestId('xpm-sync-status')).toContainText('Saved.');
  return { chosen, stamp };
}
