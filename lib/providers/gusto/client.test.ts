import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ProviderError } from '../errors';
import { createRateBudget } from '../http/budget';
import { createMemoryTokenStore } from '../oauth/token-store';
import { FakeClock } from '../testing/fake-clock';
import { fakeFetch, jsonResponse, type RecordedCall } from '../testing/fake-fetch';
import { createGustoClient, gustoCompanyOfToken } from './client';
import { GUSTO_DEMO_BASE_URL, type GustoConfig } from './config';
import { buildGustoAuthorizeUrl } from './oauth';
import { createGustoTokenManager } from './tokens';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const config: GustoConfig = { baseUrl: GUSTO_DEMO_BASE_URL, clientId: 'gusto-client', clientSecret: 'gusto-client-secret-xyz' };
const COMPANY = 'c7a07c73-a703-4462-9343-1b181182b6e0';
const ACCESS = 'gusto-access-token-aaaa';
const REFRESH = 'gusto-refresh-token-bbbb';

function setup(handler: (call: RecordedCall) => Response) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1), true);
  const store = createMemoryTokenStore({ accessToken: ACCESS, refreshToken: REFRESH, expiresAt: clock.now() + 3600_000, scope: null });
  const revoked = new Set<string>();
  let refreshes = 0;
  const fetch = fakeFetch((call) => {
    if (call.url.endsWith('/oauth/token')) {
      refreshes += 1;
      const body = JSON.parse(call.body ?? '{}') as Record<string, string>;
      if (body.client_secret !== config.clientSecret) return jsonResponse({ error: 'invalid_client' }, 401);
      if (revoked.has(body.refresh_token ?? '')) return jsonResponse({ error: 'invalid_grant', error_description: 'The provided authorization grant is invalid' }, 400);
      return jsonResponse({
        access_token: `gusto-new-access-${refreshes}`,
        refresh_token: `gusto-new-refresh-${refreshes}`,
        expires_in: 7200,
        token_type: 'Bearer',
        created_at: 1767225600,
      });
    }
    return handler(call);
  });
  const tokens = createGustoTokenManager({ config, store, fetch, clock });
  const client = createGustoClient({
    config,
    tokens,
    companyUuid: COMPANY,
    fetch,
    clock,
    budget: createRateBudget({ limit: 1000, windowMs: 60_000, clock }),
    retry: { random: () => 0.5, baseDelayMs: 10 },
  });
  return { client, fetch, store, tokens, clock, refreshes: () => refreshes, revoke: (t: string) => revoked.add(t) };
}

describe('createGustoClient', () => {
  test('sends the API version header and follows page/per with X-Total-Pages', async () => {
    const { client, fetch } = setup((call) => {
      const page = new URL(call.url).searchParams.get('page');
      return jsonResponse(fixture(page === '1' ? 'locations-page-1.json' : 'locations-page-2.json'), 200, { 'X-Total-Pages': '2', 'X-Total-Count': '5' });
    });
    const locations = await client.listLocations(undefined, { per: 3 });
    expect(locations.map((l) => l.uuid)).toHaveLength(4); // the item without a uuid is dropped
    expect(fetch.calls.map((c) => new URL(c.url).pathname + new URL(c.url).search)).toEqual([
      `/v1/companies/${COMPANY}/locations?page=1&per=3`,
      `/v1/companies/${COMPANY}/locations?page=2&per=3`,
    ]);
    expect(fetch.calls[0]!.headers).toMatchObject({ 'x-gusto-api-version': '2025-06-15', authorization: `Bearer ${ACCESS}`, accept: 'application/json' });
  });

  test('without X-Total-Pages a short page is the last', async () => {
    const { client, fetch } = setup(() => jsonResponse(fixture('admins.json')));
    const admins = await client.listAdmins(undefined, { per: 25 });
    expect(admins.map((a) => a.first_name)).toEqual(['John', 'Ian']);
    expect(fetch.calls).toHaveLength(1);
  });

  test('getCanonicalCompany combines the company and its locations', async () => {
    const { client } = setup((call) =>
      call.url.includes('/locations') ? jsonResponse(fixture('locations-page-1.json'), 200, { 'X-Total-Pages': '1' }) : jsonResponse(fixture('company.json')),
    );
    expect(await client.getCanonicalCompany()).toMatchObject({ ok: true, record: { externalId: COMPANY, streetAddress: { lines: ['300 3rd Street'] } } });
  });

  test('token_info names the company of a new grant', async () => {
    const { tokens, fetch } = setup(() => jsonResponse(fixture('token-info.json')));
    const info = await gustoCompanyOfToken({ config, tokens, fetch, clock: new FakeClock(undefined, true) });
    expect(info.companyUuid).toBe(COMPANY);
  });

  test('invalid_token → one refresh (JSON body with client credentials) → success', async () => {
    const { client, fetch, store, refreshes } = setup((call) =>
      call.headers.authorization === `Bearer ${ACCESS}` ? jsonResponse(fixture('error-invalid-token.json'), 401) : jsonResponse(fixture('company.json')),
    );
    expect(await client.getCompany()).toMatchObject({ uuid: COMPANY });
    expect(refreshes()).toBe(1);
    const tokenCall = fetch.calls.find((c) => c.url.endsWith('/oauth/token'))!;
    expect(JSON.parse(tokenCall.body!)).toEqual({ client_id: 'gusto-client', client_secret: config.clientSecret, grant_type: 'refresh_token', refresh_token: REFRESH });
    expect(store.current()?.refreshToken).toBe('gusto-new-refresh-1');
  });

  test('a revoked grant ends as reauth_required and marks the connection', async () => {
    const { client, store, revoke } = setup(() => jsonResponse(fixture('error-invalid-token.json'), 401));
    revoke(REFRESH);
    await expect(client.getCompany()).rejects.toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).toMatch(/reconnect Gusto/);
  });

  test.each([
    [403, { errors: [{ error_key: 'base', category: 'missing_permissions', message: 'Missing scope' }] }, 'forbidden'],
    [404, fixture('error-not-found.json'), 'not_found'],
    [406, { errors: [{ error_key: 'X-Gusto-API-Version', category: 'invalid_api_version', message: 'bad version' }] }, 'validation'],
    [409, { errors: [{ error_key: 'version', category: 'invalid_resource_version', message: 'stale' }] }, 'validation'],
    [422, fixture('error-unprocessable.json'), 'validation'],
    [500, { errors: [{ error_key: 'base', category: 'internal_error', message: 'boom' }] }, 'server'],
    [429, {}, 'rate_limited'],
  ] as const)('HTTP %s → %s', async (status, body, kind) => {
    const { client } = setup(() => jsonResponse(body, status, { 'Retry-After': '1' }));
    const error = await client.getCompany().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind, status, provider: 'gusto' });
  });

  test('nested 422 messages are flattened into one readable message', async () => {
    const { client } = setup(() => jsonResponse(fixture('error-unprocessable.json'), 422));
    await expect(client.getCompany()).rejects.toThrow('Gusto did not accept the request: Hours must be positive First name is required.');
  });

  test('errors never carry tokens or the client secret', async () => {
    const { client } = setup((call) =>
      jsonResponse({ errors: [{ error_key: 'base', category: 'invalid_attribute_value', message: `echo ${call.headers.authorization} ${REFRESH} ${config.clientSecret}` }] }, 422),
    );
    const error = (await client.getCompany().catch((e: unknown) => e)) as ProviderError;
    for (const text of [error.message, JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(ACCESS);
      expect(text).not.toContain(REFRESH);
      expect(text).not.toContain(config.clientSecret);
    }
  });
});

describe('buildGustoAuthorizeUrl', () => {
  test('state, no scope, code response', () => {
    const { url, state } = buildGustoAuthorizeUrl(config, 'https://app.example/callback/gusto');
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://api.gusto-demo.com/oauth/authorize');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ client_id: 'gusto-client', redirect_uri: 'https://app.example/callback/gusto', response_type: 'code', state });
    expect(state.length).toBeGreaterThanOrEqual(43);
  });
});
