import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connections, syncRuns } from '@/db/schema';
import { type Actor, memberActor } from '@/lib/commands/actor';
import { applySettings } from '@/lib/commands/connections';
import { createPracticeMembers } from '@/test/members-fixture';
import type { SyncRunRequest } from '@/lib/commands/sync-runs';
import { testDatabases } from '@/test/databases';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { runSchedulerTick } from './scheduler';
import { startSyncRun } from './sync-jobs';
import { connectApp, createPractice } from './testing/fixtures';
import { setJobQueueForTests } from './process-queue';
import { recordingQueue } from './testing/recording-queue';

/**
 * The scheduler tick against the database, with a fake clock: it reads each connected
 * connection, its practice's zone and its app's last run, and starts what is due — a sync
 * for an inbound source, a directory refresh for any other connection.
 */
describe.each(testDatabases())('scheduler tick on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  function recorder() {
    const syncs: { actor: Actor; request: SyncRunRequest }[] = [];
    const refreshes: { practiceId: string; connectionId: string; app: string }[] = [];
    return {
      syncs,
      refreshes,
      deps: (now: string) => ({
        now: () => new Date(now),
        startSyncRun: async (actor: Actor, request: SyncRunRequest) => {
          syncs.push({ actor, request });
          return { kind: 'queued' as const, runId: 'fake' };
        },
        refresh: async (practiceId: string, connection: { id: string; app: string }) => {
          refreshes.push({ practiceId, connectionId: connection.id, app: connection.app });
        },
      }),
    };
  }

  async function addRun(
    practiceId: string,
    app: 'xpm' | 'gusto',
    startedAt: string,
    scope: { trigger: 'manual' | 'edit'; onlyExternalIds: string[] | null } = { trigger: 'manual', onlyExternalIds: null },
  ) {
    await database.db.insert(syncRuns).values({
      practiceId,
      app,
      direction: 'from_app',
      syncData: 'everything',
      trigger: scope.trigger,
      onlyExternalIds: scope.onlyExternalIds,
      status: 'succeeded',
      startedAt: new Date(startedAt),
      finishedAt: new Date(startedAt),
    });
  }

  it('starts a Gusto sync at 06:00 practice time, once, for the practice whose 06:00 it is', async () => {
    const sydney = await createPractice(database.db, 'Australia/Sydney');
    const london = await createPractice(database.db, 'Europe/London');
    for (const p of [sydney, london]) await connectApp(database.db, p, 'gusto', { inbound: true });
    await addRun(sydney, 'gusto', '2026-12-01T20:00:00Z'); // 07:00 on 2 Dec in Sydney
    await addRun(london, 'gusto', '2026-12-02T07:00:00Z'); // 07:00 on 2 Dec in London
    const mine = (r: ReturnType<typeof recorder>) => r.syncs.filter((s) => [sydney, london].includes(s.actor.practiceId));

    const before = recorder();
    await runSchedulerTick(before.deps('2026-12-02T18:59:00Z')); // 05:59 on 3 Dec in Sydney
    expect(mine(before)).toEqual([]);

    const at = recorder();
    await runSchedulerTick(at.deps('2026-12-02T19:00:00Z')); // 06:00 in Sydney; 19:00 in London
    expect(mine(at)).toEqual([{ actor: { practiceId: sydney, memberId: null, trigger: 'schedule' }, request: { app: 'gusto' } }]);

    // Once it has started, the next tick finds nothing due.
    await addRun(sydney, 'gusto', '2026-12-02T19:00:05Z');
    const after = recorder();
    await runSchedulerTick(after.deps('2026-12-02T19:01:00Z'));
    expect(mine(after)).toEqual([]);
  });

  it('polls XPM every 15 minutes by its latest started run, whatever started it', async () => {
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'xpm', { inbound: true });
    await addRun(practiceId, 'xpm', '2026-12-02T10:00:00Z');
    const mine = (r: ReturnType<typeof recorder>) => r.syncs.filter((s) => s.actor.practiceId === practiceId);
    const early = recorder();
    await runSchedulerTick(early.deps('2026-12-02T10:14:00Z'));
    expect(mine(early)).toEqual([]);
    const due = recorder();
    await runSchedulerTick(due.deps('2026-12-02T10:15:00Z'));
    expect(mine(due).map((s) => s.request)).toEqual([{ app: 'xpm' }]);
  });

  it('a run of a few records (one edit, one webhook’s company) does not put off the scheduled run of every record', async () => {
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'xpm', { inbound: true });
    await addRun(practiceId, 'xpm', '2026-12-02T10:00:00Z');
    await addRun(practiceId, 'xpm', '2026-12-02T10:10:00Z', { trigger: 'edit', onlyExternalIds: ['x-1'] });
    const due = recorder();
    await runSchedulerTick(due.deps('2026-12-02T10:15:00Z'));
    expect(due.syncs.filter((s) => s.actor.practiceId === practiceId).map((s) => s.request)).toEqual([{ app: 'xpm' }]);
  });

  it('refreshes the directory of a connection that moves nothing; XPM To XPM runs a push instead; leaves disconnected ones alone', async () => {
    const practiceId = await createPractice(database.db);
    const xpm = await connectApp(database.db, practiceId, 'xpm', { inbound: false, directoryRefreshedAt: new Date('2026-12-02T10:00:00Z') });
    await database.db.update(connections).set({ syncData: 'nothing' }).where(eq(connections.id, xpm));
    const pushing = await createPractice(database.db);
    await connectApp(database.db, pushing, 'xpm', { inbound: false, directoryRefreshedAt: new Date('2026-12-02T10:00:00Z') });
    const other = await createPractice(database.db);
    await connectApp(database.db, other, 'xpm', { inbound: false, status: 'disconnected' });
    await connectApp(database.db, other, 'gusto', { inbound: true, status: 'needs_reauth' });

    const tick = recorder();
    await runSchedulerTick(tick.deps('2026-12-02T10:20:00Z'));
    const ours = [practiceId, pushing, other];
    expect(tick.refreshes.filter((r) => ours.includes(r.practiceId))).toEqual([{ practiceId, connectionId: xpm, app: 'xpm' }]);
    expect(tick.syncs.filter((s) => ours.includes(s.actor.practiceId)).map((s) => [s.actor.practiceId, s.request.app])).toEqual([[pushing, 'xpm']]);
  });

  it('with the real startSyncRun: a due practice gets one queued scheduled run, and a second tick coalesces into it', async () => {
    const queue = recordingQueue();
    setJobQueueForTests(queue.queue);
    try {
      const practiceId = await createPractice(database.db);
      await connectApp(database.db, practiceId, 'gusto', { inbound: true });
      const now = () => new Date('2026-12-02T19:00:00Z');
      await runSchedulerTick({ now, refresh: async () => undefined });
      await runSchedulerTick({ now, refresh: async () => undefined, startSyncRun });
      const runs = await database.db.select({ status: syncRuns.status, trigger: syncRuns.trigger }).from(syncRuns).where(eq(syncRuns.practiceId, practiceId));
      expect(runs).toEqual([{ status: 'queued', trigger: 'schedule' }]);
      expect(queue.enqueued.filter((e) => (e.data as { practiceId: string }).practiceId === practiceId)).toHaveLength(1);
    } finally {
      setJobQueueForTests(null);
    }
  });

  it('a sync an admin’s settings save made due at once names the admin; a periodic one does not (a trial read "Scheduled" a minute after turning From XPM on)', async () => {
    const queue = recordingQueue();
    setJobQueueForTests(queue.queue);
    try {
      // XPM connected, moving nothing (its directory refreshed), then an admin turns From XPM on.
      const turnedOn = await createPracticeMembers(database.db, 'Turned on');
      await connectApp(database.db, turnedOn.practiceId, 'xpm', { inbound: true, directoryRefreshedAt: new Date() });
      await database.db.update(connections).set({ syncData: 'nothing' }).where(eq(connections.practiceId, turnedOn.practiceId));
      await database.db.transaction((tx) => applySettings(tx, memberActor(turnedOn.admin), { kind: 'change', app: 'xpm', syncData: 'everything' }));
      // Syncing all along, last run 20 minutes ago: the run now is the schedule's, though an admin narrowed Sync data since.
      const periodic = await createPracticeMembers(database.db, 'Periodic');
      await connectApp(database.db, periodic.practiceId, 'xpm', { inbound: true });
      await addRun(periodic.practiceId, 'xpm', new Date(Date.now() - 20 * 60_000).toISOString());
      await database.db.transaction((tx) => applySettings(tx, memberActor(periodic.admin), { kind: 'change', app: 'xpm', syncData: 'client_name' }));

      await runSchedulerTick({ now: () => new Date(Date.now() + 1_000), refresh: async () => undefined, startSyncRun });
      const queued = async (practiceId: string) =>
        database.db
          .select({ trigger: syncRuns.trigger, requestedByUserId: syncRuns.requestedByUserId })
          .from(syncRuns)
          .where(and(eq(syncRuns.practiceId, practiceId), eq(syncRuns.status, 'queued')));
      expect(await queued(turnedOn.practiceId)).toEqual([{ trigger: 'schedule', requestedByUserId: turnedOn.admin.userId }]);
      expect(await queued(periodic.practiceId)).toEqual([{ trigger: 'schedule', requestedByUserId: null }]);
    } finally {
      setJobQueueForTests(null);
    }
  });
});
