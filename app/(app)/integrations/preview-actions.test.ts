import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections, directoryRecords } from '@/db/schema';
import type { Member } from '@/lib/dal/session';
import { directoryRow } from '@/lib/integrations/directory-upsert';
import { canonicalRecord } from '@/lib/sync/testing/canonical-record';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The settings dialogs' preview (issue 12) called directly, as a forged request would: the
 * session is mocked; zod, roles, the DAL, the engine's preview and the database are real.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock('@/lib/dal/session', () => ({ currentMember: async () => session.member, requireMember: async () => session.member }));

const { previewUnderSettingsAction } = await import('./preview-actions');

describe.each(testDatabases())('preview under proposed settings on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    // Practice A: XPM connected, sending nothing yet; one linked client that XPM has renamed.
    await database.db.insert(connections).values({ practiceId: a.practiceId, app: 'xpm', syncData: 'nothing', syncDirection: 'to_app' });
    const [client] = await database.db.insert(clients).values({ practiceId: a.practiceId, name: 'Harbour Dental' }).returning({ id: clients.id });
    await database.db.insert(directoryRecords).values(directoryRow(a.practiceId, null, canonicalRecord('xpm', 'xpm-1', { name: 'Harbour Dental Group' })));
    await database.db.insert(clientLinks).values({ practiceId: a.practiceId, clientId: client!.id, app: 'xpm', externalId: 'xpm-1' });
  });
  afterAll(() => uninstallTestDatabase(database));

  test('an admin sees what the next sync would do under the proposed settings; nothing is saved', async () => {
    session.member = a.admin;
    const from = await previewUnderSettingsAction({ app: 'xpm', direction: 'from_app', syncData: 'everything' });
    expect(from).toMatchObject({ ok: true, data: { changeCount: 1, counts: { updated: 1, linked: 0 }, warning: null } });
    const nameOnly = await previewUnderSettingsAction({ app: 'xpm', direction: 'from_app', syncData: 'client_name' });
    expect(nameOnly).toMatchObject({ ok: true, data: { counts: { updated: 1 } } });
    const nothing = await previewUnderSettingsAction({ app: 'xpm', direction: 'from_app', syncData: 'nothing' });
    expect(nothing).toMatchObject({ ok: true, data: { changeCount: 0 } });
    // The saved settings did not move.
    const [saved] = await database.db.select({ syncData: connections.syncData, direction: connections.syncDirection }).from(connections);
    expect(saved).toEqual({ syncData: 'nothing', direction: 'to_app' });
  });

  test('refused: signed out, an author, bad settings; another practice sees nothing of A', async () => {
    session.member = null;
    expect(await previewUnderSettingsAction({ app: 'xpm', direction: 'from_app', syncData: 'everything' })).toMatchObject({ ok: false, code: 'signed_out' });
    session.member = a.author;
    expect(await previewUnderSettingsAction({ app: 'xpm', direction: 'from_app', syncData: 'everything' })).toMatchObject({ ok: false, code: 'forbidden' });
    session.member = a.admin;
    expect(await previewUnderSettingsAction({ app: 'xpm', direction: 'sideways', syncData: 'everything' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await previewUnderSettingsAction({ app: 'quickbooks', direction: 'from_app', syncData: 'everything' })).toMatchObject({ ok: false, code: 'invalid' });
    // Practice B has no XPM connection: nothing to preview, and nothing of A's shows.
    session.member = b.admin;
    expect(await previewUnderSettingsAction({ app: 'xpm', direction: 'from_app', syncData: 'everything' })).toEqual({ ok: true, data: null });
  });
});
