import { expect, test } from '@playwright/test';
import { gustoCompanyOfItsOwn, gustoSourceWithNamesake, openEndedRunFromCard } from './apps';
import { expectNoAxeViolations } from './axe';
import { signUpPractice, unique } from './fixtures';
import { lookAt } from './look-at';

/**
 * Two findings of a user trial about a link an admin's undo took apart, in a real browser:
 * - the proposal editor's picker said "Saving links this Gusto record to that client" of the very
 *   company an undo had unlinked (the undo promised syncs would not link the two again by name):
 *   it now says what the admin did and when, and links them again only on the author's word;
 * - the client's Link history named the record by its name today: it now names it as it was
 *   when linked and unlinked, with its name now beside it once it is renamed.
 * Specs that change data make their own practice (STYLE.md); the Gusto company is this spec's own.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

test('after an undo unlinks a Gusto company, the picker asks before linking it again, and the link history keeps the names of the time', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  const company = await gustoCompanyOfItsOwn(page, 6);
  // The client here has the company's very name: the run links them by name.
  const clientUrl = await gustoSourceWithNamesake(page, company.name, { name: company.name });
  const gusto = page.getByTestId('gusto-card');
  await gusto.getByRole('button', { name: 'Sync now from Gusto' }).click();
  await expect(gusto.getByTestId('gusto-sync-progress').getByRole('status')).toHaveText(/^Succeeded: 1 record read; 1 linked\.$/, { timeout: 45_000 });
  await openEndedRunFromCard(page, 'gusto');
  await page.getByRole('link', { name: 'Undo this run…' }).click();
  await page.getByRole('button', { name: 'Undo this run now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toContainText('1 client changed back');

  // The editor: picking that same company no longer says saving links it, unasked.
  await page.goto('/proposals/new');
  await page.getByRole('textbox', { name: 'Title' }).fill(unique('After the undo'));
  await page.getByRole('combobox', { name: 'Find a client' }).fill(company.name);
  await page
    .getByRole('group', { name: /^Gusto companies/ })
    .getByRole('option', { name: new RegExp(`^${company.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .click();
  const question = page.getByRole('group', { name: /Syncs no longer link them by name, though they share it\. Is this Gusto record your client/ });
  await expect(question).toContainText(
    new RegExp(
      `undid the sync that linked this Gusto record to “${company.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”, \\d{1,2} \\w{3} \\d{4}, .+\\. Syncs no longer link them by name, though they share it\\.`,
    ),
  );
  await expect(page.getByText('Saving links this Gusto record to that client')).toHaveCount(0);
  const again = question.getByRole('checkbox', { name: `Yes, it is “${company.name}”: link them again` });
  // The question takes focus as the plan arrives (focus-question-after-pick.ts finds it by name).
  await expect(again).not.toBeChecked();
  await expect(question).toContainText('Saving waits for your answer.');
  await expectNoAxeViolations(page);
  await lookAt(page, 'undone-link-picker-question');

  // Saved without the author's word: refused, nothing linked.
  await page.keyboard.press('Control+s');
  await expect(page.getByText('The proposal was not saved.')).toBeVisible();
  await expect(
    page.getByText(`They were unlinked before, so saving does not link them by name. Say whether this Gusto record is “${company.name}”, or pick another client.`).first(),
  ).toBeVisible();
  await again.check();
  await expect(question).toContainText('Saving links them again.');
  await lookAt(page, 'undone-link-picker-answered');
  await page.keyboard.press('Control+s');
  await expect(page.getByText(`Proposal saved. Linked Gusto's record to your existing client “${company.name}” — no new client was created.`)).toBeVisible();

  // Gusto renames the company; the directory learns the new name.
  const renamed = `${company.name} ${unique('Renamed')}`.slice(0, 120);
  expect((await page.request.post(`${SANDBOX}/__sandbox/records/change`, { data: { app: 'gusto', id: company.id, fields: { name: renamed } } })).ok()).toBe(true);
  await page.goto('/integrations');
  await page
    .getByTestId('gusto-card')
    .getByRole('button', { name: /^Refresh now/ })
    .click();

  // The link history says what happened then: the name the company had, and its name now.
  const history = page.getByRole('list', { name: 'Link history' });
  const then = `“${company.name}” (now “${renamed}”)`;
  await expect
    .poll(
      async () => {
        await page.goto(clientUrl);
        return history.innerText();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toContain(`linked Gusto’s ${then}.`);
  await expect(history).toContainText(`A Gusto sync run linked Gusto’s ${then} (same name).`);
  await expect(history).toContainText(`unlinked Gusto’s ${then}.`);
  await expectNoAxeViolations(page);
  await lookAt(page, 'undone-link-history-renamed');
  await context.close();
});
