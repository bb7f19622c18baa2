import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XPM_TENANT_ID } from './seed';
import { startSandbox, type RunningSandbox } from './server';
import { control, gustoHeaders, mintGustoToken, mintXpmToken, xpmHeaders, xpmTokenRequest } from './testing';

let sb: RunningSandbox;
const xpmList = (token: string, extra = '') =>
  fetch(`${sb.url}/xero/api/practicemanager/3.1/client.api/paged-list?pageSize=5${extra}`, { headers: xpmHeaders(token, XPM_TENANT_ID) });

beforeAll(async () => {
  sb = await startSandbox({ port: 0, testMode: true });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  await control(sb.url, 'reset');
});

describe('test controls availability', () => {
  it('are 404 when the sandbox is not in test mode', async () => {
    const plain = await startSandbox({ port: 0 });
    try {
      for (const [path, method] of [
        ['', 'GET'],
        ['reset', 'POST'],
        ['faults', 'POST'],
        ['counters', 'GET'],
        ['tokens', 'POST'],
      ] as const) {
        const res = await fetch(`${plain.url}/__sandbox/${path}`, { method, body: method === 'POST' ? '{}' : undefined });
        expect(res.status).toBe(404);
      }
    } finally {
      await plain.close();
    }
  });

  it('summarise the seed in test mode', async () => {
    const res = await control(sb.url, '', undefined, 'GET');
    const body = (await res.json()) as { tenants: { id: string; clients: number }[]; companies: unknown[]; overlaps: Record<string, string[]> };
    expect(body.tenants.find((t) => t.id === XPM_TENANT_ID)?.clients).toBe(2500);
    expect(body.companies).toHaveLength(40);
    expect(body.overlaps.xpmFromDemoExact!.length).toBeGreaterThan(0);
  });
});

describe('faults', () => {
  it('inject N 500s then answer normally; counters see every request', async () => {
    const { access_token } = await mintXpmToken(sb.url);
    await control(sb.url, 'faults', { app: 'xpm', kind: 'server_error', count: 2, pathContains: 'paged-list' });
    expect((await xpmList(access_token)).status).toBe(500);
    expect((await xpmList(access_token)).status).toBe(500);
    expect((await xpmList(access_token)).status).toBe(200);
    const counters = (await (await control(sb.url, 'counters', undefined, 'GET')).json()) as { requests: Record<string, number>; faultsServed: number };
    expect(counters.requests['GET /xero/api/practicemanager/3.1/client.api/paged-list']).toBe(3);
    expect(counters.faultsServed).toBe(2);
  });

  it('inject 429 with Retry-After and X-Rate-Limit-Problem (XPM) and 429 for Gusto', async () => {
    const x = await mintXpmToken(sb.url);
    await control(sb.url, 'faults', { app: 'xpm', kind: 'rate_limit', retryAfterSeconds: 7, problem: 'day' });
    const res = await xpmList(x.access_token);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-rate-limit-problem')).toBe('day');

    const g = await mintGustoToken(sb.url);
    await control(sb.url, 'faults', { app: 'gusto', kind: 'rate_limit', retryAfterSeconds: 3 });
    const gres = await fetch(`${sb.url}/gusto/v1/token_info`, { headers: gustoHeaders(g.access_token) });
    expect(gres.status).toBe(429);
    expect(gres.headers.get('retry-after')).toBe('3');
  });

  it('inject a Gusto 500 in the errors shape', async () => {
    const g = await mintGustoToken(sb.url);
    await control(sb.url, 'faults', { app: 'gusto', kind: 'server_error' });
    const res = await fetch(`${sb.url}/gusto/v1/companies/${g.companyUuid}`, { headers: gustoHeaders(g.access_token) });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { errors: { category: string }[] }).errors[0]?.category).toBe('internal_error');
  });

  it('timeout never answers (the client gives up); slow answers late', async () => {
    const { access_token } = await mintXpmToken(sb.url);
    await control(sb.url, 'faults', { app: 'xpm', kind: 'timeout' });
    await expect(
      fetch(`${sb.url}/xero/api/practicemanager/3.1/client.api/list`, { headers: xpmHeaders(access_token, XPM_TENANT_ID), signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();

    await control(sb.url, 'faults', { app: 'xpm', kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await xpmList(access_token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('malformed truncates the body so it no longer parses', async () => {
    const { access_token } = await mintXpmToken(sb.url);
    await control(sb.url, 'faults', { app: 'xpm', kind: 'malformed', pathContains: 'paged-list' });
    const res = await xpmList(access_token);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain('</Response>');
  });

  it('faults can target the token endpoint', async () => {
    const { refresh_token } = await mintXpmToken(sb.url);
    await control(sb.url, 'faults', { app: 'xpm', kind: 'server_error', pathContains: '/connect/token' });
    expect((await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token })).status).toBe(500);
    expect((await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token })).status).toBe(200);
  });

  it('rejects an invalid fault', async () => {
    expect((await control(sb.url, 'faults', { kind: 'explode' })).status).toBe(400);
  });
});

describe('tokens and grants', () => {
  it('expire all access tokens: the next call is 401 TokenExpired, one refresh fixes it', async () => {
    const t = await mintXpmToken(sb.url);
    const expired = (await (await control(sb.url, 'tokens/expire', { app: 'xpm' })).json()) as { expired: number };
    expect(expired.expired).toBe(1);
    const res = await xpmList(t.access_token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { Detail: string }).Detail).toMatch(/^TokenExpired/);
    const refreshed = (await (await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token })).json()) as { access_token: string };
    expect((await xpmList(refreshed.access_token)).status).toBe(200);
    const counters = (await (await control(sb.url, 'counters', undefined, 'GET')).json()) as { tokenRefreshes: { xpm: number } };
    expect(counters.tokenRefreshes.xpm).toBe(1);
  });

  it('revoke a grant: API 401, refresh invalid_grant', async () => {
    const t = await mintXpmToken(sb.url);
    const revoked = (await (await control(sb.url, 'grants/revoke', { app: 'xpm', tenantId: XPM_TENANT_ID })).json()) as { revoked: number };
    expect(revoked.revoked).toBe(1);
    expect((await xpmList(t.access_token)).status).toBe(401);
    const refresh = await xpmTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });

    const g = await mintGustoToken(sb.url);
    await control(sb.url, 'grants/revoke', { app: 'gusto', companyUuid: g.companyUuid });
    expect((await fetch(`${sb.url}/gusto/v1/token_info`, { headers: gustoHeaders(g.access_token) })).status).toBe(401);
  });
});

describe('records', () => {
  it('malformed XPM record: a client without Name, visible to incremental refresh', async () => {
    const { access_token } = await mintXpmToken(sb.url);
    const since = new Date(sb.state.now() - 1000).toISOString().slice(0, 19);
    const target = (await (await control(sb.url, 'records/malformed', { app: 'xpm', mode: 'missing-name' })).json()) as { id: string };
    const res = await fetch(`${sb.url}/xero/api/practicemanager/3.1/client.api/list?modifiedsince=${since}`, { headers: xpmHeaders(access_token, XPM_TENANT_ID) });
    const body = await res.text();
    expect(body).toContain(`<UUID>${target.id}</UUID>`);
    // The client has no <Name> of its own (its account manager still has one).
    expect(body).not.toMatch(/<Client><UUID>[^<]*<\/UUID><Name>/);
    expect(body).toContain('</Response>');
  });

  it('malformed Gusto company: bad values', async () => {
    const g = await mintGustoToken(sb.url);
    await control(sb.url, 'records/malformed', { app: 'gusto', id: g.companyUuid, mode: 'bad-values' });
    const body = (await (await fetch(`${sb.url}/gusto/v1/companies/${g.companyUuid}`, { headers: gustoHeaders(g.access_token) })).json()) as Record<string, unknown>;
    expect(typeof body.ein).toBe('number');
    expect(body.locations).toBe('n/a');
  });

  it('change renames a record and bumps its modified time; reset restores the seed', async () => {
    const clients = (await (await control(sb.url, 'xpm/clients?query=harbour', undefined, 'GET')).json()) as { clients: { id: string; name: string }[] };
    const target = clients.clients[0]!;
    const changed = (await (await control(sb.url, 'records/change', { app: 'xpm', id: target.id, fields: { name: 'Renamed Harbour Client' } })).json()) as {
      name: string;
      modifiedAt: string;
    };
    expect(changed.name).toBe('Renamed Harbour Client');
    expect(Date.parse(changed.modifiedAt)).toBeGreaterThan(sb.state.now() - 5000);

    const g = (await (await control(sb.url, 'records/change', { app: 'gusto' })).json()) as { id: string; name: string };
    expect(g.name).toMatch(/\(renamed\)$/);

    await control(sb.url, 'reset');
    expect(sb.state.tenants.get(XPM_TENANT_ID)!.clients.get(target.id)?.name).toBe(target.name);
    expect(sb.state.companies.get(g.id)?.name).not.toMatch(/\(renamed\)$/);
  });

  it('rejects unknown change fields', async () => {
    expect((await control(sb.url, 'records/change', { app: 'xpm', fields: { name: '' } })).status).toBe(400);
  });
});

describe('clock and limits controls', () => {
  it('advance the clock and set limits at runtime', async () => {
    const before = sb.state.now();
    await control(sb.url, 'clock', { advanceMs: 3_600_000 });
    expect(sb.state.now() - before).toBeGreaterThanOrEqual(3_600_000);
    const limits = (await (await control(sb.url, 'limits', { xpmPerMinute: 2 })).json()) as { xpmPerMinute: number };
    expect(limits.xpmPerMinute).toBe(2);
    await control(sb.url, 'limits', { xpmPerMinute: 60 });
  });
});
