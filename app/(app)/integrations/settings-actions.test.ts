import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connections, settingsAudit } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The settings actions called directly, as a forged request would: the session is mocked
 * to be whoever we say, and everything below it (zod, roles, the DAL, the database) is real.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock('@/lib/dal/session', () => ({ currentMember: async () => session.member, requireMember: async () => session.member }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { applyRecommendedSetupAction, changeSyncSettingAction, makeSourceAction } = await import('./settings-actions');

describe.each(testDatabases())('sync settings actions on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;

  const snapshot = async (practiceId: string) => ({
    connections: await database.db
      .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection, version: connections.settingsVersion })
      .from(connections)
      .where(eq(connections.practiceId, practiceId))
      .orderBy(asc(connections.app)),
    audit: await database.db.select({ id: settingsAudit.id }).from(settingsAudit).where(eq(settingsAudit.practiceId, practiceId)),
  });

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    for (const practiceId of [a.practiceId, b.practiceId]) {
      await database.db.delete(settingsAudit).where(eq(settingsAudit.practiceId, practiceId));
      await database.db.delete(connections).where(eq(connections.practiceId, practiceId));
    }
    await database.db.insert(connections).values([
      { practiceId: a.practiceId, app: 'xpm', syncData: 'everything', syncDirection: 'to_app' },
      { practiceId: a.practiceId, app: 'gusto', syncData: 'everything', syncDirection: 'from_app' },
    ]);
  });

  const calls = [
    ['changeSyncSettingAction', () => changeSyncSettingAction({ app: 'gusto', syncData: 'nothing' })],
    ['makeSourceAction', () => makeSourceAction({ app: 'xpm' })],
    ['applyRecommendedSetupAction', () => applyRecommendedSetupAction({})],
  ] as const;

  test.each(calls)('%s: signed out, an author, or another practice is refused and changes nothing', async (_name, call) => {
    const before = await snapshot(a.practiceId);
    session.member = null;
    expect(await call()).toMatchObject({ ok: false, code: 'signed_out', formError: 'Your session has ended. Sign in again to continue.' });
    session.member = a.author;
    expect(await call()).toEqual({ ok: false, code: 'forbidden', formError: 'Only a practice admin can do this.' });
    // Beta's admin only ever reaches Beta, which has nothing connected.
    session.member = b.admin;
    expect(await call()).toMatchObject({ ok: false, code: 'refused', formError: expect.stringMatching(/^Connect (XPM|Gusto|XPM or Gusto)\b/) });
    expect(await snapshot(a.practiceId)).toEqual(before);
    expect((await snapshot(b.practiceId)).audit).toEqual([]);
  });

  test.each<[string, () => Promise<unknown>, string, string]>([
    ['an unknown app', () => changeSyncSettingAction({ app: 'quickbooks', syncData: 'everything' }), 'Unknown app: choose XPM or Gusto.', 'invalid'],
    ['an unknown direction', () => changeSyncSettingAction({ app: 'xpm', direction: 'sideways' }), 'Sync direction must be from the app or to the app.', 'invalid'],
    ['an unknown sync data value', () => changeSyncSettingAction({ app: 'xpm', syncData: 'all' }), 'Sync data must be Everything, Client name or Nothing.', 'invalid'],
    ['"to_app" for Gusto', () => changeSyncSettingAction({ app: 'gusto', direction: 'to_app' }), 'Gusto can only send client data to Practice Sync.', 'refused'],
    ['no value at all', () => changeSyncSettingAction({ app: 'xpm' }), 'Choose a Sync data or Sync direction value.', 'invalid'],
    ['making Gusto the source with Nothing', () => makeSourceAction({ app: 'gusto', syncData: 'nothing' }), 'Sync data must be Everything, Client name or Nothing.', 'invalid'],
    [
      'a second source',
      () => changeSyncSettingAction({ app: 'xpm', direction: 'from_app' }),
      "Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead.",
      'refused',
    ],
    [
      'settings it did not see',
      () => applyRecommendedSetupAction({ seen: [{ app: 'xpm', syncData: 'nothing', direction: 'from_app' }] }),
      'Gusto became the client source a moment ago — review and try again.',
      'stale',
    ],
    [
      'a malformed view of the settings',
      () => applyRecommendedSetupAction({ seen: [{ app: 'xpm', syncData: 'all', direction: 'from_app' }] }),
      'Sync data must be Everything, Client name or Nothing.',
      'invalid',
    ],
  ])('an admin sending %s is refused with a clear error and its code, and nothing changes', async (_name, call, message, code) => {
    session.member = a.admin;
    const before = await snapshot(a.practiceId);
    expect(await call()).toMatchObject({ ok: false, code, formError: message });
    expect(await snapshot(a.practiceId)).toEqual(before);
  });

  test('an admin makes XPM the source: both apps change, audited as switching the source', async () => {
    session.member = a.admin;
    expect(
      await makeSourceAction({
        app: 'xpm',
        seen: [
          { app: 'xpm', syncData: 'everything', direction: 'to_app' },
          { app: 'gusto', syncData: 'everything', direction: 'from_app' },
        ],
      }),
    ).toEqual({ ok: true, data: { changed: 2, source: 'xpm' } });
    const rows = await database.db
      .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
      .from(connections)
      .where(and(eq(connections.practiceId, a.practiceId)))
      .orderBy(asc(connections.app));
    expect(rows).toEqual([
      { app: 'xpm', syncData: 'everything', direction: 'from_app' },
      { app: 'gusto', syncData: 'nothing', direction: 'from_app' },
    ]);
    const audit = await database.db.select({ cause: settingsAudit.cause, userId: settingsAudit.userId }).from(settingsAudit).where(eq(settingsAudit.practiceId, a.practiceId));
    expect(audit).toEqual([
      { cause: 'make_source', userId: a.admin.userId },
      { cause: 'make_source', userId: a.admin.userId },
    ]);
  });
});
