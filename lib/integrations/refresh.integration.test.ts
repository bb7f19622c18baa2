import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connectionGrants, connections } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { control, type SandboxCounters } from '@/lib/providers/testing/sandbox-controls';
import { startSandbox } from '@/lib/sandbox/server';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { connectDirectly } from './testing/direct-connection';

/**
 * "Refresh now" against the running sandbox: it answers within its bound while the refresh
 * carries on and records its outcome; a refresh that read nothing never records success; a
 * limit says when to refresh again (nothing is scheduled); a sealed token copied from another
 * grant's row ends in a readable "reconnect" state, never a crash.
 */
let acting: Member | null = null;
vi.mock('@/lib/dal/session', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/dal/session')>()),
  currentMember: async () => acting,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

let sandbox: Awaited<ReturnType<typeof startSandbox>>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-refresh-`);
});
afterAll(() => sandbox?.close());
afterEach(async () => {
  await control(sandbox.url, 'faults', undefined, 'DELETE');
});

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

describe.each(testDatabases())('refreshing a directory on $name', (target) => {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  const connect = (practice: Practice, app: 'xpm' | 'gusto', companyUuid?: string) => connectDirectly(database.db, sandbox.url, practice, app, companyUuid);

  async function connectionRow(id: string) {
    const [row] = await database.db
      .select({ status: connections.status, lastError: connections.lastError, lastSuccessAt: connections.lastSuccessAt, directoryRefreshedAt: connections.directoryRefreshedAt })
      .from(connections)
      .where(eq(connections.id, id));
    return row!;
  }

  async function gustoCompanies(): Promise<{ id: string }[]> {
    return control(sandbox.url, 'gusto/companies');
  }

  test('answers "still refreshing" within the bound; the refresh carries on, runs once, and records its success', async () => {
    const { refreshWithin, runningRefresh } = await import('./refresh-runner');
    const { listConnections } = await import('@/lib/dal/connections');
    const practice = await createPracticeMembers(database.db, 'Patient');
    const { connection } = await connect(practice, 'xpm');
    await control(sandbox.url, 'counters/reset', {});
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'slow', delayMs: 1_500, pathContains: 'client.api/list' });

    const startedAt = Date.now();
    expect(await refreshWithin(practice.practiceId, connection, 200)).toEqual({ status: 'still_running' });
    expect(Date.now() - startedAt).toBeLessThan(1_200);
    // A second "Refresh now" while it runs joins it instead of starting another.
    expect(await refreshWithin(practice.practiceId, connection, 0)).toEqual({ status: 'still_running' });
    expect((await listConnections(practice.admin)).find((c) => c.app === 'xpm')?.refreshing).toBe(true);
    expect((await connectionRow(connection.id)).lastSuccessAt).toBeNull();

    const settled = await runningRefresh(connection.id);
    expect(settled?.status).toBe('done');
    expect(runningRefresh(connection.id)).toBeUndefined();
    const after = await connectionRow(connection.id);
    expect(after.lastSuccessAt).not.toBeNull();
    expect(after.lastError).toBeNull();
    expect((await listConnections(practice.admin)).find((c) => c.app === 'xpm')?.refreshing).toBe(false);
    const counters = await control<SandboxCounters>(sandbox.url, 'counters');
    const lists = Object.entries(counters.requests).filter(([path]) => path.includes('client.api/list'));
    expect(lists.reduce((n, [, count]) => n + count, 0)).toBe(1);
  });

  test('a refresh that fails after the answer records the failure on the connection, not success', async () => {
    const { refreshWithin, runningRefresh } = await import('./refresh-runner');
    const practice = await createPracticeMembers(database.db, 'Revoked Later');
    const { connection, sandboxGrantId } = await connect(practice, 'xpm');
    await control(sandbox.url, 'grants/revoke', { app: 'xpm', grantId: sandboxGrantId });
    // The token endpoint is slow, then refuses the revoked grant's refresh token.
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'slow', delayMs: 1_000, pathContains: '/connect/token' });

    expect(await refreshWithin(practice.practiceId, connection, 100)).toEqual({ status: 'still_running' });
    const settled = await runningRefresh(connection.id);
    expect(settled?.status).toBe('failed');
    const after = await connectionRow(connection.id);
    expect(after.status).toBe('needs_reauth');
    expect(after.lastError).toMatch(/reconnect Xero Practice Manager/i);
    expect(after.lastSuccessAt).toBeNull();

    // Refreshing again reads nothing (no usable grant): it fails with the same plain reason
    // instead of recording success or replacing the reason with a vaguer one.
    const { refreshDirectory } = await import('./directory-refresh');
    await expect(refreshDirectory(practice.practiceId, connection)).rejects.toMatchObject({ kind: 'reauth_required', message: after.lastError });
    const again = await connectionRow(connection.id);
    expect(again.lastError).toBe(after.lastError);
    expect(again.lastSuccessAt).toBeNull();
  });

  test("a sync run's own read (not through refreshDirectory) records the contact with the refresh", async () => {
    const { refreshGustoDirectory, refreshXpmDirectory } = await import('./directory-refresh');
    const practice = await createPracticeMembers(database.db, 'Read By A Run');
    const xpm = (await connect(practice, 'xpm')).connection;
    const [company] = await gustoCompanies();
    const gusto = (await connect(practice, 'gusto', company!.id)).connection;
    // An error from an earlier read stays on the card until a read succeeds.
    await database.db
      .update(connections)
      .set({ lastSuccessAt: null, directoryRefreshedAt: null, lastError: 'XPM asked us to slow down.', lastErrorAt: new Date(0) })
      .where(eq(connections.practiceId, practice.practiceId));
    await refreshXpmDirectory(practice.practiceId, xpm.id);
    await refreshGustoDirectory(practice.practiceId, gusto.id);
    for (const id of [xpm.id, gusto.id]) {
      const row = await connectionRow(id);
      expect(row.directoryRefreshedAt).not.toBeNull();
      expect(row.lastSuccessAt).toEqual(row.directoryRefreshedAt);
      expect(row.lastError).toBeNull();
    }
  });

  test('the action answers within DIRECTORY_REFRESH_WAIT_MS and says the result will appear on the card', async () => {
    const { refreshDirectoryAction } = await import('@/app/(app)/integrations/actions');
    const { runningRefresh } = await import('./refresh-runner');
    const practice = await createPracticeMembers(database.db, 'Hurried');
    const { connection } = await connect(practice, 'xpm');
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'slow', delayMs: 1_500, pathContains: 'client.api/list' });
    const { env } = await import('@/lib/env');
    const previous = env().DIRECTORY_REFRESH_WAIT_MS;
    env().DIRECTORY_REFRESH_WAIT_MS = 100; // env() is read once and cached; the action reads it per call
    try {
      acting = practice.admin;
      const result = await refreshDirectoryAction({ app: 'xpm' });
      expect(result).toEqual({ ok: true, data: { state: 'running', message: 'Still refreshing — the result will appear on this card.' } });
    } finally {
      env().DIRECTORY_REFRESH_WAIT_MS = previous;
    }
    expect((await runningRefresh(connection.id))?.status).toBe('done');
    expect((await connectionRow(connection.id)).lastSuccessAt).not.toBeNull();
  });

  test('Gusto down: when no company could be read, the refresh fails and records no success', async () => {
    const { refreshDirectory } = await import('./directory-refresh');
    const practice = await createPracticeMembers(database.db, 'Gusto Down');
    const [a, b] = await gustoCompanies();
    const first = await connect(practice, 'gusto', a!.id);
    await connect(practice, 'gusto', b!.id);
    await control(sandbox.url, 'faults', { app: 'gusto', kind: 'malformed', count: 50, pathContains: '/v1/companies' });

    await expect(refreshDirectory(practice.practiceId, first.connection)).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(/^None of the 2 Gusto companies could be read/),
    });
    const after = await connectionRow(first.connection.id);
    expect(after.lastSuccessAt).toBeNull();
    expect(after.directoryRefreshedAt).toBeNull();
    expect(after.lastError).toMatch(/^None of the 2 Gusto companies could be read/);
  });

  test('Gusto: one company failing does not stop the others, and the card names the one that failed', async () => {
    const { refreshDirectory } = await import('./directory-refresh');
    const practice = await createPracticeMembers(database.db, 'Gusto Partial');
    const [, , c, d] = await gustoCompanies();
    const failing = await connect(practice, 'gusto', c!.id);
    await connect(practice, 'gusto', d!.id);
    await control(sandbox.url, 'faults', { app: 'gusto', kind: 'malformed', count: 50, pathContains: c!.id });

    const outcome = await refreshDirectory(practice.practiceId, failing.connection);
    expect(outcome.sourcesRead).toBe(1);
    expect(outcome.unreadable.map((u) => u.label)).toEqual([failing.label]);
    const after = await connectionRow(failing.connection.id);
    expect(after.lastSuccessAt).not.toBeNull();
    expect(after.lastError).toContain(`“${failing.label}” could not be read`);
  });

  test("XPM's daily limit says when to refresh again (in the practice's zone) and promises no automatic sync", async () => {
    const { refreshDirectory } = await import('./directory-refresh');
    const practice = await createPracticeMembers(database.db, 'Busy Day');
    const { connection } = await connect(practice, 'xpm');
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'rate_limit', problem: 'day', retryAfterSeconds: 7_200, pathContains: 'client.api/' });

    const error = await refreshDirectory(practice.practiceId, connection).then(
      () => null,
      (e: unknown) => e as { kind: string; message: string },
    );
    expect(error?.kind).toBe('rate_limited');
    expect(error?.message).toMatch(/daily limit/);
    expect(error?.message).toMatch(/Nothing retries by itself: Refresh again after \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m AE[DS]T\./);
    expect(error?.message).not.toMatch(/will continue/);
    const after = await connectionRow(connection.id);
    expect(after.lastError).toBe(error?.message);
    expect(after.lastSuccessAt).toBeNull();
  });

  test("a sealed token copied to another grant's row fails closed: that connection needs reconnecting, with a plain message", async () => {
    const { refreshDirectoryAction } = await import('@/app/(app)/integrations/actions');
    const { refreshDirectory } = await import('./directory-refresh');
    const victim = await createPracticeMembers(database.db, 'Victim');
    const copier = await createPracticeMembers(database.db, 'Copier');
    const theirs = await connect(victim, 'xpm');
    const mine = await connect(copier, 'xpm');
    const [sealed] = await database.db
      .select({ access: connectionGrants.accessTokenSealed, refresh: connectionGrants.refreshTokenSealed })
      .from(connectionGrants)
      .where(eq(connectionGrants.id, theirs.grantId));
    await database.db.update(connectionGrants).set({ accessTokenSealed: sealed!.access, refreshTokenSealed: sealed!.refresh }).where(eq(connectionGrants.id, mine.grantId));

    acting = copier.admin;
    const result = await refreshDirectoryAction({ app: 'xpm' });
    expect(result).toEqual({
      ok: false,
      code: 'upstream',
      formError: 'The saved sign-in for Xero Practice Manager could not be read, so Practice Sync cannot use this connection. Please reconnect Xero Practice Manager.',
    });
    const after = await connectionRow(mine.connection.id);
    expect(after.status).toBe('needs_reauth');
    expect(after.lastError).toMatch(/Please reconnect Xero Practice Manager\.$/);
    const [grant] = await database.db.select({ status: connectionGrants.status }).from(connectionGrants).where(eq(connectionGrants.id, mine.grantId));
    expect(grant?.status).toBe('needs_reauth');
    // The grant the tokens belong to is untouched and still works.
    await refreshDirectory(victim.practiceId, theirs.connection);
    expect((await connectionRow(theirs.connection.id)).status).toBe('connected');
  });
});
