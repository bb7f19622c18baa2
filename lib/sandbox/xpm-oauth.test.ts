import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XPM_SECOND_TENANT_ID, XPM_TENANT_ID, XPM_TENANT_NAME } from './seed';
import { startSandbox, type RunningSandbox } from './server';
import { basicAuth, pkcePair, xpmAuthorize, xpmHeaders, xpmTokenRequest } from './testing';

const REDIRECT = 'http://localhost:3999/api/integrations/xpm/callback';
let sb: RunningSandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, testMode: true });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.state.reset());

async function codeFlow(opts: { pkce?: boolean } = {}) {
  const pkce = opts.pkce ? pkcePair() : null;
  const back = await xpmAuthorize(sb.url, { redirectUri: REDIRECT, state: 's-123', codeChallenge: pkce?.challenge });
  const code = back.searchParams.get('code') ?? '';
  const res = await xpmTokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...(pkce ? { code_verifier: pkce.verifier } : {}) });
  return { back, code, pkce, res };
}

describe('XPM authorize + consent page', () => {
  it('shows the app, scopes, the practice and labelled Allow/Deny buttons', async () => {
    const url = `${sb.url}/xero/login/identity/connect/authorize?response_type=code&client_id=sandbox-xpm-client&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=practicemanager%20offline_access&state=x`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Practice Sync');
    expect(page).toContain('practicemanager');
    expect(page).toContain('offline_access');
    expect(page).toContain(XPM_TENANT_NAME);
    expect(page).toMatch(/<button[^>]*value="allow"[^>]*>Allow access<\/button>/);
    expect(page).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);
    expect(page).toMatch(/<legend>Practice to connect<\/legend>/);
  });

  it('refuses an unknown client without redirecting', async () => {
    const res = await fetch(
      `${sb.url}/xero/login/identity/connect/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=practicemanager`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
  });

  it('redirects with invalid_scope without a practicemanager scope', async () => {
    const res = await fetch(
      `${sb.url}/xero/login/identity/connect/authorize?response_type=code&client_id=sandbox-xpm-client&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid&state=z`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') ?? '');
    expect(loc.searchParams.get('error')).toBe('invalid_scope');
    expect(loc.searchParams.get('state')).toBe('z');
  });

  it('Deny redirects with access_denied and the state', async () => {
    const back = await xpmAuthorize(sb.url, { redirectUri: REDIRECT, state: 'deny-me', decision: 'deny' });
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('deny-me');
    expect(back.searchParams.get('code')).toBeNull();
  });
});

describe('XPM token endpoint', () => {
  it('exchanges a code with PKCE, then rotates refresh tokens; reuse fails with invalid_grant', async () => {
    const { back, res } = await codeFlow({ pkce: true });
    expect(back.searchParams.get('state')).toBe('s-123');
    expect(res.status).toBe(200);
    const first = (await res.json()) as Record<string, unknown>;
    expect(first).toMatchObject({ expires_in: 1800, token_type: 'Bearer' });
    expect(typeof first.access_token).toBe('string');
    expect(typeof first.refresh_token).toBe('string');
    expect(String(first.scope)).toContain('practicemanager');
    expect(typeof first.id_token).toBe('string');

    const r2 = await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });
    expect(r2.status).toBe(200);
    const second = (await r2.json()) as Record<string, unknown>;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);

    const reuse = await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({ error: 'invalid_grant' });

    const r3 = await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: String(second.refresh_token) });
    expect(r3.status).toBe(200);
    expect(sb.state.counters.tokenRefreshes.xpm).toBe(2);
  });

  it('rejects a wrong code_verifier, a reused code and an expired code', async () => {
    const pkce = pkcePair();
    const back = await xpmAuthorize(sb.url, { redirectUri: REDIRECT, codeChallenge: pkce.challenge });
    const bad = await xpmTokenRequest(sb.url, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT,
      code_verifier: 'wrong-verifier-wrong-verifier-wrong-verifier',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_grant' });

    const ok = await codeFlow();
    expect(ok.res.status).toBe(200);
    const reused = await xpmTokenRequest(sb.url, { grant_type: 'authorization_code', code: ok.code, redirect_uri: REDIRECT });
    expect(reused.status).toBe(400);

    const later = await xpmAuthorize(sb.url, { redirectUri: REDIRECT });
    sb.state.advanceClock(10 * 60_000 + 1);
    const expired = await xpmTokenRequest(sb.url, { grant_type: 'authorization_code', code: later.searchParams.get('code') ?? '', redirect_uri: REDIRECT });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({ error: 'invalid_grant' });
  });

  it('rejects a redirect_uri that differs from the authorize request', async () => {
    const back = await xpmAuthorize(sb.url, { redirectUri: REDIRECT });
    const res = await xpmTokenRequest(sb.url, { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: 'http://evil.example/cb' });
    expect(res.status).toBe(400);
  });

  it('rejects wrong client credentials with 401 invalid_client', async () => {
    const back = await xpmAuthorize(sb.url, { redirectUri: REDIRECT });
    const res = await xpmTokenRequest(
      sb.url,
      { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT },
      { clientId: 'sandbox-xpm-client', clientSecret: 'wrong' },
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client' });
  });

  it('accepts a PKCE public client without a secret', async () => {
    const pkce = pkcePair();
    const back = await xpmAuthorize(sb.url, { redirectUri: REDIRECT, codeChallenge: pkce.challenge });
    const res = await fetch(`${sb.url}/xero/identity/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'sandbox-xpm-client',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
        code_verifier: pkce.verifier,
      }).toString(),
    });
    expect(res.status).toBe(200);
  });
});

describe('XPM connections and revocation', () => {
  it('lists the granted practice tenant', async () => {
    const tokens = (await (await codeFlow()).res.json()) as { access_token: string };
    const res = await fetch(`${sb.url}/xero/api/connections`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(200);
    const list = (await res.json()) as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ tenantId: XPM_TENANT_ID, tenantType: 'PRACTICEMANAGER', tenantName: XPM_TENANT_NAME });
    for (const key of ['id', 'authEventId', 'createdDateUtc', 'updatedDateUtc']) expect(typeof list[0]?.[key]).toBe('string');
  });

  it('can grant the second practice instead, and then only that one is reachable', async () => {
    const back = await xpmAuthorize(sb.url, { redirectUri: REDIRECT, tenantId: XPM_SECOND_TENANT_ID });
    const tokens = (await (await xpmTokenRequest(sb.url, { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT })).json()) as {
      access_token: string;
    };
    const ok = await fetch(`${sb.url}/xero/api/practicemanager/3.1/client.api/list`, { headers: xpmHeaders(tokens.access_token, XPM_SECOND_TENANT_ID) });
    expect(ok.status).toBe(200);
    const denied = await fetch(`${sb.url}/xero/api/practicemanager/3.1/client.api/list`, { headers: xpmHeaders(tokens.access_token, XPM_TENANT_ID) });
    expect(denied.status).toBe(403);
  });

  it('DELETE /connections/{id} disconnects; the refresh token then fails', async () => {
    const tokens = (await (await codeFlow()).res.json()) as { access_token: string; refresh_token: string };
    const list = (await (await fetch(`${sb.url}/xero/api/connections`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as { id: string }[];
    const del = await fetch(`${sb.url}/xero/api/connections/${list[0]?.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(del.status).toBe(204);
    const refresh = await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
  });

  it('revocation endpoint revokes the grant', async () => {
    const tokens = (await (await codeFlow()).res.json()) as { access_token: string; refresh_token: string };
    const res = await fetch(`${sb.url}/xero/identity/connect/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth('sandbox-xpm-client', 'sandbox-xpm-secret') },
      body: new URLSearchParams({ token: tokens.refresh_token }).toString(),
    });
    expect(res.status).toBe(200);
    const api = await fetch(`${sb.url}/xero/api/practicemanager/3.1/client.api/list`, { headers: xpmHeaders(tokens.access_token, XPM_TENANT_ID) });
    expect(api.status).toBe(401);
    const refresh = await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
  });
});
