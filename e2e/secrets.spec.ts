import { expect, type Page, type Response, test } from '@playwright/test';
import { connectGustoCompany, connectXpm } from './apps';
import { signUpPractice } from './fixtures';
import { knownSecrets, SEALED_VALUE } from './secrets';

/** Every server action's answer the page receives, kept for inspection. */
function recordActionAnswers(page: Page): Promise<string>[] {
  const answers: Promise<string>[] = [];
  page.on('response', (response: Response) => {
    const request = response.request();
    if (request.method() === 'POST' && request.headers()['next-action']) answers.push(response.text().catch(() => ''));
  });
  return answers;
}

test('no server action answers with a token, client secret or sealed value', async ({ browser }) => {
  const { page, context } = await signUpPractice(browser);
  const answers = recordActionAnswers(page);

  await connectXpm(page);
  await page.goto('/integrations');
  await connectGustoCompany(page, 'Garcia & Brown Architects');
  await expect(page.getByTestId('gusto-status')).toHaveText('Connected');

  // Refresh each directory (the tokens are used, and may be refreshed, on the server).
  for (const app of ['xpm', 'gusto'] as const) {
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && Boolean(r.request().headers()['next-action']));
    await page.getByTestId(`${app}-card`).getByRole('button', { name: 'Refresh now' }).click();
    await answered;
  }
  // Settings, then a disconnect (which revokes and deletes the tokens).
  await page.getByTestId('recommended-setup').getByRole('button', { name: 'Apply recommended setup' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Apply recommended setup' }).click();
  await expect(page.getByTestId('preset-sync-status')).toHaveText('Recommended setup applied.');
  await page.getByRole('button', { name: 'Disconnect Gusto' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect Gusto' }).click();
  await expect(page.getByTestId('gusto-status')).toHaveText(/Disconnected|Not connected/);

  const bodies = await Promise.all(answers);
  // Connect, two refreshes, the settings and the disconnect all answered through actions.
  expect(bodies.length).toBeGreaterThanOrEqual(5);
  const { tokens, others } = await knownSecrets(page.request);
  expect(tokens.length).toBeGreaterThanOrEqual(2);
  for (const body of bodies) {
    for (const secret of [...tokens, ...others]) expect(body.includes(secret), `an action answered with a secret starting ${secret.slice(0, 6)}…`).toBe(false);
    expect(body).not.toMatch(SEALED_VALUE);
    expect(body).not.toMatch(/access_token|refresh_token|client_secret|Bearer /i);
  }
  await context.close();
});
