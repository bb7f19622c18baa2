import { expect, type Page, test } from '@playwright/test';
import { ADMIN_STATE, DEMO } from './fixtures';

/** Hostile input at the edge: redirect targets after sign-in, control characters in searches. */

function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return errors;
}

test.describe('after sign-in, only this app’s own pages', () => {
  for (const [label, callbackUrl] of [
    ['a tab the browser would strip', '/%09/evil.example/phish'],
    ['a newline', '/%0A/evil.example/phish'],
    ['an ideographic space', '/%E3%80%80/evil.example'],
    ['a backslash', '/%5Cevil.example'],
  ]) {
    test(`a callbackUrl with ${label} lands on the dashboard, not another site, and nothing fails`, async ({ page }) => {
      const errors = watchServerErrors(page);
      await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
      await page.getByLabel('Email').fill(DEMO.author.email);
      await page.getByLabel('Password').fill(DEMO.author.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL((url) => url.origin === new URL(page.url()).origin && url.pathname === '/dashboard');
      expect(new URL(page.url()).host).not.toContain('evil');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(errors).toEqual([]);
    });
  }

  test.describe('already signed in', () => {
    test.use({ storageState: ADMIN_STATE });

    test('the sign-in page sends a hostile callbackUrl to the dashboard, and a safe one where it asks', async ({ page, baseURL }) => {
      const errors = watchServerErrors(page);
      await page.goto('/sign-in?callbackUrl=/%09/evil.example/phish');
      await expect(page).toHaveURL(`${baseURL}/dashboard`);
      await page.goto('/sign-in?callbackUrl=/%0A/evil.example');
      await expect(page).toHaveURL(`${baseURL}/dashboard`);
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/clients?q=kowhai')}`);
      await expect(page).toHaveURL(`${baseURL}/clients?q=kowhai`);
      expect(errors).toEqual([]);
    });
  });
});

test.describe('control characters in searches', () => {
  test.use({ storageState: ADMIN_STATE });

  test('a NUL in ?q= on the lists and the client search answers normally', async ({ page, request }) => {
    const errors = watchServerErrors(page);
    await page.goto('/clients?q=kow%00hai');
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    await expect(page.getByText(/matching “kowhai”/)).toBeVisible();
    await page.goto('/clients?q=%00');
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    await page.goto('/proposals?q=%00annual');
    await expect(page.getByRole('heading', { level: 1, name: 'Proposals' })).toBeVisible();
    expect(errors).toEqual([]);

    const search = await request.get('/api/client-search?q=kow%00hai');
    expect(search.status()).toBe(200);
    const body = (await search.json()) as { groups: { entries: { name: string }[] }[] };
    expect(body.groups.flatMap((g) => g.entries.map((e) => e.name)).some((n) => /Kowhai/.test(n))).toBe(true);
    expect((await request.get('/api/client-search?q=%00')).status()).toBe(200);
    const duplicates = await request.get('/api/client-search/duplicates?name=Kow%00hai&email=%00&taxNumber=1%002');
    expect(duplicates.status()).toBe(200);
  });

  test('a NUL in a client name is a field error, not a failure', async ({ page }) => {
    const errors = watchServerErrors(page);
    await page.goto('/clients/new');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Null\u0000 Byte Ltd');
    await page.getByRole('button', { name: 'Create client' }).click();
    await expect(page.getByText('Name cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.', { exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/clients\/new$/);
    expect(errors).toEqual([]);
  });
});
