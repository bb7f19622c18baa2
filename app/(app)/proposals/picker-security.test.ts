import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import { createClient } from '@/lib/dal/clients';
import type { Member } from '@/lib/dal/session';
import { clientInputSchema } from '@/lib/validation/client';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The picker's preview action and the duplicates endpoint called directly, as a forged
 * request would, by a member of another practice holding this practice's ids and names:
 * they answer as if the records did not exist, and reveal none of them.
 */
let acting: Member | null = null;
vi.mock('@/lib/dal/session', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/dal/session')>()),
  currentMember: async () => acting,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const SECRET_CLIENT = 'Quillfeather Confidential Holdings';
const SECRET_XPM = 'Marrowbone Private Trust';

describe.each(testDatabases())('picker endpoints across practices on $name', (target) => {
  let database: OpenDatabase;
  let owner: Awaited<ReturnType<typeof createPracticeMembers>>;
  let stranger: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    owner = await createPracticeMembers(database.db, 'Owner');
    stranger = await createPracticeMembers(database.db, 'Stranger');
    await connectApps(database.db, owner.practiceId, ['xpm']);
    await connectApps(database.db, stranger.practiceId, ['xpm']);
    await createClient(owner.admin, clientInputSchema.parse({ name: SECRET_CLIENT, email: 'ceo@quillfeather.example', taxNumber: '51 824 753 556' }));
    await insertDirectoryRecord(database.db, owner.practiceId, canonicalRecord('xpm', 'owner-xpm-1', { name: SECRET_XPM }));
  });
  afterAll(() => uninstallTestDatabase(database));

  async function duplicates(query: Record<string, string>) {
    const { GET } = await import('@/app/api/client-search/duplicates/route');
    const url = new URL('http://127.0.0.1/api/client-search/duplicates');
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await GET(new NextRequest(url));
    return { status: response.status, body: await response.text() };
  }

  test('the owner sees its own duplicates (the probe works)', async () => {
    acting = owner.author;
    const { status, body } = await duplicates({ name: SECRET_CLIENT });
    expect(status).toBe(200);
    expect(body).toContain(SECRET_CLIENT);
    expect((await duplicates({ name: SECRET_XPM })).body).toContain(SECRET_XPM);
  });

  test("another practice's member finds none of them by name, email or tax number", async () => {
    acting = stranger.admin;
    const probes: Record<string, string>[] = [
      { name: SECRET_CLIENT },
      { name: SECRET_XPM },
      { name: 'x', email: 'ceo@quillfeather.example' },
      { name: 'x', taxNumber: '51824753556' },
    ];
    for (const query of probes) {
      const { status, body } = await duplicates(query);
      expect(status).toBe(200);
      expect(JSON.parse(body)).toEqual({ duplicates: [] });
    }
  });

  test('signed out, the duplicates endpoint answers 401 and nothing else', async () => {
    acting = null;
    const { status, body } = await duplicates({ name: SECRET_CLIENT });
    expect(status).toBe(401);
    expect(body).not.toContain(SECRET_CLIENT);
  });

  test("previewing a pick of another practice's directory record reveals nothing", async () => {
    const { previewPickAction } = await import('@/app/(app)/proposals/actions');
    acting = owner.author;
    expect(await previewPickAction({ app: 'xpm', externalId: 'owner-xpm-1' })).toEqual({
      ok: true,
      data: { kind: 'create', name: SECRET_XPM, duplicates: [], linkEffect: expect.stringContaining('XPM'), flow: { syncData: 'nothing', direction: 'from_app' } },
    });

    for (const who of [stranger.author, stranger.admin]) {
      acting = who;
      const result = await previewPickAction({ app: 'xpm', externalId: 'owner-xpm-1' });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(SECRET_XPM);
      expect(JSON.stringify(result)).not.toContain(owner.practiceId);
    }
    acting = null;
    const signedOut = await previewPickAction({ app: 'xpm', externalId: 'owner-xpm-1' });
    expect(signedOut).toMatchObject({ ok: false, formError: expect.stringContaining('Your session has ended') });
  });
});
