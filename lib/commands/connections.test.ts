import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connectionGrants, connections, directoryRecords, settingsAudit, syncRuns } from '@/db/schema';
import { disconnectApp } from '@/lib/dal/connections';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { memberActor, systemActor } from './actor';
import { applySettings, disconnect, markConnected } from './connections';
import { isCommandError } from './errors';
import { approvePausedRun, SETTINGS_CHANGED_MESSAGE } from './sync-runs';

/**
 * The connections write path without a session: the actor is what the audit records.
 * (The member-facing path, with its locking and concurrency cases, is tested through
 * lib/dal/sync-settings.test.ts and the settings actions.)
 */
describe.each(testDatabases())('connection commands on $name', (target) => {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  const audit = (practiceId: string) =>
    database.db
      .select({
        app: settingsAudit.app,
        field: settingsAudit.field,
        before: settingsAudit.before,
        after: settingsAudit.after,
        cause: settingsAudit.cause,
        userId: settingsAudit.userId,
      })
      .from(settingsAudit)
      .where(eq(settingsAudit.practiceId, practiceId))
      .orderBy(asc(settingsAudit.createdAt));

  test('a connect without a session takes the safe defaults, and the audit names no member', async () => {
    const p = await createPracticeMembers(database.db, 'System connect');
    const done = await database.db.transaction((tx) => markConnected(tx, systemActor(p.practiceId, 'onboarding'), 'xpm'));
    expect(done.created).toBe(true);
    const [row] = await database.db
      .select({ status: connections.status, by: connections.connectedByUserId, note: connections.settingsNote })
      .from(connections)
      .where(eq(connections.id, done.connectionId));
    expect(row).toMatchObject({ status: 'connected', by: null });
    expect(row?.note).toBeTruthy();
    expect(await audit(p.practiceId)).toEqual([
      { app: 'xpm', field: 'sync_data', before: null, after: 'nothing', cause: 'connect_defaults', userId: null },
      { app: 'xpm', field: 'sync_direction', before: null, after: 'from_app', cause: 'connect_defaults', userId: null },
    ]);
    // Connecting again while connected keeps the settings and audits nothing.
    expect(await database.db.transaction((tx) => markConnected(tx, systemActor(p.practiceId, 'onboarding'), 'xpm'))).toEqual({ connectionId: done.connectionId, created: false });
    expect(await audit(p.practiceId)).toHaveLength(2);
  });

  test('a settings change discards the app’s runs paused under the old settings; approving one made stale otherwise is refused', async () => {
    const p = await createPracticeMembers(database.db, 'Paused runs');
    await database.db.insert(connections).values([
      { practiceId: p.practiceId, app: 'gusto', status: 'connected', syncData: 'everything', syncDirection: 'from_app' },
      { practiceId: p.practiceId, app: 'xpm', status: 'connected', syncData: 'everything', syncDirection: 'to_app' },
    ]);
    const paused = (app: 'xpm' | 'gusto', direction: 'from_app' | 'to_app') =>
      database.db
        .insert(syncRuns)
        .values({ practiceId: p.practiceId, app, direction, syncData: 'everything', trigger: 'schedule', status: 'needs_review' })
        .returning({ id: syncRuns.id })
        .then(([row]) => row!.id);
    const statusOf = (id: string) =>
      database.db
        .select({ status: syncRuns.status, error: syncRuns.error })
        .from(syncRuns)
        .where(eq(syncRuns.id, id))
        .then(([row]) => row);
    const push = await paused('xpm', 'to_app');
    const gusto = await paused('gusto', 'from_app');

    // XPM's Sync data changes: its paused push would now send what nobody asks for.
    await database.db.transaction((tx) => applySettings(tx, memberActor(p.admin), { kind: 'change', app: 'xpm', syncData: 'client_name' }));
    expect(await statusOf(push)).toEqual({ status: 'cancelled', error: SETTINGS_CHANGED_MESSAGE });
    expect(await statusOf(gusto)).toEqual({ status: 'needs_review', error: null }); // Gusto's settings did not change

    // Settings moved under a paused run by another path: approving it is refused, and it is discarded.
    await database.db
      .update(connections)
      .set({ syncData: 'client_name' })
      .where(and(eq(connections.practiceId, p.practiceId), eq(connections.app, 'gusto')));
    expect(await database.db.transaction((tx) => approvePausedRun(tx, memberActor(p.admin), gusto))).toBe('settings_changed');
    expect(await statusOf(gusto)).toEqual({ status: 'cancelled', error: SETTINGS_CHANGED_MESSAGE });

    // Disconnecting discards too.
    await database.db
      .update(connections)
      .set({ syncData: 'everything' })
      .where(and(eq(connections.practiceId, p.practiceId), eq(connections.app, 'gusto')));
    const again = await paused('gusto', 'from_app');
    await database.db.transaction((tx) => disconnect(tx, memberActor(p.admin), 'gusto'));
    expect(await statusOf(again)).toEqual({ status: 'cancelled', error: SETTINGS_CHANGED_MESSAGE });
  });

  test('settings applied by the onboarding wizard are audited as onboarding; by a member, as the member', async () => {
    const p = await createPracticeMembers(database.db, 'Onboarding');
    await database.db.transaction((tx) => markConnected(tx, memberActor(p.admin), 'gusto'));
    await database.db.delete(settingsAudit).where(eq(settingsAudit.practiceId, p.practiceId));
    const applied = await database.db.transaction((tx) => applySettings(tx, systemActor(p.practiceId, 'onboarding'), { kind: 'change', app: 'gusto', syncData: 'client_name' }));
    expect(applied.source).toBe('gusto');
    await database.db.transaction((tx) => applySettings(tx, memberActor(p.admin), { kind: 'change', app: 'gusto', syncData: 'everything' }));
    expect(await audit(p.practiceId)).toEqual([
      { app: 'gusto', field: 'sync_data', before: 'nothing', after: 'client_name', cause: 'onboarding', userId: null },
      { app: 'gusto', field: 'sync_data', before: 'client_name', after: 'everything', cause: 'manual', userId: p.admin.userId },
    ]);
  });

  test('a refused or stale request throws a CommandError with its code and writes nothing', async () => {
    const p = await createPracticeMembers(database.db, 'Refusals');
    await database.db.transaction((tx) => markConnected(tx, memberActor(p.admin), 'gusto'));
    const before = await audit(p.practiceId);
    const refused = await database.db.transaction((tx) => applySettings(tx, memberActor(p.admin), { kind: 'change', app: 'gusto', direction: 'to_app' })).catch((e: unknown) => e);
    expect(isCommandError(refused) && refused.code).toBe('refused');
    const stale = await database.db
      .transaction((tx) =>
        applySettings(tx, memberActor(p.admin), { kind: 'change', app: 'gusto', syncData: 'client_name' }, [{ app: 'gusto', syncData: 'everything', direction: 'from_app' }]),
      )
      .catch((e: unknown) => e);
    expect(isCommandError(stale) && stale.code).toBe('stale');
    expect(await audit(p.practiceId)).toEqual(before);
  });

  test('disconnect drops the grants and the directory, frees the source role, audits it; a second one is not_found', async () => {
    const p = await createPracticeMembers(database.db, 'Disconnect');
    const { connectionId } = await database.db.transaction((tx) => markConnected(tx, memberActor(p.admin), 'gusto'));
    await database.db.transaction((tx) => applySettings(tx, memberActor(p.admin), { kind: 'make_source', app: 'gusto' }));
    const [grant] = await database.db
      .insert(connectionGrants)
      .values({ practiceId: p.practiceId, connectionId, externalId: 'company-1', label: 'Company 1', status: 'connected', createdByUserId: p.admin.userId })
      .returning({ id: connectionGrants.id });
    await database.db
      .insert(directoryRecords)
      .values({ practiceId: p.practiceId, app: 'gusto', externalId: 'company-1', name: 'Company 1', normalizedName: 'company 1', payload: {}, payloadHash: 'h' });
    const result = await database.db.transaction((tx) => disconnect(tx, systemActor(p.practiceId, 'webhook'), 'gusto'));
    expect(result).toEqual({ wasSource: true, grantIds: [grant!.id] });
    expect(await database.db.select({ id: connectionGrants.id }).from(connectionGrants).where(eq(connectionGrants.connectionId, connectionId))).toEqual([]);
    expect(
      await database.db
        .select({ id: directoryRecords.id })
        .from(directoryRecords)
        .where(and(eq(directoryRecords.practiceId, p.practiceId), eq(directoryRecords.app, 'gusto'))),
    ).toEqual([]);
    const [row] = await database.db.select({ status: connections.status, syncData: connections.syncData }).from(connections).where(eq(connections.id, connectionId));
    expect(row).toEqual({ status: 'disconnected', syncData: 'nothing' });
    expect((await audit(p.practiceId)).at(-1)).toEqual({ app: 'gusto', field: 'sync_data', before: 'everything', after: 'nothing', cause: 'disconnect', userId: null });
    const again = await database.db.transaction((tx) => disconnect(tx, systemActor(p.practiceId, 'webhook'), 'gusto')).catch((e: unknown) => e);
    expect(isCommandError(again) && { code: again.code, message: again.message }).toEqual({ code: 'not_found', message: 'Gusto is not connected.' });
  });

  test("the member-facing disconnect checks the member's role itself, not only the action", async () => {
    const p = await createPracticeMembers(database.db, 'Roles');
    await database.db.transaction((tx) => markConnected(tx, memberActor(p.admin), 'xpm'));
    await expect(disconnectApp(p.author, 'xpm')).rejects.toMatchObject({ code: 'forbidden' });
    const [row] = await database.db.select({ status: connections.status }).from(connections).where(eq(connections.practiceId, p.practiceId));
    expect(row?.status).toBe('connected');
  });
});
