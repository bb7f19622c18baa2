import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GUSTO_COMPANY_COUNT, GUSTO_MULTI_SITE_LOCATIONS } from './seed';
import { startSandbox, type RunningSandbox } from './server';
import { gustoAuthorize, gustoHeaders, gustoTokenRequest, mintGustoToken } from './testing';

const REDIRECT = 'http://localhost:3999/api/integrations/gusto/callback';
let sb: RunningSandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, testMode: true });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.state.reset());

const v1 = (path: string, token: string, headers: Record<string, string> = {}) => fetch(`${sb.url}/gusto/v1/${path}`, { headers: { ...gustoHeaders(token), ...headers } });

async function connect(companyUuid: string) {
  const back = await gustoAuthorize(sb.url, { redirectUri: REDIRECT, state: 'g-1', companyUuid });
  expect(back.searchParams.get('state')).toBe('g-1');
  const res = await gustoTokenRequest(sb.url, { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string; token_type: string; expires_in: number; created_at: number; scope: string };
}

describe('Gusto OAuth', () => {
  it('consent page lists all 40 companies as labelled radios with Allow/Deny', async () => {
    const res = await fetch(`${sb.url}/gusto/oauth/authorize?client_id=sandbox-gusto-client&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&state=a`);
    expect(res.status).toBe(200);
    const page = await res.text();
    const radios = page.match(/<label><input type="radio" name="company_uuid" value="[^"]+" required> [^<]+<\/label>/g) ?? [];
    expect(radios).toHaveLength(GUSTO_COMPANY_COUNT);
    expect(page).toContain('<legend>Company to connect</legend>');
    expect(page).toMatch(/<button[^>]*value="allow"[^>]*>Allow access<\/button>/);
    expect(page).toMatch(/<button[^>]*value="deny"[^>]*formnovalidate>Deny<\/button>/);
  });

  it('a grant reaches exactly the picked company; tokens rotate; reuse is invalid_grant', async () => {
    const company = sb.state.companyOrder[3]!;
    const tokens = await connect(company);
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 7200 });
    expect(typeof tokens.created_at).toBe('number');

    const info = (await (await v1('token_info', tokens.access_token)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ resource: { type: 'Company', uuid: company }, resource_owner: { type: 'CompanyAdmin' } });
    expect(typeof info.scope).toBe('string');

    const other = sb.state.companyOrder[4]!;
    const forbidden = await v1(`companies/${other}`, tokens.access_token);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ errors: [{ error_key: 'company_id', category: 'missing_permissions', message: expect.any(String) as string }] });

    const refreshed = await gustoTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { refresh_token: string; access_token: string };
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await gustoTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({ error: 'invalid_grant' });
    expect((await v1(`companies/${company}`, next.access_token)).status).toBe(200);
  });

  it('accepts a form-encoded token request too, and rejects bad client credentials', async () => {
    const back = await gustoAuthorize(sb.url, { redirectUri: REDIRECT });
    const form = await fetch(`${sb.url}/gusto/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: 'sandbox-gusto-client',
        client_secret: 'sandbox-gusto-secret',
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
      }).toString(),
    });
    expect(form.status).toBe(200);
    const bad = await gustoTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: 'x' }, { clientId: 'sandbox-gusto-client', clientSecret: 'nope' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'invalid_client' });
  });

  it('Deny redirects with access_denied', async () => {
    const back = await gustoAuthorize(sb.url, { redirectUri: REDIRECT, state: 'd', decision: 'deny' });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('d');
  });

  it('revoke ends the grant', async () => {
    const tokens = await connect(sb.state.companyOrder[0]!);
    const res = await fetch(`${sb.url}/gusto/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'sandbox-gusto-client', client_secret: 'sandbox-gusto-secret', token: tokens.access_token }),
    });
    expect(res.status).toBe(200);
    const after = await v1('token_info', tokens.access_token);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { errors: { category: string }[] }).errors[0]?.category).toBe('invalid_token');
    expect((await gustoTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(400);
  });
});

describe('Gusto API', () => {
  const multiSite = () => [...sb.state.companies.values()].find((c) => c.locations.length === GUSTO_MULTI_SITE_LOCATIONS)!;

  it('returns a company with locations, signatory and payroll admin', async () => {
    const company = multiSite();
    const { access_token } = await mintGustoToken(sb.url, company.uuid);
    const res = await v1(`companies/${company.uuid}`, access_token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ uuid: company.uuid, name: company.name, ein: expect.stringMatching(/^\d{2}-\d{7}$/) as string });
    expect(body.locations).toHaveLength(GUSTO_MULTI_SITE_LOCATIONS);
    expect(body.primary_signatory).toMatchObject({ first_name: expect.any(String) as string, email: expect.any(String) as string, home_address: { country: 'USA' } });
    expect(body.primary_payroll_admin).toMatchObject({ email: expect.any(String) as string });
  });

  it('pages locations with X-Total-* headers', async () => {
    const company = multiSite();
    const { access_token } = await mintGustoToken(sb.url, company.uuid);
    const first = await v1(`companies/${company.uuid}/locations?page=1&per=10`, access_token);
    expect(first.headers.get('x-total-count')).toBe(String(GUSTO_MULTI_SITE_LOCATIONS));
    expect(first.headers.get('x-total-pages')).toBe('3');
    expect(first.headers.get('x-page')).toBe('1');
    expect(first.headers.get('x-per-page')).toBe('10');
    const one = (await first.json()) as Record<string, unknown>[];
    expect(one).toHaveLength(10);
    const third = (await (await v1(`companies/${company.uuid}/locations?page=3&per=10`, access_token)).json()) as Record<string, unknown>[];
    expect(third).toHaveLength(10);
    const beyond = (await (await v1(`companies/${company.uuid}/locations?page=4&per=10`, access_token)).json()) as unknown[];
    expect(beyond).toHaveLength(0);
    expect(new Set([...one, ...third].map((l) => l.uuid)).size).toBe(20);
    expect(one[0]).toMatchObject({ company_uuid: company.uuid, country: 'USA', version: expect.any(String) as string });
  });

  it('lists admins with paging headers', async () => {
    const company = sb.state.companies.get(sb.state.companyOrder[0]!)!;
    const { access_token } = await mintGustoToken(sb.url, company.uuid);
    const res = await v1(`companies/${company.uuid}/admins`, access_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe(String(company.admins.length));
    const admins = (await res.json()) as Record<string, unknown>[];
    expect(admins[0]).toMatchObject({ uuid: expect.any(String) as string, email: expect.any(String) as string, first_name: expect.any(String) as string });
  });

  it('a wrong X-Gusto-API-Version is 406; a missing one defaults to 2025-06-15', async () => {
    const { access_token, companyUuid } = await mintGustoToken(sb.url);
    const wrong = await v1(`companies/${companyUuid}`, access_token, { 'x-gusto-api-version': '2024-04-01' });
    expect(wrong.status).toBe(406);
    expect(((await wrong.json()) as { errors: { category: string }[] }).errors[0]?.category).toBe('invalid_api_version');
    const missing = await fetch(`${sb.url}/gusto/v1/companies/${companyUuid}`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(missing.status).toBe(200);
  });

  it('unknown company is 404 not_found; expired token is 401 invalid_token', async () => {
    const { access_token } = await mintGustoToken(sb.url);
    const missing = await v1('companies/00000000-0000-4000-8000-000000000000', access_token);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: { category: string }[] }).errors[0]?.category).toBe('not_found');
    sb.state.advanceClock(2 * 60 * 60_000 + 1000);
    const expired = await v1('token_info', access_token);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { errors: { category: string }[] }).errors[0]?.category).toBe('invalid_token');
  });

  it('limits each grant to N requests per rolling minute with 429 + Retry-After', async () => {
    sb.state.limits.gustoPerMinute = 3;
    try {
      const a = await mintGustoToken(sb.url, sb.state.companyOrder[0]);
      const b = await mintGustoToken(sb.url, sb.state.companyOrder[1]);
      for (let i = 0; i < 3; i += 1) expect((await v1('token_info', a.access_token)).status).toBe(200);
      const limited = await v1('token_info', a.access_token);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another grant has its own budget.
      expect((await v1('token_info', b.access_token)).status).toBe(200);
      sb.state.advanceClock(61_000);
      expect((await v1('token_info', a.access_token)).status).toBe(200);
    } finally {
      sb.state.limits.gustoPerMinute = 200;
    }
  });
});
