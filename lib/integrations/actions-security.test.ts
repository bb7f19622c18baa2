import { eq } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connectionGrants, connections, oauthStates } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The Integrations server actions called directly, as a forged request would: an author,
 * another practice's admin and a signed-out caller are refused and nothing changes.
 */
let acting: Member | null = null;
vi.mock('@/lib/dal/session', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/dal/session')>()),
  currentMember: async () => acting,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

beforeAll(() => {
  // The refusal is a signed notice; its signing secret is generated here, not in the checkout's data/.
  process.env.DATA_DIR = mkdtempSync(`${tmpdir()}/ps-actions-`);
});

/** Where a server action's `redirect()` sends the browser (Next throws it as NEXT_REDIRECT). */
async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT;')) return digest.split(';')[2] ?? '';
    throw error;
  }
  throw new Error('The action did not redirect');
}

describe.each(testDatabases())('integrations actions on $name', (target) => {
  let database: OpenDatabase;
  let owner: Awaited<ReturnType<typeof createPracticeMembers>>;
  let stranger: Awaited<ReturnType<typeof createPracticeMembers>>;
  let grantId: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    owner = await createPracticeMembers(database.db, 'Owner');
    stranger = await createPracticeMembers(database.db, 'Stranger');
    const [connection] = await database.db
      .insert(connections)
      .values({ practiceId: owner.practiceId, app: 'gusto', status: 'connected', connectedByUserId: owner.admin.userId })
      .returning({ id: connections.id });
    const [grant] = await database.db
      .insert(connectionGrants)
      .values({ practiceId: owner.practiceId, connectionId: connection!.id, externalId: 'company-1', label: 'Company One' })
      .returning({ id: connectionGrants.id });
    grantId = grant!.id;
  });
  afterAll(() => uninstallTestDatabase(database));

  async function state() {
    const [c] = await database.db.select({ status: connections.status }).from(connections).where(eq(connections.practiceId, owner.practiceId));
    const grants = await database.db.select({ id: connectionGrants.id }).from(connectionGrants).where(eq(connectionGrants.practiceId, owner.practiceId));
    return { status: c?.status, grants: grants.length };
  }

  test.each([
    ['signed out', () => null, 'Your session has ended'],
    ['an author of the practice', () => owner.author, 'Only a practice admin can do this.'],
  ])('%s cannot disconnect, remove a company or refresh', async (_who, who, message) => {
    const { disconnectAppAction, refreshDirectoryAction, removeGustoCompanyAction } = await import('@/app/(app)/integrations/actions');
    acting = who();
    const before = await state();
    for (const result of [await disconnectAppAction({ app: 'gusto' }), await removeGustoCompanyAction({ grantId }), await refreshDirectoryAction({ app: 'gusto' })]) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toContain(message);
    }
    expect(await state()).toEqual(before);
  });

  test('an author calling connectAppAction directly is sent back with a refusal, and no authorisation is started', async () => {
    const { connectAppAction } = await import('@/app/(app)/integrations/actions');
    const { decodeNotice } = await import('./notice');
    acting = owner.author;
    const form = new FormData();
    form.set('app', 'xpm');
    const target = new URL(await redirectOf(() => connectAppAction(form)), 'http://app.test');
    expect(target.pathname).toBe('/integrations');
    expect(decodeNotice(target.searchParams.get('notice') ?? undefined)).toEqual({ tone: 'error', message: 'Only a practice admin can connect apps.' });
    acting = null;
    expect(await redirectOf(() => connectAppAction(form))).toBe('/sign-in');
    const started = await database.db.select({ app: oauthStates.app }).from(oauthStates).where(eq(oauthStates.practiceId, owner.practiceId));
    expect(started).toEqual([]);
  });

  test("another practice's admin cannot touch this practice's connection, even with its grant id", async () => {
    const { disconnectAppAction, removeGustoCompanyAction } = await import('@/app/(app)/integrations/actions');
    acting = stranger.admin;
    const before = await state();
    expect(await removeGustoCompanyAction({ grantId })).toMatchObject({ ok: false, code: 'not_found', formError: 'That Gusto company is not connected.' });
    expect(await disconnectAppAction({ app: 'gusto' })).toMatchObject({ ok: false, code: 'not_found', formError: 'Gusto is not connected.' });
    expect(await state()).toEqual(before);
  });

  test.each([[{ app: 'quickbooks' }], [{ app: '' }], [{}], [null]])('malformed input %j is refused with a clear error', async (input) => {
    const { disconnectAppAction } = await import('@/app/(app)/integrations/actions');
    acting = owner.admin;
    const result = await disconnectAppAction(input);
    expect(result).toMatchObject({ ok: false, code: 'invalid', formError: 'Some fields need attention.' });
    expect(await state()).toMatchObject({ status: 'connected' });
  });
});
