import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections, directoryRecords } from '@/db/schema';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { canonicalRecord, connectApps, insertDirectoryRecord } from './client-picker/directory-fixture';
import { getClientSourceNotice } from './client-source';

/**
 * The facts behind the client edit form's notice, as stored: the practice's source from its
 * connections' saved settings, the client's link to it, and whether that link is in step with
 * the record under the current Sync data (the engine's own test) — scoped by practice.
 */
describe.each(testDatabases())('the client source notice on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;
  let linked: string;
  let unlinked: string;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    await connectApps(database.db, a.practiceId, ['xpm', 'gusto']);
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'xpm-source-1', { name: 'Ironbark Joinery' }));
    const [one, two] = await database.db
      .insert(clients)
      .values([
        { practiceId: a.practiceId, name: 'Ironbark Joinery' },
        { practiceId: a.practiceId, name: 'Unlinked Upholstery' },
      ])
      .returning({ id: clients.id });
    linked = one!.id;
    unlinked = two!.id;
    // Linked by a person: no record applied yet.
    await database.db.insert(clientLinks).values({ practiceId: a.practiceId, clientId: linked, app: 'xpm', externalId: 'xpm-source-1', lastSyncedHash: null });
  });
  afterAll(() => uninstallTestDatabase(database));

  const settle = async (syncData: 'everything' | 'client_name' | 'nothing', direction: 'from_app' | 'to_app') => {
    await database.db
      .update(connections)
      .set({ syncData, syncDirection: direction })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'xpm')));
  };
  /** As a run leaves the link once it applied the record under this Sync data. */
  const applied = async (syncData: string) => {
    const [record] = await database.db.select({ hash: directoryRecords.payloadHash }).from(directoryRecords).where(eq(directoryRecords.externalId, 'xpm-source-1'));
    const hash = createHash('md5').update(`${record!.hash}:${syncData}`).digest('hex');
    await database.db.update(clientLinks).set({ lastSyncedHash: hash }).where(eq(clientLinks.clientId, linked));
  };

  test('no notice while XPM sends nothing in, or sends to XPM', async () => {
    await settle('nothing', 'from_app');
    expect(await getClientSourceNotice(a.author, linked)).toBeNull();
    await settle('everything', 'to_app');
    expect(await getClientSourceNotice(a.author, linked)).toBeNull();
  });

  test('XPM the source of Everything: a new link is replaced at the next sync; once applied, at the record’s next change', async () => {
    await settle('everything', 'from_app');
    const pending = await getClientSourceNotice(a.author, linked);
    expect(pending).toMatchObject({ app: 'xpm', heading: 'XPM is the source of this client’s details' });
    expect(pending?.parts).toContain('contacts');
    expect(pending?.text).toMatch(/^XPM’s next sync replaces what differs/);

    await applied('everything');
    expect((await getClientSourceNotice(a.author, linked))?.text).toMatch(/^Your changes here are kept until this client’s record next changes in XPM;/);
  });

  test('Client name: the name only, and a changed Sync data plans the record again', async () => {
    await settle('client_name', 'from_app');
    await applied('everything'); // applied under Everything: Client name plans it again
    const notice = await getClientSourceNotice(a.admin, linked);
    expect(notice?.parts).toEqual(['name']);
    expect(notice?.text).toMatch(/^XPM’s next sync replaces this client’s name/);
    await applied('client_name');
    expect((await getClientSourceNotice(a.admin, linked))?.text).toMatch(/^A name you give this client here is kept/);
  });

  test('an unlinked client, and another practice’s member, get no notice', async () => {
    await settle('everything', 'from_app');
    expect(await getClientSourceNotice(a.author, unlinked)).toBeNull();
    // Beta has its own XPM source: Alpha's client's link is still not Beta's to read.
    await connectApps(database.db, b.practiceId, ['xpm']);
    await database.db.update(connections).set({ syncData: 'everything' }).where(eq(connections.practiceId, b.practiceId));
    expect(await getClientSourceNotice(b.admin, linked)).toBeNull();
  });

  test('a disconnected source overwrites nothing', async () => {
    await database.db
      .update(connections)
      .set({ status: 'disconnected' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'xpm')));
    expect(await getClientSourceNotice(a.author, linked)).toBeNull();
  });
});
