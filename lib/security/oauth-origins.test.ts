import { afterEach, expect, test, vi } from 'vitest';
import { REAL_GUSTO_ENV, REAL_XPM_ENV } from '@/test/real-apps-env';

/** env() is read once per process: each case gets a fresh module graph. */
async function originsWith(vars: Record<string, string | undefined>): Promise<string[]> {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const { oauthAuthorizeOrigins } = await import('./oauth-origins');
  return oauthAuthorizeOrigins();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

test.each([
  [{ SANDBOX_URL: undefined, XPM_AUTHORIZE_URL: undefined, GUSTO_BASE_URL: undefined }, ['http://127.0.0.1:4010']],
  [{ SANDBOX_URL: 'http://127.0.0.1:4203', XPM_AUTHORIZE_URL: undefined, GUSTO_BASE_URL: undefined }, ['http://127.0.0.1:4203']],
  [
    // The real apps, configured completely (lib/env.ts takes each app all or none).
    { SANDBOX_URL: undefined, ...REAL_XPM_ENV, ...REAL_GUSTO_ENV },
    ['https://login.xero.com', 'https://api.gusto.com'],
  ],
])('with %j the form-action origins are %j', async (vars, expected) => {
  expect(await originsWith(vars)).toEqual(expected);
});
