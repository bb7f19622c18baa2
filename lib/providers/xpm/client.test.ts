import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ProviderError } from '../errors';
import { createRateBudget } from '../http/budget';
import { createKeyedLimiter } from '../http/limiter';
import { createMemoryTokenStore } from '../oauth/token-store';
import { FakeClock } from '../testing/fake-clock';
import { fakeFetch, jsonResponse, xmlResponse, type RecordedCall } from '../testing/fake-fetch';
import { createXpmClient, practiceManagerConnections } from './client';
import { XPM_PRODUCTION_URLS, type XpmConfig } from './config';
import { createXpmTokenManager } from './tokens';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const config: XpmConfig = { ...XPM_PRODUCTION_URLS, clientId: 'client-id', clientSecret: 'client-secret-value-123' };
const TENANT = '70784a63-d24b-46a9-a4db-0e70a274b056';
const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2Nlc3MtMSJ9.c2lnbmF0dXJlLTE';
const REFRESH = 'refresh-token-value-0001';

function setup(handler: (call: RecordedCall) => Response | Promise<Response>, opts: { expired?: boolean } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1), true);
  const store = createMemoryTokenStore({ accessToken: ACCESS, refreshToken: REFRESH, expiresAt: clock.now() + (opts.expired ? -1 : 20 * 60_000), scope: null });
  let refreshes = 0;
  const revoked = new Set<string>();
  const fetch = fakeFetch((call) => {
    if (call.url === config.tokenUrl) {
      refreshes += 1;
      const params = new URLSearchParams(call.body);
      const presented = params.get('refresh_token') ?? '';
      if (revoked.has(presented) || presented !== store.current()?.refreshToken) return jsonResponse({ error: 'invalid_grant' }, 400);
      return jsonResponse({ access_token: `new-access-token-${refreshes}`, refresh_token: `new-refresh-token-${refreshes}`, expires_in: 1800, token_type: 'Bearer' });
    }
    return handler(call);
  });
  const tokens = createXpmTokenManager({ config, store, fetch, clock });
  const client = createXpmClient({
    config,
    tokens,
    tenantId: TENANT,
    fetch,
    clock,
    limiter: createKeyedLimiter(5),
    budget: createRateBudget({ limit: 1000, windowMs: 60_000, clock }),
    retry: { random: () => 0.5, baseDelayMs: 10 },
  });
  return { client, fetch, store, clock, refreshes: () => refreshes, revoke: (token: string) => revoked.add(token) };
}

describe('createXpmClient', () => {
  test('sends Bearer, xero-tenant-id and Accept: application/xml to the v3.1 path', async () => {
    const { client, fetch } = setup(() => xmlResponse(fixture('list-clients.xml'), 200, { 'X-MinLimit-Remaining': '57', 'X-DayLimit-Remaining': '4990' }));
    const results = await client.listClients({ detailed: true, modifiedSince: new Date(Date.UTC(2026, 0, 1, 9, 30, 0)) });
    expect(results).toHaveLength(6);
    const call = fetch.calls[0]!;
    expect(call.url).toBe('https://api.xero.com/practicemanager/3.1/client.api/list?detailed=true&modifiedsince=2026-01-01T09%3A30%3A00');
    expect(call.headers).toMatchObject({ authorization: `Bearer ${ACCESS}`, 'xero-tenant-id': TENANT, accept: 'application/xml' });
    expect(client.rateLimits()).toMatchObject({ minuteRemaining: 57, dayRemaining: 4990 });
  });

  test('Status ERROR on HTTP 200 is a validation error with the description', async () => {
    const { client } = setup(() => xmlResponse(fixture('error-200.xml')));
    const error = await client.addClient({ name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'validation', message: 'XPM did not accept the change: Name is required' });
  });

  test('a 200 that is not XML is malformed', async () => {
    const { client } = setup(() => new Response('<html>proxy error</html', { status: 200 }));
    await expect(client.listClients()).rejects.toMatchObject({ kind: 'malformed' });
  });

  test('401 TokenExpired → one refresh, then the request succeeds', async () => {
    const { client, fetch, store, refreshes } = setup((call) =>
      call.headers.authorization === `Bearer ${ACCESS}` ? new Response(fixture('token-expired-401.json'), { status: 401 }) : xmlResponse(fixture('get-client.xml')),
    );
    const result = await client.getClient('2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a01');
    expect(result).toMatchObject({ ok: true, record: { name: 'Harbour & Pine Pty Ltd' } });
    expect(refreshes()).toBe(1);
    expect(store.current()?.refreshToken).toBe('new-refresh-token-1');
    const apiCalls = fetch.calls.filter((c) => c.url !== config.tokenUrl);
    expect(apiCalls.map((c) => c.headers.authorization)).toEqual([`Bearer ${ACCESS}`, 'Bearer new-access-token-1']);
  });

  test('10 concurrent calls with an expired token → exactly one refresh, all 10 succeed', async () => {
    const { client, refreshes, fetch } = setup(() => xmlResponse(fixture('list-single.xml')), { expired: true });
    const results = await Promise.all(Array.from({ length: 10 }, () => client.listClients()));
    expect(results.every((r) => r.length === 1 && r[0]?.ok)).toBe(true);
    expect(refreshes()).toBe(1);
    expect(fetch.calls.filter((c) => c.url !== config.tokenUrl).every((c) => c.headers.authorization === 'Bearer new-access-token-1')).toBe(true);
  });

  test('a revoked grant ends as reauth_required and marks the connection', async () => {
    const { client, store, revoke } = setup(() => new Response('{"Detail":"AuthenticationUnsuccessful"}', { status: 401 }));
    revoke(REFRESH);
    const error = await client.listClients().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).toMatch(/reconnect Xero Practice Manager/i);
  });

  test('at most 5 requests in flight for one practice', async () => {
    let inFlight = 0;
    let peak = 0;
    const { client } = setup(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return xmlResponse(fixture('list-empty.xml'));
    });
    await Promise.all(Array.from({ length: 20 }, () => client.listClients()));
    expect(peak).toBe(5);
  });

  test('paged list follows the Next link token to the end', async () => {
    const { client, fetch } = setup((call) => xmlResponse(fixture(new URL(call.url).searchParams.get('pageToken') ? 'paged-list-2.xml' : 'paged-list-1.xml')));
    const names: string[] = [];
    for await (const page of client.allClientPages({ pageSize: 2 })) {
      for (const r of page.results) if (r.ok) names.push(r.record.name);
    }
    expect(names).toEqual(['Alpha Co', 'Beta Co', 'Gamma Co']);
    expect(fetch.calls.map((c) => new URL(c.url).search)).toEqual(['?pageSize=2', '?pageSize=2&pageToken=eyJvZmZzZXQiOjJ9']);
  });

  test('update reads, merges and PUTs the whole record', async () => {
    const { client, fetch } = setup(() => xmlResponse(fixture('get-client.xml')));
    const updated = await client.updateClient('2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a01', { name: 'Harbour and Pine' });
    expect(updated.externalId).toBe('2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a01');
    expect(fetch.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'GET /practicemanager/3.1/client.api/get/2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a01',
      'PUT /practicemanager/3.1/client.api/update',
    ]);
    const put = fetch.calls[1]!;
    expect(put.headers['content-type']).toMatch(/application\/xml/);
    expect(put.body).toContain('<Name>Harbour and Pine</Name>');
    expect(put.body).toContain('<Fax>03 9000 9999</Fax>');
  });

  test('429 beyond the retries is rate_limited with the wait, and says which limit', async () => {
    const { client } = setup(() => new Response('', { status: 429, headers: { 'Retry-After': '7200', 'X-Rate-Limit-Problem': 'day' } }));
    const error = await client.listClients().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7_200_000 });
    expect((error as Error).message).toMatch(/daily limit/);
  });

  test('403 is forbidden; 500s after retries are server errors', async () => {
    const forbidden = setup(() => new Response('', { status: 403 }));
    await expect(forbidden.client.listClients()).rejects.toMatchObject({ kind: 'forbidden' });
    const broken = setup(() => new Response('', { status: 500 }));
    await expect(broken.client.listClients()).rejects.toMatchObject({ kind: 'server' });
    expect(broken.fetch.calls).toHaveLength(6);
  });

  test('no error ever carries a token or the client secret', async () => {
    // An upstream that echoes the credentials back in its error text.
    const echo = (call: RecordedCall) =>
      xmlResponse(
        `<Response><Status>ERROR</Status><ErrorDescription>bad auth ${call.headers.authorization} secret=${config.clientSecret} ${REFRESH}</ErrorDescription></Response>`,
      );
    const { client } = setup(echo);
    const error = (await client.listClients().catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    for (const text of [error.message, JSON.stringify(error), String(error.stack), String(error.code)]) {
      expect(text).not.toContain(ACCESS);
      expect(text).not.toContain(REFRESH);
      expect(text).not.toContain(config.clientSecret);
    }
  });

  test('connections: the practice tenants of a grant', async () => {
    const { client, fetch } = setup(() => jsonResponse(JSON.parse(fixture('connections.json'))));
    const connections = await client.listConnections();
    expect(practiceManagerConnections(connections)).toEqual([expect.objectContaining({ tenantId: TENANT, tenantName: 'Maple & Co Accountants' })]);
    expect(fetch.calls[0]!.url).toBe('https://api.xero.com/connections');
    expect(fetch.calls[0]!.headers['xero-tenant-id']).toBeUndefined();
  });
});
