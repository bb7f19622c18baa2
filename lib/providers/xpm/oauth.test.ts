import { describe, expect, test } from 'vitest';
import { pkceChallenge } from '../oauth/pkce';
import { FakeClock } from '../testing/fake-clock';
import { fakeFetch, jsonResponse } from '../testing/fake-fetch';
import { xpmSandboxConfig } from './config';
import { buildXpmAuthorizeUrl, exchangeXpmCode, refreshXpmToken, revokeXpmToken } from './oauth';

const config = xpmSandboxConfig('http://127.0.0.1:4010/');

describe('XPM OAuth', () => {
  test('authorize URL: code flow with state, S256 PKCE and the practice scopes', () => {
    const { url, state, codeVerifier } = buildXpmAuthorizeUrl(config, 'http://localhost:3000/api/integrations/xpm/callback');
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('http://127.0.0.1:4010/xero/login/identity/connect/authorize');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'sandbox-xpm-client',
      redirect_uri: 'http://localhost:3000/api/integrations/xpm/callback',
      scope: 'openid profile email offline_access practicemanager',
      state,
      code_challenge: pkceChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
  });

  test('code exchange: Basic client auth, form body with the verifier', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1), true);
    const fetch = fakeFetch(() =>
      jsonResponse({
        access_token: 'at-1234567890',
        refresh_token: 'rt-1234567890',
        expires_in: 1800,
        token_type: 'Bearer',
        scope: 'openid practicemanager offline_access',
        id_token: 'idt-123456789',
      }),
    );
    const tokens = await exchangeXpmCode(config, { code: 'the-code', redirectUri: 'http://localhost/cb', codeVerifier: 'v'.repeat(43) }, { fetch, clock });
    expect(tokens).toEqual({
      accessToken: 'at-1234567890',
      refreshToken: 'rt-1234567890',
      expiresAt: clock.now() + 1_800_000,
      scope: 'openid practicemanager offline_access',
      idToken: 'idt-123456789',
    });
    const call = fetch.calls[0]!;
    expect(call.url).toBe('http://127.0.0.1:4010/xero/identity/connect/token');
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from('sandbox-xpm-client:sandbox-xpm-secret').toString('base64')}`);
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'http://localhost/cb',
      code_verifier: 'v'.repeat(43),
    });
  });

  test('invalid_grant on refresh is reauth_required; a 500 on refresh is not retried blindly', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1), true);
    const refused = fakeFetch(() => jsonResponse({ error: 'invalid_grant' }, 400));
    await expect(refreshXpmToken(config, 'old-refresh', { fetch: refused, clock })).rejects.toMatchObject({ kind: 'reauth_required', code: 'invalid_grant' });
    const broken = fakeFetch(() => new Response('', { status: 500 }));
    await expect(refreshXpmToken(config, 'old-refresh', { fetch: broken, clock })).rejects.toMatchObject({ kind: 'server' });
    expect(broken.calls).toHaveLength(1); // a spent refresh token must not be replayed
  });

  test('invalid_client is a configuration problem, not a reconnect', async () => {
    const fetch = fakeFetch(() => jsonResponse({ error: 'invalid_client' }, 400));
    await expect(exchangeXpmCode(config, { code: 'c', redirectUri: 'r', codeVerifier: 'v' }, { fetch })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  test('revocation posts the refresh token', async () => {
    const fetch = fakeFetch(() => new Response(null, { status: 200 }));
    await revokeXpmToken(config, 'rt-to-revoke', { fetch });
    expect(fetch.calls[0]!.url).toBe('http://127.0.0.1:4010/xero/identity/connect/revocation');
    expect(new URLSearchParams(fetch.calls[0]!.body).get('token')).toBe('rt-to-revoke');
  });
});
