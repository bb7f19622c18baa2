import { expect, type Page, type Request, test } from '@playwright/test';
import { ADMIN_STATE, signUpPractice, unique } from './fixtures';

/** Creates a client in the demo practice as the admin and returns its page URL. */
async function createDemoClient(page: Page, name: string): Promise<string> {
  await page.goto('/clients/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Client created.')).toBeVisible();
  return page.url().replace(/\?.*$/, '');
}

/** Clicks Archive and captures the server action request the browser sends, to replay it. */
async function captureArchiveAction(page: Page): Promise<{ url: string; headers: Record<string, string>; body: string }> {
  const requestPromise = page.waitForRequest((r: Request) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await page.getByRole('button', { name: 'Archive client' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Archive client' }).click();
  const request = await requestPromise;
  await expect(page.getByText('This client is archived.')).toBeVisible();
  await page.getByRole('button', { name: 'Restore client' }).click();
  await expect(page.getByText('This client is archived.')).toHaveCount(0);
  const headers = request.headers();
  return {
    url: request.url(),
    headers: { 'next-action': headers['next-action']!, 'content-type': headers['content-type'] ?? 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    body: request.postData() ?? '',
  };
}

test('another practice cannot read or change the demo practice clients by id, page or replayed action', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  const name = unique('Confidential Holdings');
  const clientUrl = await createDemoClient(adminPage, name);
  const action = await captureArchiveAction(adminPage);

  const { page: outsider, context } = await signUpPractice(browser);
  // Page by copied id: not found, and nothing of the client leaks.
  const response = await outsider.goto(clientUrl);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByText('Client not found')).toBeVisible();
  expect(await outsider.content()).not.toContain(name);
  await outsider.goto(`${clientUrl}/edit`);
  await expect(outsider.getByText('Client not found')).toBeVisible();
  // The list and search do not show it either.
  await outsider.goto(`/clients?q=${encodeURIComponent(name)}&status=all`);
  await expect(outsider.getByText('No clients match your search')).toBeVisible();

  // The admin's own archive action, replayed with the outsider's session: refused, nothing changes.
  const replay = await context.request.post(action.url, { headers: action.headers, data: action.body });
  expect(await replay.text()).toContain('That client does not exist.');
  // Replayed signed out: refused.
  const anonymous = await browser.newContext();
  const signedOut = await anonymous.request.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
  expect(await signedOut.text()).not.toContain('"ok":true');

  await adminPage.goto(clientUrl);
  await expect(adminPage.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(adminPage.getByText('This client is archived.')).toHaveCount(0);
  await Promise.all([admin.close(), context.close(), anonymous.close()]);
});

test('signed-out visitors are sent to sign-in from every app page', async ({ page }) => {
  for (const path of ['/dashboard', '/clients', '/clients/new', '/proposals', '/integrations', '/sync-history', '/settings/members', '/settings/members/new']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
  }
});

test('an author replaying an admin-only action is refused and nothing changes', async ({ browser }) => {
  // An isolated practice: its owner adds an author, and we capture the owner's "change role" action.
  const { page: owner, context } = await signUpPractice(browser);
  const email = `${unique('writer').replace(/\s+/g, '')}@example.com`;
  await owner.goto('/settings/members/new');
  await owner.getByLabel('Name').fill('Wren Writer');
  await owner.getByLabel('Email').fill(email);
  await owner.getByLabel('Initial password').fill('a-long-initial-password');
  await owner.getByRole('button', { name: 'Add member' }).click();
  await expect(owner.getByText('Member added.')).toBeVisible();
  const roleSelect = owner.getByRole('row', { name: /Wren Writer/ }).getByLabel('Role for Wren Writer');
  const saveRole = owner.getByRole('row', { name: /Wren Writer/ }).getByRole('button', { name: 'Save role for Wren Writer' });
  const requestPromise = owner.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await roleSelect.selectOption('admin');
  await saveRole.click();
  const request = await requestPromise;
  // Saved: with a second admin, the owner is no longer "the only admin".
  const onlyAdmin = owner.getByText('The only admin. Make someone else an admin before changing or removing them.');
  await expect(onlyAdmin).toHaveCount(0);
  await expect(roleSelect).toHaveValue('admin');
  await roleSelect.selectOption('author');
  await saveRole.click();
  await expect(onlyAdmin).toBeVisible();
  await expect(roleSelect).toHaveValue('author');

  const writer = await browser.newContext();
  const writerPage = await writer.newPage();
  await writerPage.goto('/sign-in');
  await writerPage.getByLabel('Email').fill(email);
  await writerPage.getByLabel('Password').fill('a-long-initial-password');
  await writerPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(writerPage).toHaveURL(/\/dashboard/);

  const replay = await writer.request.post(request.url(), {
    headers: { 'next-action': request.headers()['next-action']!, 'content-type': request.headers()['content-type'] ?? 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    data: request.postData() ?? '',
  });
  expect(await replay.text()).toContain('Only a practice admin can do this.');
  await owner.reload();
  await expect(roleSelect).toHaveValue('author');
  await expect(onlyAdmin).toBeVisible();
  await Promise.all([writer.close(), context.close()]);
});

test('a server action posted from another site with the admin’s own cookies changes nothing', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  const name = unique('Cross Site Target');
  const clientUrl = await createDemoClient(adminPage, name);
  const action = await captureArchiveAction(adminPage);
  const ownOrigin = new URL(action.url).origin;

  // A forged cross-site form post: the browser would attach the admin's cookies, but its Origin is the attacker's.
  // The last also claims, as a proxy would, that the request was for the attacker's host: with
  // no proxy in front (TRUSTED_PROXY_HOPS=0) that header is the client's own and is dropped.
  const forgeries: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { origin: `${ownOrigin}.evil.example` },
    { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' },
  ];
  for (const forgery of forgeries) {
    const origin = forgery.origin!;
    const forged = await admin.request.post(action.url, { headers: { ...action.headers, ...forgery }, data: action.body, maxRedirects: 0 });
    expect(forged.ok(), `Origin ${origin} was accepted`).toBe(false);
    expect(await forged.text()).not.toContain('"ok":true');
  }
  await adminPage.goto(clientUrl);
  await expect(adminPage.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(adminPage.getByText('This client is archived.')).toHaveCount(0);

  // The same request from the app's own origin goes through: the refusal above was the Origin's doing.
  const genuine = await admin.request.post(action.url, { headers: { ...action.headers, origin: ownOrigin }, data: action.body });
  expect(genuine.ok()).toBe(true);
  await adminPage.reload();
  await expect(adminPage.getByText('This client is archived.')).toBeVisible();
  await admin.close();
});
