/**
 * The Gusto adapter against the running sandbox, over HTTP: one-company-per-grant OAuth through
 * the consent page, company mapping, change detection, a 429 storm, token expiry, revocation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startSandbox } from '../../sandbox/server';
import { createMemoryTokenStore } from '../oauth/token-store';
import { answerConsent } from '../testing/consent-form';
import { control, mintTokens, type SandboxCounters } from '../testing/sandbox-controls';
import { createGustoClient, gustoCompanyOfToken } from './client';
import { gustoSandboxConfig, type GustoConfig } from './config';
import { buildGustoAuthorizeUrl, exchangeGustoCode, revokeGustoToken } from './oauth';
import { createGustoTokenManager } from './tokens';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let config: GustoConfig;
const REDIRECT = 'http://127.0.0.1:3999/api/integrations/gusto/callback';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  config = gustoSandboxConfig(sandbox.url);
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await control(sandbox.url, 'reset', {});
});

async function companies(): Promise<{ id: string; name: string }[]> {
  return control<{ id: string; name: string }[]>(sandbox.url, 'gusto/companies');
}

async function connected(companyUuid?: string) {
  const minted = await mintTokens(sandbox.url, 'gusto', companyUuid ? { companyUuid } : {});
  const store = createMemoryTokenStore(minted.tokens);
  const tokens = createGustoTokenManager({ config, store });
  const client = createGustoClient({ config, tokens, companyUuid: minted.companyUuid!, retry: { baseDelayMs: 200 } });
  return { client, store, tokens, minted };
}

describe('Gusto adapter ↔ sandbox', () => {
  test('OAuth: authorise two companies, one grant each; token_info names each company', async () => {
    const [first, second] = await companies();
    const seen: string[] = [];
    for (const company of [first!, second!]) {
      const request = buildGustoAuthorizeUrl(config, REDIRECT);
      const { location, page } = await answerConsent(request.url, /allow/i, { company_uuid: company.id });
      expect(page).toMatch(/Gusto/);
      expect(location.searchParams.get('state')).toBe(request.state);
      const tokenSet = await exchangeGustoCode(config, { code: location.searchParams.get('code')!, redirectUri: REDIRECT });
      expect(tokenSet.expiresAt).toBeGreaterThan(Date.now() + 110 * 60_000);
      const tokens = createGustoTokenManager({ config, store: createMemoryTokenStore(tokenSet) });
      const info = await gustoCompanyOfToken({ config, tokens });
      seen.push(info.companyUuid);
      const result = await createGustoClient({ config, tokens, companyUuid: info.companyUuid }).getCanonicalCompany();
      expect(result).toMatchObject({ ok: true, record: { app: 'gusto', externalId: company.id, name: company.name } });
    }
    expect(seen).toEqual([first!.id, second!.id]);
  });

  test('OAuth: denied consent comes back as access_denied', async () => {
    const request = buildGustoAuthorizeUrl(config, REDIRECT);
    const { location } = await answerConsent(request.url, /deny/i);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe(request.state);
  });

  test('every seeded company maps to a canonical record with contacts and an address', async () => {
    const list = await companies();
    expect(list.length).toBeGreaterThanOrEqual(20);
    for (const company of list.slice(0, 10)) {
      const { client } = await connected(company.id);
      const result = await client.getCanonicalCompany();
      if (!result.ok) throw new Error(result.error);
      expect(result.record.name).toBe(company.name);
      expect(result.record.streetAddress?.lines.length).toBeGreaterThan(0);
      expect(result.record.contacts.length).toBeGreaterThan(0);
      expect(result.record.contacts.filter((c) => c.isPrimary)).toHaveLength(1);
    }
  });

  test('a change upstream is seen on the next fetch; suspension archives', async () => {
    const { client, minted } = await connected();
    await control(sandbox.url, 'records/change', { app: 'gusto', id: minted.companyUuid, fields: { trade_name: 'Brand New Trading', is_suspended: true } });
    expect(await client.getCanonicalCompany()).toMatchObject({ ok: true, record: { tradingName: 'Brand New Trading', archived: true } });
  });

  test('locations and admins follow page/per', async () => {
    const { client } = await connected();
    const all = await client.listLocations(undefined, { per: 1 });
    const admins = await client.listAdmins(undefined, { per: 1 });
    const summary = await control<{ companies: { uuid: string; locations: number; admins: number }[] }>(sandbox.url, '');
    const mine = summary.companies.find((c) => c.uuid === client.companyUuid)!;
    expect(all).toHaveLength(mine.locations);
    expect(admins).toHaveLength(mine.admins);
  });

  test('rides out a 429 storm', async () => {
    const { client } = await connected();
    await control(sandbox.url, 'counters/reset', {});
    await control(sandbox.url, 'faults', { app: 'gusto', kind: 'rate_limit', count: 3, pathContains: '/v1/companies', retryAfterSeconds: 1 });
    expect(await client.getCompany()).toMatchObject({ uuid: client.companyUuid });
    const counters = await control<SandboxCounters>(sandbox.url, 'counters');
    expect(counters.rateLimited.gusto).toBe(3);
  });

  test('an expired token is refreshed once for concurrent calls', async () => {
    const { client, store, minted } = await connected();
    await control(sandbox.url, 'tokens/expire', { app: 'gusto' });
    await control(sandbox.url, 'counters/reset', {});
    await Promise.all(Array.from({ length: 10 }, () => client.getCompany()));
    const counters = await control<SandboxCounters>(sandbox.url, 'counters');
    expect(counters.tokenRefreshes.gusto).toBe(1);
    expect(store.current()?.refreshToken).not.toBe(minted.tokens.refreshToken);
  });

  test('a revoked grant ends as needs_reauth', async () => {
    const { client, store, minted } = await connected();
    await control(sandbox.url, 'grants/revoke', { app: 'gusto', grantId: minted.grantId });
    await expect(client.getCompany()).rejects.toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).toMatch(/reconnect Gusto/);
  });

  test('disconnecting revokes the grant', async () => {
    const { client, store, minted } = await connected();
    await revokeGustoToken(config, minted.tokens.accessToken);
    await expect(client.getCompany()).rejects.toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).not.toBeNull();
  });

  test('another company than the grant’s is forbidden; an unknown one is not found', async () => {
    const [first, second] = await companies();
    const { client } = await connected(first!.id);
    await expect(client.getCompany(second!.id)).rejects.toMatchObject({ kind: 'forbidden', code: 'missing_permissions' });
    await expect(client.getCompany('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'not_found' });
  });

  test('malformed companies fail alone with a readable reason', async () => {
    const [first, second] = await companies();
    await control(sandbox.url, 'records/malformed', { app: 'gusto', id: first!.id, mode: 'bad-values' });
    await control(sandbox.url, 'records/malformed', { app: 'gusto', id: second!.id, mode: 'missing-name' });
    const bad = await (await connected(first!.id)).client.getCanonicalCompany();
    expect(bad).toMatchObject({ ok: false, externalId: first!.id, error: expect.stringContaining('could not be read') });
    const nameless = await (await connected(second!.id)).client.getCanonicalCompany();
    expect(nameless).toEqual({ ok: false, externalId: second!.id, error: `Gusto company ${second!.id} has no name. It was skipped.` });
  });

  test('a wrong API version is reported as such', async () => {
    const { tokens, minted } = await connected();
    const client = createGustoClient({ config: { ...config, apiVersion: '2020-01-01' }, tokens, companyUuid: minted.companyUuid! });
    await expect(client.getCompany()).rejects.toMatchObject({ kind: 'validation', code: 'invalid_api_version', status: 406 });
  });
});
