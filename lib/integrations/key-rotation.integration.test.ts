import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connectionGrants, connections } from '@/db/schema';
import { generateKey } from '@/lib/crypto';
import { startSandbox } from '@/lib/sandbox/server';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { connectDirectly } from './testing/direct-connection';

/**
 * Rotating TOKEN_ENCRYPTION_KEYS: add a higher version and restart. Stored grants keep working,
 * and each is re-sealed under the new key when it is next read, so the old key can then go.
 * A restart is a fresh module graph (vi.resetModules) reading the new environment.
 */
const oldKey = generateKey();
const newKey = generateKey();
let sandbox: Awaited<ReturnType<typeof startSandbox>>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-keys-`);
});
afterAll(() => sandbox?.close());

/** As if the server restarted with this keyring: fresh modules, and no tokens cached from before. */
async function restartWithKeys(spec: string, grantId?: string) {
  process.env.TOKEN_ENCRYPTION_KEYS = spec;
  vi.resetModules();
  if (grantId) (await import('./grant-clients')).forgetGrant(grantId);
}

describe.each(testDatabases())('rotating the token key on $name', (target) => {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  async function sealedRow(grantId: string) {
    const [row] = await database.db
      .select({ access: connectionGrants.accessTokenSealed, refresh: connectionGrants.refreshTokenSealed, version: connectionGrants.tokenVersion, status: connectionGrants.status })
      .from(connectionGrants)
      .where(eq(connectionGrants.id, grantId));
    return row!;
  }

  test('a new current key keeps stored grants working and re-seals them under it on use', async () => {
    await restartWithKeys(`1:${oldKey}`);
    const practice = await createPracticeMembers(database.db, 'Rotating');
    const { connection, grantId } = await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    const before = await sealedRow(grantId);
    expect(before.access).toMatch(/^v1\.1\./);
    expect(before.refresh).toMatch(/^v1\.1\./);

    await restartWithKeys(`2:${newKey},1:${oldKey}`, grantId);
    const { refreshDirectory } = await import('./directory-refresh');
    await refreshDirectory(practice.practiceId, connection);
    const after = await sealedRow(grantId);
    expect(after.access).toMatch(/^v1\.2\./);
    expect(after.refresh).toMatch(/^v1\.2\./);
    // Same tokens, new seal: the rotation counter (the refresh CAS key) is left alone.
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('connected');

    // The old key can now be removed: the grant still works, a token refresh included.
    await restartWithKeys(`2:${newKey}`, grantId);
    await fetch(new URL('/__sandbox/tokens/expire', sandbox.url), { method: 'POST', body: JSON.stringify({ app: 'xpm' }) });
    await (await import('./directory-refresh')).refreshDirectory(practice.practiceId, connection);
    const [row] = await database.db.select({ status: connections.status, lastError: connections.lastError }).from(connections).where(eq(connections.id, connection.id));
    expect(row).toEqual({ status: 'connected', lastError: null });
    const rotated = await sealedRow(grantId);
    expect(rotated.version).toBe(before.version + 1);
    expect(rotated.access).toMatch(/^v1\.2\./);
  });
});
