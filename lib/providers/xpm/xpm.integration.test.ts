/**
 * The XPM adapter against the running sandbox, over HTTP, through the same code path as the
 * real service: OAuth code flow through the consent page, directory fill, incremental
 * refresh, a 429 storm, token expiry and a revoked grant.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { XPM_TENANT_ID } from '../../sandbox/seed';
import { startSandbox } from '../../sandbox/server';
import { isProviderError } from '../errors';
import { createRateBudget } from '../http/budget';
import { createKeyedLimiter } from '../http/limiter';
import { createMemoryTokenStore } from '../oauth/token-store';
import { answerConsent } from '../testing/consent-form';
import { control, mintTokens, type SandboxCounters } from '../testing/sandbox-controls';
import { createXpmClient, listXpmConnections, practiceManagerConnections, type XpmClient } from './client';
import { xpmSandboxConfig, type XpmConfig } from './config';
import { buildXpmAuthorizeUrl, exchangeXpmCode, revokeXpmToken } from './oauth';
import { createXpmTokenManager } from './tokens';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let config: XpmConfig;
const REDIRECT = 'http://127.0.0.1:3999/api/integrations/xpm/callback';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  config = xpmSandboxConfig(sandbox.url);
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await control(sandbox.url, 'reset', {});
});

async function connected(options: { retry?: { baseDelayMs?: number; maxAttempts?: number } } = {}) {
  const minted = await mintTokens(sandbox.url, 'xpm');
  const store = createMemoryTokenStore(minted.tokens);
  const tokens = createXpmTokenManager({ config, store });
  const client = createXpmClient({ config, tokens, tenantId: minted.tenantId!, retry: { baseDelayMs: 200, ...options.retry } });
  return { client, store, tokens, minted };
}

async function liveClientCount(): Promise<number> {
  const all = await control<{ clients: { isArchived: boolean; isDeleted: boolean }[] }>(sandbox.url, 'xpm/clients?limit=5000');
  return all.clients.filter((c) => !c.isArchived && !c.isDeleted).length;
}

describe('XPM adapter ↔ sandbox', () => {
  test('OAuth: consent page → code → tokens (PKCE) → the practice tenant from /connections', async () => {
    const request = buildXpmAuthorizeUrl(config, REDIRECT);
    const { location, page } = await answerConsent(request.url, /allow/i);
    expect(page).toMatch(/Xero Practice Manager/);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe(request.state);
    const code = location.searchParams.get('code');
    expect(code).toBeTruthy();

    const tokenSet = await exchangeXpmCode(config, { code: code!, redirectUri: REDIRECT, codeVerifier: request.codeVerifier });
    expect(tokenSet.refreshToken).toBeTruthy();
    expect(tokenSet.expiresAt).toBeGreaterThan(Date.now() + 25 * 60_000);

    // The code is single-use.
    await expect(exchangeXpmCode(config, { code: code!, redirectUri: REDIRECT, codeVerifier: request.codeVerifier })).rejects.toMatchObject({ kind: 'reauth_required' });

    const tokens = createXpmTokenManager({ config, store: createMemoryTokenStore(tokenSet) });
    const practices = practiceManagerConnections(await listXpmConnections({ config, tokens }));
    expect(practices).toHaveLength(1);
    expect(practices[0]!.tenantType).toBe('PRACTICEMANAGER');

    const client = createXpmClient({ config, tokens, tenantId: practices[0]!.tenantId });
    const page1 = await client.pagedListClients({ pageSize: 5 });
    expect(page1.results).toHaveLength(5);
  });

  test('OAuth: denied consent comes back as access_denied with the state', async () => {
    const request = buildXpmAuthorizeUrl(config, REDIRECT);
    const { location } = await answerConsent(request.url, /deny/i);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe(request.state);
  });

  test('fills the whole directory through paged-list', async () => {
    const { client } = await connected();
    const ids = new Set<string>();
    let failed = 0;
    for await (const page of client.allClientPages({ pageSize: 500 })) {
      for (const r of page.results) {
        if (r.ok) ids.add(r.record.externalId);
        else failed += 1;
      }
    }
    expect(failed).toBe(0);
    expect(ids.size).toBe(await liveClientCount());
    expect(ids.size).toBeGreaterThan(2000);
    expect(client.rateLimits()?.minuteRemaining).toBeTypeOf('number');
  });

  test('incremental list with modifiedsince finds a record changed upstream', async () => {
    const { client } = await connected();
    const before = await control<{ now: string }>(sandbox.url, '');
    const since = new Date(Date.parse(before.now) - 1000); // the overlap window, in miniature
    const unchanged = await client.listClients({ modifiedSince: since });
    expect(unchanged).toHaveLength(0);

    const changed = await control<{ id: string; name: string }>(sandbox.url, 'records/change', { app: 'xpm', fields: { name: 'Renamed Upstream Pty Ltd', phone: '02 5555 0101' } });
    const found = await client.listClients({ modifiedSince: since, detailed: true });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ok: true, record: { externalId: changed.id, name: 'Renamed Upstream Pty Ltd', phone: '02 5555 0101' } });
  });

  test('rides out a 429 storm without breaking the real limits', async () => {
    const { client } = await connected({ retry: { maxAttempts: 6 } });
    await control(sandbox.url, 'counters/reset', {});
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'rate_limit', count: 4, pathContains: 'client.api/', retryAfterSeconds: 1, problem: 'minute' });
    const started = Date.now();
    const page = await client.pagedListClients({ pageSize: 10 });
    expect(page.results).toHaveLength(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000); // honoured Retry-After each time
    const counters = await control<SandboxCounters>(sandbox.url, 'counters');
    expect(counters.rateLimited.xpm).toBe(4); // only the injected ones: we never tripped a real limit
  });

  test('a 500 and a malformed response are retried or reported, never crash', async () => {
    const { client } = await connected();
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'server_error', count: 2, pathContains: 'client.api/' });
    expect((await client.pagedListClients({ pageSize: 3 })).results).toHaveLength(3);
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'malformed', count: 1, pathContains: 'client.api/' });
    await expect(client.pagedListClients({ pageSize: 3 })).rejects.toMatchObject({ kind: 'malformed' });
  });

  test('a request that never answers times out and is retried', async () => {
    const minted = await mintTokens(sandbox.url, 'xpm');
    const tokens = createXpmTokenManager({ config, store: createMemoryTokenStore(minted.tokens) });
    const client = createXpmClient({ config, tokens, tenantId: minted.tenantId!, timeoutMs: 500, retry: { baseDelayMs: 50 } });
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'timeout', count: 1, pathContains: 'client.api/paged-list' });
    expect((await client.pagedListClients({ pageSize: 2 })).results).toHaveLength(2);
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'timeout', count: 10, pathContains: 'client.api/paged-list' });
    const error = await createXpmClient({ config, tokens, tenantId: minted.tenantId!, timeoutMs: 200, retry: { baseDelayMs: 20, maxAttempts: 3 } })
      .pagedListClients({ pageSize: 2 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', code: 'timeout', message: 'Xero Practice Manager did not answer in time (tried 3 times). Please try again in a few minutes.' });
    await control(sandbox.url, 'faults', undefined, 'DELETE');
  });

  test('an expired access token is refreshed once and the call succeeds', async () => {
    const { client, store, minted } = await connected();
    await control(sandbox.url, 'tokens/expire', { app: 'xpm' });
    await control(sandbox.url, 'counters/reset', {});
    const results = await Promise.all(Array.from({ length: 5 }, () => client.pagedListClients({ pageSize: 2 })));
    expect(results.every((r) => r.results.length === 2)).toBe(true);
    const counters = await control<SandboxCounters>(sandbox.url, 'counters');
    expect(counters.tokenRefreshes.xpm).toBe(1);
    expect(store.current()?.refreshToken).not.toBe(minted.tokens.refreshToken);
    expect(store.needsReauth()).toBeNull();
  });

  test('a revoked grant ends as needs_reauth', async () => {
    const { client, store, minted } = await connected();
    await control(sandbox.url, 'grants/revoke', { app: 'xpm', grantId: minted.grantId });
    await expect(client.listClients()).rejects.toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).toMatch(/reconnect Xero Practice Manager/i);
  });

  test('disconnecting revokes the grant at Xero identity', async () => {
    const { client, store, minted } = await connected();
    await revokeXpmToken(config, minted.tokens.refreshToken!);
    await control(sandbox.url, 'tokens/expire', { app: 'xpm' });
    await expect(client.listClients()).rejects.toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).not.toBeNull();
  });

  test('a malformed record fails alone', async () => {
    const { client } = await connected();
    const some = await control<{ clients: { id: string; isArchived: boolean; isDeleted: boolean }[] }>(sandbox.url, 'xpm/clients?limit=20');
    const [first, second] = some.clients.filter((c) => !c.isArchived && !c.isDeleted);
    const broken = await control<{ id: string }>(sandbox.url, 'records/malformed', { app: 'xpm', id: first!.id, mode: 'missing-name' });
    const bad = await control<{ id: string }>(sandbox.url, 'records/change', { app: 'xpm', id: second!.id, fields: { name: 'Second Victim' } });
    await control(sandbox.url, 'records/malformed', { app: 'xpm', id: bad.id, mode: 'bad-values' });
    const results = await client.listClients();
    const failures = results.filter((r) => !r.ok);
    expect(failures).toEqual(
      expect.arrayContaining([
        { ok: false, externalId: broken.id, error: `XPM client ${broken.id} has no name. It was skipped.` },
        expect.objectContaining({ ok: false, externalId: bad.id, error: expect.stringMatching(/Second Victim.*(unreadable|not valid)/) }),
      ]),
    );
    expect(failures).toHaveLength(2);
    expect(results.length - failures.length).toBeGreaterThan(2000);
  });

  test('writes: add, search, update (read-merge-write keeps unmodelled fields and the tax number), archive', async () => {
    const { client } = await connected();
    const created = await client.addClient({
      name: 'Quokka & Co Integration Test',
      email: 'hello@quokka.example',
      taxNumber: '123456782',
      streetAddress: { lines: ['1 Rottnest Rd'], city: 'Perth', region: 'WA', postcode: '6000', country: 'Australia' },
      contacts: [{ name: 'Quinn Quokka', email: 'quinn@quokka.example', isPrimary: true }],
    });
    expect(created).toMatchObject({ name: 'Quokka & Co Integration Test', taxNumber: '*****6782', taxNumberMasked: true, contacts: [{ name: 'Quinn Quokka', isPrimary: true }] });

    const searched = await client.searchClients('Quokka & Co');
    expect(searched.map((r) => r.ok && r.record.externalId)).toContain(created.externalId);

    const updated = await client.updateClient(created.externalId, { phone: '08 9000 0000' });
    expect(updated).toMatchObject({ phone: '08 9000 0000', email: 'hello@quokka.example', taxNumber: '*****6782', streetAddress: { city: 'Perth' } });

    // A whole canonical record is a valid patch (contacts travel through the contact calls).
    const roundTrip = await client.updateClient(created.externalId, { ...updated, website: 'https://quokka.example' });
    expect(roundTrip).toMatchObject({ website: 'https://quokka.example', phone: '08 9000 0000', taxNumber: '*****6782' });

    const added = await client.addContact(created.externalId, { name: 'Robin Roo', email: 'robin@quokka.example', position: 'Bookkeeper' });
    expect(added).toMatchObject({ name: 'Robin Roo', position: 'Bookkeeper', isPrimary: false });
    const changedContact = await client.updateContact(created.externalId, added.externalId!, { mobile: '0400 111 222' });
    expect(changedContact).toMatchObject({ name: 'Robin Roo', email: 'robin@quokka.example', mobile: '0400 111 222', position: 'Bookkeeper' });
    const reread = await client.getClient(created.externalId);
    expect(reread.ok && reread.record.contacts.map((c) => c.name)).toEqual(['Quinn Quokka', 'Robin Roo']);

    await client.archiveClient(created.externalId);
    expect(await client.getClient(created.externalId)).toMatchObject({ ok: true, record: { archived: true } });
    await expect(client.getClient('00000000-0000-4000-8000-00000000dead')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(client.addClient({ name: ' ' })).rejects.toMatchObject({ kind: 'validation' });
  });

  /**
   * A client with its own rate budget: the directory fills above spend this process's shared
   * one, and these tests are about what is sent, not about waiting for the minute to roll.
   */
  async function writer(options: { fetch?: typeof fetch } = {}) {
    const minted = await mintTokens(sandbox.url, 'xpm');
    const tokens = createXpmTokenManager({ config, store: createMemoryTokenStore(minted.tokens) });
    return createXpmClient({
      config,
      tokens,
      tenantId: minted.tenantId!,
      fetch: options.fetch,
      budget: createRateBudget({ limit: 55, windowMs: 60_000 }),
      limiter: createKeyedLimiter(5),
      retry: { baseDelayMs: 200 },
    });
  }

  /** A seeded client with every practice field set: managers, type, GST settings, groups, contacts. */
  function richSandboxClient() {
    return [...sandbox.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find(
      (c) => !c.isDeleted && !c.isArchived && c.accountManager && c.jobManager && c.gstPeriod !== null && c.groups.length > 0 && c.taxNumber && c.contacts.some((x) => x.position),
    )!;
  }
  const practiceFields = (c: ReturnType<typeof richSandboxClient>) =>
    structuredClone({
      accountManager: c.accountManager,
      jobManager: c.jobManager,
      type: c.type,
      groups: c.groups,
      gstRegistered: c.gstRegistered,
      prepareGst: c.prepareGst,
      gstPeriod: c.gstPeriod,
      gstBasis: c.gstBasis,
      prepareTaxReturn: c.prepareTaxReturn,
      taxNumber: c.taxNumber,
      balanceMonth: c.balanceMonth,
      clientCode: c.clientCode,
      contacts: c.contacts,
    });

  test('update (Everything) keeps account manager, groups, GST settings, tax number and contacts intact', async () => {
    const client = await writer();
    const target = richSandboxClient();
    const before = practiceFields(target);
    const updated = await client.updateClient(target.uuid, { email: 'new@push.example', website: 'https://push.example' });
    expect(updated).toMatchObject({ email: 'new@push.example', website: 'https://push.example' });
    expect(practiceFields(target)).toEqual(before);
    expect(target.website).toBe('https://push.example');
  });

  test('update (Client name) changes the name only', async () => {
    const client = await writer();
    const target = richSandboxClient();
    const before = { ...practiceFields(target), email: target.email, phone: target.phone, city: target.city };
    await client.updateClient(target.uuid, { name: 'Renamed By Push Pty Ltd', email: 'ignored@push.example' }, { syncData: 'client_name' });
    expect(target.name).toBe('Renamed By Push Pty Ltd');
    expect({ ...practiceFields(target), email: target.email, phone: target.phone, city: target.city }).toEqual(before);
  });

  test('a contact change goes through the contact endpoint with the client UUID; Position and IsPrimary are kept', async () => {
    const client = await writer();
    const target = richSandboxClient();
    const contact = target.contacts.find((x) => x.position)!;
    const { position, isPrimary, addressee } = contact;
    await control(sandbox.url, 'counters/reset', {});
    const changed = await client.updateContact(target.uuid, contact.uuid, { email: 'contact@push.example' });
    expect(changed).toMatchObject({ email: 'contact@push.example', position, isPrimary });
    expect(contact).toMatchObject({ email: 'contact@push.example', position, isPrimary, addressee });
    const counters = await control<SandboxCounters>(sandbox.url, 'counters');
    expect(Object.keys(counters.requests).filter((k) => k.includes('client.api/update'))).toEqual([]);
    await expect(client.updateContact(richOther(target.uuid), contact.uuid, { email: 'x@y.example' })).rejects.toMatchObject({ kind: 'validation' });
  });
  const richOther = (not: string) => [...sandbox.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((c) => c.uuid !== not && !c.isDeleted)!.uuid;

  test('a request with a made-up element is refused by the sandbox and surfaces as a readable error', async () => {
    // A fetch that slips an element XPM does not know into every write, as a buggy builder would.
    const sloppyFetch: typeof fetch = (input, init) =>
      fetch(input, init?.body && typeof init.body === 'string' ? { ...init, body: init.body.replace('</Client>', '<FavouriteColour>Teal</FavouriteColour></Client>') } : init);
    const client = await writer({ fetch: sloppyFetch });
    const target = richSandboxClient();
    const error = await client.updateClient(target.uuid, { phone: '08 0000 0000' }).catch((e: unknown) => e);
    expect(isProviderError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'validation', provider: 'xpm', message: 'XPM did not accept the change: <FavouriteColour> is not a valid element of <Client>' });
    expect(target.phone).not.toBe('08 0000 0000');
  });

  test('addJob, then listClientJobs; a job for an unknown client is a readable error', async () => {
    const client = await writer();
    const target = richSandboxClient();
    const job = await client.addJob({ clientUuid: target.uuid, name: 'Annual accounts', description: 'FY26 financial statements', startDate: '2026-07-01', dueDate: '2026-10-31' });
    expect(job).toMatchObject({ id: 'J000001', name: 'Annual accounts', clientUuid: target.uuid, clientName: target.name, startDate: '2026-07-01', dueDate: '2026-10-31' });
    const second = await client.addJob({
      clientUuid: target.uuid,
      name: 'BAS',
      description: 'Q1 activity statement',
      startDate: new Date('2026-10-01T00:00:00Z'),
      dueDate: '2026-10-28',
    });
    expect(second.id).toBe('J000002');
    expect((await client.listClientJobs(target.uuid)).map((j) => j.id)).toEqual(['J000001', 'J000002']);
    expect(await client.listClientJobs(richOther(target.uuid))).toEqual([]);
    await expect(
      client.addJob({ clientUuid: '00000000-0000-4000-8000-00000000dead', name: 'X', description: 'Y', startDate: '2026-07-01', dueDate: '2026-07-02' }),
    ).rejects.toMatchObject({
      kind: 'not_found',
      message: 'XPM could not find that record: Client not found: 00000000-0000-4000-8000-00000000dead',
    });
  });

  test('a tenant the grant does not reach is forbidden', async () => {
    const { tokens } = await connected();
    const stranger = createXpmClient({ config, tokens, tenantId: '11111111-2222-4333-8444-555555555555' });
    await expect(stranger.listClients()).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

export type { XpmClient };
