import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connectionGrants, connections, directoryRecords, settingsAudit } from '@/db/schema';
import { startSandbox } from '@/lib/sandbox/server';
import { gustoAuthorize, xpmAuthorize } from '@/lib/sandbox/testing';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The app's side of connecting, against the running sandbox over HTTP: OAuth with state and
 * PKCE, sealed tokens, the directory fill and its incremental refresh, and disconnecting.
 */
const redirectUri = 'http://127.0.0.1:3999/api/integrations/xpm/callback';
let sandbox: Awaited<ReturnType<typeof startSandbox>>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url; // read by lib/env before anything else asks for it
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-int-`);
});
afterAll(() => sandbox?.close());

async function control(path: string, body: unknown) {
  const res = await fetch(new URL(`/__sandbox/${path}`, sandbox.url), { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
  return res.json();
}

describe.each(testDatabases())('connecting apps on $name', (target) => {
  let database: OpenDatabase;
  let practice: Awaited<ReturnType<typeof createPracticeMembers>>;
  let other: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    practice = await createPracticeMembers(database.db, 'Connecting');
    other = await createPracticeMembers(database.db, 'Bystander');
  });
  afterAll(() => uninstallTestDatabase(database));

  test('XPM: consent, tokens sealed at rest, safe defaults audited, directory filled, incremental refresh finds a change', async () => {
    const { startAuthorization, completeAuthorization } = await import('./oauth-flow');
    const { refreshDirectory } = await import('./directory-refresh');
    const authorizeUrl = new URL(await startAuthorization(practice.admin, 'xpm', redirectUri));
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const back = await xpmAuthorize(sandbox.url, {
      redirectUri,
      state: authorizeUrl.searchParams.get('state')!,
      codeChallenge: authorizeUrl.searchParams.get('code_challenge')!,
      scope: authorizeUrl.searchParams.get('scope')!,
    });
    const params = { code: back.searchParams.get('code'), state: back.searchParams.get('state'), error: null };

    // Another member cannot complete someone else's authorisation.
    await expect(completeAuthorization(practice.author, 'xpm', params, redirectUri)).rejects.toThrow('no longer valid');
    const done = await completeAuthorization(practice.admin, 'xpm', params, redirectUri);
    expect(done.created).toBe(true);
    // Replaying the same state fails.
    await expect(completeAuthorization(practice.admin, 'xpm', params, redirectUri)).rejects.toThrow('no longer valid');

    const [grant] = await database.db.select().from(connectionGrants).where(eq(connectionGrants.id, done.grantId));
    expect(grant?.accessTokenSealed).toMatch(/^v1\.1\./);
    const rawRow = JSON.stringify(grant);
    const { openFor } = await import('./token-sealing');
    const access = openFor(done.grantId, 'access_token', grant!.accessTokenSealed!);
    expect(rawRow).not.toContain(access);

    const [connection] = await database.db.select().from(connections).where(eq(connections.id, done.connectionId));
    expect(connection).toMatchObject({ status: 'connected', syncData: 'nothing', syncDirection: 'from_app', connectedByUserId: practice.admin.userId });
    const audit = await database.db.select({ field: settingsAudit.field, cause: settingsAudit.cause }).from(settingsAudit).where(eq(settingsAudit.practiceId, practice.practiceId));
    expect(audit).toEqual(expect.arrayContaining([{ field: 'sync_data', cause: 'connect_defaults' }]));

    const first = await refreshDirectory(practice.practiceId, { id: done.connectionId, app: 'xpm' });
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(directoryRecords)
      .where(and(eq(directoryRecords.practiceId, practice.practiceId), eq(directoryRecords.app, 'xpm')));
    expect(first.fetched).toBeGreaterThan(2000);
    expect(n).toBe(first.fetched - first.failed.length);

    const changed = (await control('records/change', { app: 'xpm', fields: { name: 'Renamed For Refresh Pty Ltd' } })) as { id: string; name: string };
    expect(changed.name).toBe('Renamed For Refresh Pty Ltd');
    const second = await refreshDirectory(practice.practiceId, { id: done.connectionId, app: 'xpm' });
    expect(second.fetched).toBeLessThan(first.fetched); // incremental: only what changed since the watermark (with overlap)
    const [renamed] = await database.db
      .select({ name: directoryRecords.name })
      .from(directoryRecords)
      .where(and(eq(directoryRecords.practiceId, practice.practiceId), eq(directoryRecords.externalId, changed.id)));
    expect(renamed?.name).toBe('Renamed For Refresh Pty Ltd');
    // Nothing leaked into the other practice.
    const leaked = await database.db.select({ id: directoryRecords.id }).from(directoryRecords).where(eq(directoryRecords.practiceId, other.practiceId));
    expect(leaked).toEqual([]);
  });

  test('XPM: an expired token is refreshed once; a revoked grant ends as needs_reauth with a plain message', async () => {
    const { refreshDirectory } = await import('./directory-refresh');
    const [connection] = await database.db
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.practiceId, practice.practiceId), eq(connections.app, 'xpm')));
    await control('counters/reset', {});
    await control('tokens/expire', { app: 'xpm' });
    await refreshDirectory(practice.practiceId, { id: connection!.id, app: 'xpm' });
    const counters = (await (await fetch(new URL('/__sandbox/counters', sandbox.url))).json()) as { tokenRefreshes?: Record<string, number> };
    expect(counters.tokenRefreshes?.xpm).toBe(1);

    await control('grants/revoke', { app: 'xpm' });
    await control('tokens/expire', { app: 'xpm' });
    await expect(refreshDirectory(practice.practiceId, { id: connection!.id, app: 'xpm' })).rejects.toThrow(/reconnect Xero Practice Manager/i);
    const [after] = await database.db.select({ status: connections.status, lastError: connections.lastError }).from(connections).where(eq(connections.id, connection!.id));
    expect(after?.status).toBe('needs_reauth');
    expect(after?.lastError).toMatch(/reconnect Xero Practice Manager/i);
    expect(after?.lastError).not.toMatch(/eyJ|Bearer|[A-Za-z0-9_-]{40,}/);
  });

  test('Gusto: each consent adds one company grant; the directory holds one record per company', async () => {
    const { startAuthorization, completeAuthorization } = await import('./oauth-flow');
    const { refreshDirectory } = await import('./directory-refresh');
    const gustoRedirect = redirectUri.replace('xpm', 'gusto');
    const list = (await (await fetch(new URL('/__sandbox/gusto/companies', sandbox.url))).json()) as { id: string }[];
    let connectionId = '';
    for (const company of list.slice(0, 2)) {
      const url = new URL(await startAuthorization(practice.admin, 'gusto', gustoRedirect));
      expect(url.searchParams.has('scope')).toBe(false);
      const back = await gustoAuthorize(sandbox.url, { redirectUri: gustoRedirect, state: url.searchParams.get('state')!, companyUuid: company.id });
      const done = await completeAuthorization(practice.admin, 'gusto', { code: back.searchParams.get('code'), state: back.searchParams.get('state'), error: null }, gustoRedirect);
      connectionId = done.connectionId;
    }
    await refreshDirectory(practice.practiceId, { id: connectionId, app: 'gusto' });
    const rows = await database.db
      .select({ externalId: directoryRecords.externalId })
      .from(directoryRecords)
      .where(and(eq(directoryRecords.practiceId, practice.practiceId), eq(directoryRecords.app, 'gusto')));
    expect(rows.map((r) => r.externalId).sort()).toEqual(
      list
        .slice(0, 2)
        .map((c) => c.id)
        .sort(),
    );
  });

  test('denied consent connects nothing', async () => {
    const { startAuthorization, completeAuthorization } = await import('./oauth-flow');
    const fresh = await createPracticeMembers(database.db, 'Denier');
    const url = new URL(await startAuthorization(fresh.admin, 'xpm', redirectUri));
    const back = await xpmAuthorize(sandbox.url, { redirectUri, state: url.searchParams.get('state')!, codeChallenge: url.searchParams.get('code_challenge')!, decision: 'deny' });
    await expect(
      completeAuthorization(fresh.admin, 'xpm', { code: null, state: back.searchParams.get('state'), error: back.searchParams.get('error') }, redirectUri),
    ).rejects.toThrow('declined');
    const rows = await database.db.select({ id: connections.id }).from(connections).where(eq(connections.practiceId, fresh.practiceId));
    expect(rows).toEqual([]);
  });

  test('an expired authorisation code connects nothing and says to start again', async () => {
    const { startAuthorization, completeAuthorization } = await import('./oauth-flow');
    const fresh = await createPracticeMembers(database.db, 'Slowpoke');
    const url = new URL(await startAuthorization(fresh.admin, 'xpm', redirectUri));
    const back = await xpmAuthorize(sandbox.url, { redirectUri, state: url.searchParams.get('state')!, codeChallenge: url.searchParams.get('code_challenge')! });
    await control('clock', { advanceMs: 11 * 60_000 }); // codes live 10 minutes
    await expect(
      completeAuthorization(fresh.admin, 'xpm', { code: back.searchParams.get('code'), state: back.searchParams.get('state'), error: null }, redirectUri),
    ).rejects.toThrow(/did not accept the sign-in \(it may have expired or been used already\)/);
    const rows = await database.db.select({ id: connections.id }).from(connections).where(eq(connections.practiceId, fresh.practiceId));
    expect(rows).toEqual([]);
  });
});
