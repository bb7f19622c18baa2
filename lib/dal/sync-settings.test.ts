import { and, asc, eq } from 'drizzle-orm';
import type { Pool } from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database, OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections, settingsAudit, syncRuns } from '@/db/schema';
import { isInboundSource, type AppId, type ConnectionSettings, type SyncData, type SyncDirection } from '@/lib/sync/rules';
import { planSettingsRequest, type SettingsRequest } from '@/lib/sync/settings-plan';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { ADMINS_ONLY_SETTINGS, applySettingsRequest, getSyncSettings, isOneSourceViolation, isRetryableConflict, listSettingsHistory, postgresError } from './sync-settings';

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

/** Sets a practice's connections directly (no audit): "xpm=N/F gusto=E/F" style, as in the rules tests. */
async function setConnections(db: Database, practiceId: string, spec: Partial<Record<AppId, [SyncData, SyncDirection] | 'disconnected'>>) {
  await db.delete(settingsAudit).where(eq(settingsAudit.practiceId, practiceId));
  await db.delete(connections).where(eq(connections.practiceId, practiceId));
  for (const [app, value] of Object.entries(spec) as [AppId, [SyncData, SyncDirection] | 'disconnected'][]) {
    const [syncData, syncDirection] = value === 'disconnected' ? (['nothing', 'from_app'] as const) : value;
    await db
      .insert(connections)
      .values({ practiceId, app, status: value === 'disconnected' ? 'disconnected' : 'connected', syncData, syncDirection, settingsNote: 'Safe defaults.' });
  }
}

async function readConnections(db: Database, practiceId: string) {
  const rows = await db
    .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection, version: connections.settingsVersion, note: connections.settingsNote })
    .from(connections)
    .where(eq(connections.practiceId, practiceId))
    .orderBy(asc(connections.app));
  return rows;
}

async function readAudit(db: Database, practiceId: string) {
  return db
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
}

describe.each(testDatabases())('sync settings on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  let b: Practice;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    await setConnections(database.db, b.practiceId, { xpm: ['everything', 'from_app'] });
  });

  test('the partial unique index refuses a second inbound source, and the error is recognised however it is wrapped', async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['everything', 'from_app'], gusto: ['nothing', 'from_app'] });
    const error = await database.db
      .update(connections)
      .set({ syncData: 'client_name' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'gusto')))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).not.toBeNull();
    expect(postgresError(error)?.code).toBe('23505');
    expect(isOneSourceViolation(error)).toBe(true);
    expect(isOneSourceViolation({ cause: { code: '23505', constraint: 'connections_one_inbound_source_key' } })).toBe(true);
    expect(isOneSourceViolation({ code: '23505', constraint: 'connections_practice_app_key' })).toBe(false);
    expect(isOneSourceViolation(new Error('x'))).toBe(false);
    expect(isRetryableConflict({ cause: { code: '40P01' } })).toBe(true);
    // Not a source (To XPM / Nothing) is fine, and so is a source in another practice.
    await database.db
      .update(connections)
      .set({ syncDirection: 'to_app' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'xpm')));
    await database.db
      .update(connections)
      .set({ syncData: 'client_name' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'gusto')));
    expect((await readConnections(database.db, a.practiceId)).filter(isInboundSource).map((c) => c.app)).toEqual(['gusto']);
    expect((await readConnections(database.db, b.practiceId)).filter(isInboundSource).map((c) => c.app)).toEqual(['xpm']);
  });

  test('a manual change is written, versioned, audited with the member, and clears the safe-defaults note', async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['nothing', 'from_app'], gusto: ['nothing', 'from_app'] });
    const result = await applySettingsRequest(a.admin, { kind: 'change', app: 'xpm', syncData: 'client_name', direction: 'to_app' });
    expect(result).toEqual({
      changes: [
        { app: 'xpm', field: 'syncData', before: 'nothing', after: 'client_name' },
        { app: 'xpm', field: 'direction', before: 'from_app', after: 'to_app' },
      ],
      source: null,
    });
    expect(await readConnections(database.db, a.practiceId)).toEqual([
      { app: 'xpm', syncData: 'client_name', direction: 'to_app', version: 2, note: null },
      { app: 'gusto', syncData: 'nothing', direction: 'from_app', version: 1, note: 'Safe defaults.' },
    ]);
    expect(await readAudit(database.db, a.practiceId)).toEqual([
      { app: 'xpm', field: 'sync_data', before: 'nothing', after: 'client_name', cause: 'manual', userId: a.admin.userId },
      { app: 'xpm', field: 'sync_direction', before: 'from_app', after: 'to_app', cause: 'manual', userId: a.admin.userId },
    ]);
    // Saving what is stored changes and audits nothing.
    expect(await applySettingsRequest(a.admin, { kind: 'change', app: 'xpm', syncData: 'client_name' })).toEqual({ changes: [], source: null });
    expect(await readAudit(database.db, a.practiceId)).toHaveLength(2);
  });

  test('making XPM the source switches both apps in one transaction, demotion first', async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['everything', 'to_app'], gusto: ['everything', 'from_app'] });
    const result = await applySettingsRequest(a.admin, { kind: 'make_source', app: 'xpm' }, [
      { app: 'gusto', syncData: 'everything', direction: 'from_app' },
      { app: 'xpm', syncData: 'everything', direction: 'to_app' },
    ]);
    expect(result.source).toBe('xpm');
    expect((await readConnections(database.db, a.practiceId)).map(({ app, syncData, direction }) => ({ app, syncData, direction }))).toEqual([
      { app: 'xpm', syncData: 'everything', direction: 'from_app' },
      { app: 'gusto', syncData: 'nothing', direction: 'from_app' },
    ]);
    expect((await readAudit(database.db, a.practiceId)).map((r) => `${r.app}.${r.field}:${r.before}→${r.after}:${r.cause}`)).toEqual([
      'gusto.sync_data:everything→nothing:make_source',
      'xpm.sync_direction:to_app→from_app:make_source',
    ]);
  });

  test('the recommended setup is applied in one step and the history names the admin', async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['nothing', 'from_app'], gusto: ['nothing', 'from_app'] });
    await database.db.insert(clients).values([
      { practiceId: a.practiceId, name: 'Linked One' },
      { practiceId: a.practiceId, name: 'Linked Two' },
    ]);
    const linked = await database.db.select({ id: clients.id }).from(clients).where(eq(clients.practiceId, a.practiceId));
    await database.db.insert(clientLinks).values(linked.map((c, i) => ({ practiceId: a.practiceId, clientId: c.id, app: 'gusto' as const, externalId: `g-${i}-${c.id}` })));

    const result = await applySettingsRequest(a.admin, { kind: 'recommended_preset' });
    expect(result.source).toBe('gusto');
    const page = await getSyncSettings(a.admin);
    expect(page.connections.map(({ app, syncData, direction, linkedClients }) => ({ app, syncData, direction, linkedClients }))).toEqual([
      { app: 'xpm', syncData: 'everything', direction: 'to_app', linkedClients: 0 },
      { app: 'gusto', syncData: 'everything', direction: 'from_app', linkedClients: 2 },
    ]);
    const history = await listSettingsHistory(a.admin);
    expect(history.map((h) => `${h.who}|${h.app}.${h.field}:${h.before}→${h.after}:${h.cause}`)).toEqual([
      'Alpha admin|gusto.sync_data:nothing→everything:recommended_preset',
      'Alpha admin|xpm.sync_direction:from_app→to_app:recommended_preset',
      'Alpha admin|xpm.sync_data:nothing→everything:recommended_preset',
    ]);
    // Another practice's history is not visible.
    expect(await listSettingsHistory(b.admin)).toEqual([]);
  });

  test("each app says whether its scheduled sync is due: first (never run), next (its time passed) or not, from this practice's runs only", async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['everything', 'from_app'], gusto: ['nothing', 'from_app'] });
    await setConnections(database.db, b.practiceId, { xpm: ['everything', 'from_app'] });
    await database.db.delete(syncRuns).where(eq(syncRuns.practiceId, a.practiceId));
    const now = new Date('2026-12-05T12:00:00Z');
    const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const run = (practiceId: string, app: AppId, startedAt: Date) =>
      database.db.insert(syncRuns).values({ practiceId, app, direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'succeeded', startedAt });
    const due = async (practice: Practice) => Object.fromEntries((await getSyncSettings(practice.admin, now)).connections.map((c) => [c.app, c.runDue]));

    // Never run: the scheduler starts the first at once (even Gusto's, whose Sync data is Nothing now).
    expect(await due(a)).toEqual({ xpm: 'first', gusto: 'first' });
    // Another practice's recent run is not this practice's.
    await run(b.practiceId, 'xpm', minutesAgo(1));
    expect((await due(a)).xpm).toBe('first');
    expect((await due(b)).xpm).toBeNull();
    // XPM every 15 minutes; Gusto at the first 06:00 after its last run.
    await run(a.practiceId, 'xpm', minutesAgo(20));
    await run(a.practiceId, 'gusto', minutesAgo(25 * 60));
    expect(await due(a)).toEqual({ xpm: 'next', gusto: 'next' });
    await run(a.practiceId, 'xpm', minutesAgo(5));
    await run(a.practiceId, 'gusto', minutesAgo(1));
    expect(await due(a)).toEqual({ xpm: null, gusto: null });
    // A connection that needs reconnecting: the scheduler skips it, so nothing is due however old its last run.
    await database.db
      .update(connections)
      .set({ status: 'needs_reauth' })
      .where(and(eq(connections.practiceId, b.practiceId), eq(connections.app, 'xpm')));
    expect((await due(b)).xpm).toBeNull();
    await run(b.practiceId, 'xpm', minutesAgo(60));
    expect((await due(b)).xpm).toBeNull();
  });

  test('refusals: a second source, To Gusto, an unconnected or unknown app; nothing is written', async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['everything', 'to_app'], gusto: ['everything', 'from_app'] });
    const before = await readConnections(database.db, a.practiceId);
    const cases: [SettingsRequest<string>, string][] = [
      [{ kind: 'change', app: 'xpm', direction: 'from_app' }, "Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead."],
      [{ kind: 'change', app: 'gusto', direction: 'to_app' }, 'Gusto can only send client data to Practice Sync.'],
      [{ kind: 'change', app: 'qbo', syncData: 'everything' }, '"qbo" is not an app Practice Sync can connect to.'],
      [{ kind: 'change', app: 'xpm', direction: 'sideways' as SyncDirection }, 'Sync direction must be from the app or to the app.'],
    ];
    for (const [request, message] of cases) {
      await expect(applySettingsRequest(a.admin, request as SettingsRequest)).rejects.toThrow(message);
    }
    await setConnections(database.db, a.practiceId, { xpm: ['everything', 'to_app'], gusto: 'disconnected' });
    await expect(applySettingsRequest(a.admin, { kind: 'change', app: 'gusto', syncData: 'everything' })).rejects.toThrow('Connect Gusto before changing its sync settings.');
    await expect(applySettingsRequest(a.admin, { kind: 'make_source', app: 'gusto' })).rejects.toThrow('Connect Gusto before changing its sync settings.');
    expect(await readAudit(database.db, a.practiceId)).toEqual([]);
    expect(before).toHaveLength(2);
  });

  test("an author, or another practice's admin, changes nothing", async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['nothing', 'from_app'], gusto: ['nothing', 'from_app'] });
    const before = await readConnections(database.db, a.practiceId);
    for (const request of [{ kind: 'change', app: 'xpm', syncData: 'everything' }, { kind: 'make_source', app: 'gusto' }, { kind: 'recommended_preset' }] as SettingsRequest[]) {
      await expect(applySettingsRequest(a.author, request)).rejects.toThrow(ADMINS_ONLY_SETTINGS);
      // Beta's admin acts on Beta only: its own XPM (already the source) or nothing at all.
      await applySettingsRequest(b.admin, request).catch(() => undefined);
    }
    expect(await readConnections(database.db, a.practiceId)).toEqual(before);
    expect(await readAudit(database.db, a.practiceId)).toEqual([]);
  });

  test('a stale page is told the source moved and nothing is written', async () => {
    await setConnections(database.db, a.practiceId, { xpm: ['everything', 'from_app'], gusto: ['nothing', 'from_app'] });
    await expect(
      applySettingsRequest(a.admin, { kind: 'change', app: 'gusto', syncData: 'everything' }, [
        { app: 'xpm', syncData: 'nothing', direction: 'from_app' },
        { app: 'gusto', syncData: 'nothing', direction: 'from_app' },
      ]),
    ).rejects.toThrow('XPM became the client source a moment ago — review and try again.');
    expect(await readAudit(database.db, a.practiceId)).toEqual([]);
  });

  describe('20 concurrent conflicting saves', () => {
    const initial: ConnectionSettings[] = [
      { app: 'xpm', syncData: 'nothing', direction: 'from_app' },
      { app: 'gusto', syncData: 'nothing', direction: 'from_app' },
    ];
    const reset = () => setConnections(database.db, a.practiceId, { xpm: ['nothing', 'from_app'], gusto: ['nothing', 'from_app'] });

    /** Replays the audit trail onto the initial settings: it must arrive at what is stored. */
    async function expectAuditToExplainState(okChanges: number) {
      const audit = await readAudit(database.db, a.practiceId);
      expect(audit).toHaveLength(okChanges);
      const replayed = initial.map((c) => ({ ...c }));
      for (const row of audit) {
        const conn = replayed.find((c) => c.app === row.app)!;
        if (row.field === 'sync_data') {
          expect(conn.syncData).toBe(row.before);
          conn.syncData = row.after as SyncData;
        } else {
          expect(conn.direction).toBe(row.before);
          conn.direction = row.after as SyncDirection;
        }
        // Every intermediate state the trail describes keeps the rule too.
        expect(replayed.filter(isInboundSource).length).toBeLessThanOrEqual(1);
      }
      const stored = await readConnections(database.db, a.practiceId);
      expect(stored.map(({ app, syncData, direction }) => ({ app, syncData, direction })).sort((x, y) => x.app.localeCompare(y.app))).toEqual(
        replayed.sort((x, y) => x.app.localeCompare(y.app)),
      );
      expect(stored.filter(isInboundSource)).toHaveLength(1);
      return audit;
    }

    test('from pages that saw no source: exactly one wins, the others are told who became the source', async () => {
      await reset();
      const requests = Array.from(
        { length: 20 },
        (_, i): SettingsRequest => ({ kind: 'change', app: i % 2 ? 'gusto' : 'xpm', syncData: i % 4 < 2 ? 'everything' : 'client_name' }),
      );
      const results = await Promise.allSettled(
        requests.map((request) => {
          expect(planSettingsRequest(initial, request).ok, 'each request is valid on its own').toBe(true);
          return applySettingsRequest(a.admin, request, initial);
        }),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      expect(ok).toHaveLength(1);
      const winner = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof applySettingsRequest>>>).value;
      for (const r of results) {
        if (r.status === 'rejected')
          expect((r.reason as Error).message).toMatch(new RegExp(`^${winner.source === 'xpm' ? 'XPM' : 'Gusto'} became the client source a moment ago — review and try again\\.$`));
      }
      const audit = await expectAuditToExplainState(1);
      expect(audit[0]).toMatchObject({ app: winner.source, field: 'sync_data', before: 'nothing', cause: 'manual', userId: a.admin.userId });
    });

    test('direct calls that only name a value: the rule alone keeps one source', async () => {
      await reset();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => applySettingsRequest(a.admin, { kind: 'change', app: i % 2 ? 'gusto' : 'xpm', syncData: 'everything' })),
      );
      const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      // The first writer wins; later saves of the same app change nothing; the other app is refused.
      expect(ok.filter((r) => r.changes.length > 0)).toHaveLength(1);
      expect(new Set(ok.map((r) => r.source)).size).toBe(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as Error).message).toMatch(/is your client source\./);
      await expectAuditToExplainState(1);
    });

    test('switching the source back and forth 20 times at once: every switch is applied whole, in some order', async () => {
      await reset();
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => applySettingsRequest(a.admin, { kind: 'make_source', app: i % 2 ? 'gusto' : 'xpm' })));
      const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(ok).toHaveLength(20);
      const written = ok.reduce((n, r) => n + r.changes.length, 0);
      const audit = await expectAuditToExplainState(written);
      expect(audit.every((r) => r.cause === 'make_source')).toBe(true);
    });
  });

  if (target.name === 'postgres') {
    test('the index is the last line of defence: a source appearing in a row the transaction could not lock is refused by name', async () => {
      await setConnections(database.db, a.practiceId, { xpm: ['nothing', 'from_app'] });
      const pool = (database.db as unknown as { $client: Pool }).$client;
      const other = await pool.connect();
      try {
        // Someone else's transaction creates Gusto as the source but has not committed yet.
        await other.query('begin');
        await other.query(`insert into connections (practice_id, app, status, sync_data, sync_direction) values ($1, 'gusto', 'connected', 'everything', 'from_app')`, [
          a.practiceId,
        ]);
        const saving = applySettingsRequest(a.admin, { kind: 'change', app: 'xpm', syncData: 'everything' }).then(
          () => null,
          (e: unknown) => e as Error,
        );
        // Wait until our update is blocked on the index entry of the uncommitted row.
        for (let i = 0; i < 100; i++) {
          const { rows } = await pool.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
          if ((rows[0] as { n: number }).n > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await other.query('commit');
        const error = await saving;
        expect(error?.message).toBe('Gusto became the client source a moment ago — review and try again.');
      } finally {
        other.release();
      }
      const stored = await readConnections(database.db, a.practiceId);
      expect(stored.filter(isInboundSource).map((c) => c.app)).toEqual(['gusto']);
      expect(await readAudit(database.db, a.practiceId)).toEqual([]);
    });
  }
});
