import { expect, request as playwrightRequest, test } from '@playwright/test';
import { startSecondServer, type SecondServer } from './second-server';

/**
 * The per-address sign-in limit holds against a client that writes its own X-Forwarded-For
 * (bare `next start` used to keep it, so each request could pick a fresh bucket). Runs on a
 * server of its own: using up the suite server's allowance for 127.0.0.1 would throttle
 * every other spec's sign-ins for a minute.
 */
let server: SecondServer;
test.beforeAll(async () => {
  server = startSecondServer(60);
  expect(await server.ready(), server.output()).toBe(true);
});
test.afterAll(async () => {
  await server?.stop();
});

test('a forged X-Forwarded-For does not escape the per-address sign-in limit', async () => {
  test.slow(); // 21 sign-ins, each hashing a password
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const outcomes: string[] = [];
  // A different unknown email each time (the per-email limit never applies) and a different
  // forged address each time: only the per-address limit can stop the 21st.
  for (let i = 1; i <= 21; i++) {
    const response = await api.post('/api/auth/callback/credentials', {
      form: { email: `spray-${i}@example.com`, password: 'guessed-password-1', csrfToken },
      headers: { 'x-forwarded-for': `198.51.100.${i}` },
      maxRedirects: 0,
    });
    outcomes.push(new URL(response.headers().location ?? '', server.url).searchParams.get('code') ?? 'none');
  }
  expect(outcomes.slice(0, 20)).toEqual(Array(20).fill('credentials'));
  expect(outcomes[20]).toMatch(/^throttled:\d+$/);
  await api.dispose();
});
