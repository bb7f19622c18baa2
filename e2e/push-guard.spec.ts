import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { lookAt } from './look-at';
import { signUpPractice } from './fixtures';
import { tenLinkedClientsRenamedInXpm } from './mass-change-setup';

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

/**
 * Issue 12, the mass-change guard on pushes, in a real browser: ten clients linked to XPM records
 * that XPM then renames; when XPM is set To XPM, the scheduler's first push would overwrite all
 * ten names in XPM with ours, so it pauses before sending anything. The Dashboard and XPM's card
 * show it; its page lists, per client, XPM's name before and ours that would be sent; approved,
 * it sends them and the Dashboard no longer lists it.
 */
test.use({ storageState: { cookies: [], origins: [] } });

test('a scheduled push that would overwrite every linked XPM client waits on the Dashboard and the card until an admin approves it', async ({ browser }) => {
  test.setTimeout(300_000);
  const { page, context } = await signUpPractice(browser);
  const { chosen, stamp } = await tenLinkedClientsRenamedInXpm(page, 740, 'To XPM');
  const xpmNames = async () => {
    const { clients } = (await (await page.request.get(`${SANDBOX}/__sandbox/xpm/clients?limit=1500`)).json()) as { clients: { id: string; name: string }[] };
    return chosen.map((record) => clients.find((c) => c.id === record.id)?.name);
  };
  const renamed = chosen.map((c) => `${c.name} ${stamp}`);
  const reason = 'This sync needs a second look: it would overwrite values of 10 of 10 linked clients in XPM (100%).';

  // The scheduler's first To-XPM run starts within a minute and the guard stops it.
  await page.goto('/dashboard');
  const attention = page.getByTestId('needs-attention');
  await expect(async () => {
    await page.reload();
    await expect(attention).toContainText('A sync to XPM is paused for review', { timeout: 1_000 });
  }).toPass({ timeout: 100_000 });
  await expect(attention).toContainText(reason);
  // Nothing was sent: XPM keeps its own names.
  expect(await xpmNames()).toEqual(renamed);

  // XPM's card says so and links to the review.
  await page.goto('/integrations');
  const lastRun = page.getByTestId('xpm-last-run');
  await expect(lastRun).toContainText('Needs review');
  // A push selects clients here: counted as clients, the word its count notes and review use, not "records".
  await expect(lastRun).toContainText('Paused for review: 10 clients to send; nothing sent yet.');
  await lookAt(page, 'push-paused-card');
  // Scheduled syncs join the paused one: the card says so instead of a time, and the preview
  // says the paused run holds what waits.
  await expect(page.getByTestId('xpm-next-run')).toHaveText('Waits for the paused sync: scheduled syncs join it until an admin approves or discards it.');
  await page.goto('/integrations/xpm/preview');
  await expect(page.getByTestId('preview-when')).toHaveText('A sync to XPM is paused for review: these are sent once an admin approves it. Review the paused sync');
  await page.goto('/integrations');
  await lastRun.getByRole('link', { name: 'Review the paused sync (XPM)' }).click();

  // The review: per client, XPM's value before and ours that would be sent.
  await expect(page.getByRole('heading', { level: 1, name: 'Sync to XPM' })).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('Needs review');
  await expect(page.getByTestId('review-reason')).toHaveText(reason);
  await expect(page.getByRole('heading', { level: 2, name: 'What it would send to XPM (10)' })).toBeVisible();
  const planned = page.getByTestId('paused-plan-changes').getByRole('listitem');
  await expect(planned).toHaveCount(10);
  const first = page.getByRole('table', { name: `Fields sent to XPM for ${chosen[0]!.name}, its value before and ours` });
  const nameRow = first.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Name', exact: true }) });
  await expect(nameRow.getByRole('cell').first()).toHaveText(renamed[0]!);
  await expect(nameRow.getByRole('cell').last()).toHaveText(chosen[0]!.name);
  await expectNoAxeViolations(page);
  await lookAt(page, 'push-paused-review');

  await page.getByRole('button', { name: 'Approve and send to XPM' }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId('changed-clients').getByRole('listitem')).toHaveCount(10);
  // Sent: XPM has our names again.
  expect(await xpmNames()).toEqual(chosen.map((c) => c.name));

  // Approved and sent: the card gives the schedule's next push (To XPM runs on XPM's schedule).
  await page.goto('/integrations');
  await expect(page.getByTestId('xpm-next-run')).toContainText('To XPM every 15 minutes: clients changed here and not yet sent; a saved edit goes at once');

  await page.goto('/dashboard');
  await expect(page.getByTestId('needs-attention')).toHaveCount(0);
  await context.close();
});
