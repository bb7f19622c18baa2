import { afterEach, expect, test, vi } from 'vitest';

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
    {
      SANDBOX_URL: undefined,
      XPM_CLIENT_ID: 'id',
      XPM_CLIENT_SECRET: 'secret',
      XPM_AUTHORIZE_URL: 'https://login.xero.com/identity/connect/authorize',
      XPM_TOKEN_URL: 'https://identity.xero.com/connect/token',
      XPM_REVOCATION_URL: 'https://identity.xero.com/connect/revocation',
      XPM_API_BASE: 'https://api.xero.com',
      GUSTO_CLIENT_ID: 'id',
      GUSTO_CLIENT_SECRET: 'secret',
      GUSTO_BASE_URL: 'https://api.gusto.com',
    },
    ['https://login.xero.com', 'https://api.gusto.com'],
  ],
])('with %j the form-action origins are %j', async (vars, expected) => {
  expect(await originsWith(vars)).toEqual(expected);
});
