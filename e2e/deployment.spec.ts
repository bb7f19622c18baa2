import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { connectXpm } from './apps';
import { addAuthorAndSignIn, signUpPractice, unique } from './fixtures';
import { SANDBOX_URL } from './secrets';

/**
 * Issue 11 in a real browser: accepting a proposal deploys its workflow to XPM. An author
 * accepts a proposal for a client that exists only here → the page shows "Created … in XPM"
 * and the job number, with links to XPM; a name two XPM clients share → the page waits for
 * an admin, the Dashboard lists it, the admin chooses, and the deployment finishes.
 */
test.use({ storageState: { cookies: [], origins: [] } });

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function createClient(page: Page, name: string, businessNumber?: string) {
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  if (businessNumber) await page.getByRole('textbox', { name: 'Business number' }).fill(businessNumber);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
}

/** A proposal for the client here named `clientName`, with one line, saved, sent and accepted. */
async function acceptProposalFor(page: Page, clientName: string): Promise<string> {
  await page.goto('/proposals/new');
  await page.getByRole('textbox', { name: 'Title' }).fill(unique('Annual accounts'));
  await page.getByRole('combobox', { name: 'Find a client' }).fill(clientName);
  await page
    .getByRole('group', { name: /^Practice Sync clients/ })
    .getByRole('option')
    .filter({ hasText: clientName })
    .first()
    .click();
  await expect(page.getByTestId('chosen-client')).toContainText(clientName);
  await page.getByRole('button', { name: 'Add service line' }).click();
  await page.getByRole('textbox', { name: 'Line 1 Description' }).fill('Annual accounts and tax return');
  await page.getByRole('textbox', { name: 'Line 1 Unit price ($)' }).fill('1200');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Proposal saved.')).toBeVisible();
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Mark as sent' }).click();
  await expect(page.getByText('Marked as sent.')).toBeVisible();
  await page.getByRole('button', { name: 'Mark as accepted' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Accept this proposal?' });
  await dialog.getByRole('textbox', { name: 'Accepted by (client contact)' }).fill('Jane Citizen');
  await dialog.getByRole('button', { name: 'Accept proposal' }).click();
  await expect(page.getByText('Proposal accepted. Its content is now locked.')).toBeVisible();
  return page.url();
}

test('an author accepts a proposal for a new client: the page shows it created in XPM and the job, with links to XPM', async ({ browser }) => {
  test.slow();
  const { page: admin, context } = await signUpPractice(browser);
  await connectXpm(admin);
  await expect(admin.getByTestId('xpm-status')).toHaveText('Connected');
  const { author, authorContext } = await addAuthorAndSignIn(admin, browser);
  const name = unique('Bluegum Bakery');
  await createClient(author, name);
  await acceptProposalFor(author, name);

  // Without reloading: deploying, then the outcome in words.
  const panel = author.getByTestId('deployment');
  await expect(panel.getByRole('heading', { name: 'Workflow in XPM' })).toBeVisible();
  await expect(panel.getByTestId('deployment-status')).toHaveText('The workflow is deployed in XPM.', { timeout: 30_000 });
  const steps = panel.getByTestId('deployment-steps').getByRole('listitem');
  await expect(steps).toHaveText([`Created “${name}” in XPM.`, /^Created job J\d{6} in XPM\.$/]);
  const jobNumber = /J\d{6}/.exec((await steps.nth(1).innerText()) ?? '')?.[0];
  // The links lead to the client's record and the job in XPM (the sandbox's stand-in pages).
  const clientLink = panel.getByRole('link', { name: `Open “${name}” in XPM` });
  const xpmPage = await author.request.get((await clientLink.getAttribute('href'))!);
  expect(xpmPage.status()).toBe(200);
  expect(await xpmPage.text()).toContain(jobNumber!);
  await expect(panel.getByRole('link', { name: `Open job ${jobNumber} in XPM` })).toBeVisible();
  await expectNoAxeViolations(author);

  // After a reload the outcome stays, and nothing offers to deploy it again.
  await author.reload();
  await expect(author.getByTestId('deployment-status')).toHaveText('The workflow is deployed in XPM.');
  await expect(author.getByRole('button', { name: /Retry deployment|Deploy now/ })).toHaveCount(0);
  await authorContext.close();
  await context.close();
});

test('a name two XPM clients share waits for an admin: the Dashboard lists it, the admin chooses, the deployment finishes', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  // The sandbox's seed has "Leota Family Trust" and "The Leota Family Trust": the same name once normalised.
  await createClient(page, 'Leota Family Trust');
  const proposalUrl = await acceptProposalFor(page, 'Leota Family Trust');

  const panel = page.getByTestId('deployment');
  await expect(panel.getByTestId('deployment-status')).toHaveText('Choose which XPM client this is', { timeout: 30_000 });
  const choice = panel.getByTestId('deployment-choice');
  await expect(choice).toContainText('2 XPM clients have this name, so none was picked for you.');
  await expect(choice.getByRole('radio')).toHaveCount(3);
  await expect(choice.getByRole('button', { name: 'Continue deployment' })).toBeDisabled();
  await expectNoAxeViolations(page);

  // The Dashboard's needs-attention list links back to it.
  await page.goto('/dashboard');
  const attention = page.getByTestId('needs-attention');
  await expect(attention).toContainText('Choose which XPM client this is, so its workflow can be deployed.');
  await attention.getByRole('link').first().click();
  await expect(page).toHaveURL(proposalUrl);

  await page.getByTestId('deployment-choice').getByRole('radio', { name: 'The Leota Family Trust' }).check();
  await page.getByRole('button', { name: 'Continue deployment' }).click();
  await expect(page.getByTestId('deployment-status')).toHaveText('The workflow is deployed in XPM.', { timeout: 30_000 });
  const steps = page.getByTestId('deployment-steps').getByRole('listitem');
  await expect(steps.first()).toHaveText('Linked XPM client “The Leota Family Trust”, as chosen by an admin.');
  await expect(steps.last()).toHaveText(/^Created job J\d{6} in XPM\.$/);
  await page.goto('/dashboard');
  await expect(page.getByTestId('needs-attention')).toHaveCount(0);
  await context.close();
});

test('the one XPM client with the name has another business number: the admin sees both numbers and decides; it is never linked by itself', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  // A seeded XPM client with a business number, from the end of the seed: other specs take
  // their slices from its start. Nothing is changed in the sandbox but a job on this client.
  const { clients } = (await (await page.request.get(`${SANDBOX_URL}/__sandbox/xpm/clients?limit=5000`)).json()) as {
    clients: { name: string; businessNumber: string | null; isArchived: boolean; isDeleted: boolean; isProspect: boolean }[];
  };
  const namesake = clients.filter((c) => c.businessNumber && !c.isArchived && !c.isDeleted && !c.isProspect && /^[A-Za-z ]+$/.test(c.name)).at(-1)!;
  expect(namesake).toBeDefined();
  const xpmNumber = namesake.businessNumber!;
  await createClient(page, namesake.name, '16 318 978 323');
  await acceptProposalFor(page, namesake.name);

  const panel = page.getByTestId('deployment');
  await expect(panel.getByTestId('deployment-status')).toHaveText('Choose which XPM client this is', { timeout: 30_000 });
  const choice = panel.getByTestId('deployment-choice');
  await expect(choice).toContainText(
    'The XPM client with this name has a different business number from this client’s (16 318 978 323 here), so it may be another business and was not linked for you.',
  );
  await expect(choice).toContainText(`Business number in XPM: ${xpmNumber}`);
  await expect(choice.getByRole('radio')).toHaveCount(2);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('deployment-number-differs.png'), fullPage: true });

  // They are one business after all (the number here was mistyped): the admin links it.
  await choice.getByRole('radio', { name: new RegExp(`^${namesake.name}`) }).check();
  await page.getByRole('button', { name: 'Continue deployment' }).click();
  await expect(page.getByTestId('deployment-status')).toHaveText('The workflow is deployed in XPM.', { timeout: 30_000 });
  await expect(page.getByTestId('deployment-steps').getByRole('listitem').first()).toHaveText(`Linked XPM client “${namesake.name}”, as chosen by an admin.`);
  await context.close();
});

test('accepted before XPM was connected: the proposal says so, and once XPM is connected "Deploy now" deploys it', async ({ browser }) => {
  test.slow();
  const { page, context } = await signUpPractice(browser);
  const name = unique('Kauri Physio');
  await createClient(page, name);
  const proposalUrl = await acceptProposalFor(page, name);
  await expect(page.getByTestId('deployment-status')).toHaveText(
    'The workflow was not deployed to any app: Xero Practice Manager is not connected. Connect it on Integrations, then deploy it from here.',
  );

  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  await page.goto(proposalUrl);
  await page.getByRole('button', { name: 'Deploy now' }).click();
  await expect(page.getByTestId('deployment-status')).toHaveText('The workflow is deployed in XPM.', { timeout: 30_000 });
  await expect(page.getByTestId('deployment-steps').getByRole('listitem')).toHaveText([`Created “${name}” in XPM.`, /^Created job J\d{6} in XPM\.$/]);
  await context.close();
});

test('XPM failing to create the job: the page says what happened, keeps the acceptance, and Retry deployment finishes it', async ({ browser }) => {
  test.slow();
  const sandbox = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;
  const { page, context } = await signUpPractice(browser);
  await connectXpm(page);
  await expect(page.getByTestId('xpm-status')).toHaveText('Connected');
  const name = unique('Flaky Job Co');
  await createClient(page, name);
  // XPM answers job.api/add with a server error for a while (the adapter retries a few times first).
  const fault = await page.request.post(`${sandbox}/__sandbox/faults`, { data: { app: 'xpm', kind: 'server_error', count: 20, pathContains: 'job.api/add' } });
  expect(fault.ok()).toBe(true);
  try {
    await acceptProposalFor(page, name);
    await expect(page.getByTestId('deployment-status')).toHaveText('The workflow could not be deployed to XPM.', { timeout: 30_000 });
  } finally {
    await page.request.delete(`${sandbox}/__sandbox/faults`);
  }
  await expect(page.getByTestId('deployment-error')).toContainText(/^The workflow was not deployed: /);
  await expect(page.getByTestId('deployment-steps').getByRole('listitem')).toHaveText([`Created “${name}” in XPM.`]);
  await expect(page.getByText('Proposal accepted. Its content is now locked.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/dashboard');
  await expect(page.getByTestId('needs-attention')).toContainText('The workflow was not deployed: ');
  await page.goBack();

  await page.getByRole('button', { name: 'Retry deployment' }).click();
  await expect(page.getByTestId('deployment-status')).toHaveText('The workflow is deployed in XPM.', { timeout: 30_000 });
  // The client step was not repeated: one client created, then the job.
  await expect(page.getByTestId('deployment-steps').getByRole('listitem')).toHaveText([`Created “${name}” in XPM.`, /^Created job J\d{6} in XPM\.$/]);
  await context.close();
});
