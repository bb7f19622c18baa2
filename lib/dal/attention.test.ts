import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections, directoryRecords, proposals, syncRunErrors, syncRuns, workflowDeployments } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import { approvePausedRun, discardPausedRun } from '@/lib/commands/sync-runs';
import { attentionNotice } from '@/lib/health/attention';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { countAttention, listAttention } from './attention';
import { listSyncHealth } from './sync-health';

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * Issue 12's in-app alerts and the Dashboard's sync health, against the real database: each
 * alert appears from state and clears when that state is fixed, the badge's count is the list's
 * length, another practice's trouble never shows, and authors get the short health.
 */
describe.each(testDatabases())('what needs attention, and sync health, on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  let b: Practice;
  let t = Date.UTC(2026, 10, 1);
  /** Runs queued one minute apart, in insertion order: "later" means inserted later. */
  const nextTime = () => new Date((t += 60_000));

  const insertRun = async (practice: Practice, values: Partial<typeof syncRuns.$inferInsert> = {}) => {
    const [row] = await database.db
      .insert(syncRuns)
      .values({
        practiceId: practice.practiceId,
        app: 'gusto',
        direction: 'from_app',
        syncData: 'everything',
        trigger: 'schedule',
        status: 'succeeded',
        queuedAt: nextTime(),
        ...values,
      })
      .returning({ id: syncRuns.id });
    return row!.id;
  };
  const setConnection = (practice: Practice, app: 'gusto' | 'xpm', status: 'connected' | 'needs_reauth' | 'error' | 'disconnected') =>
    database.db
      .update(connections)
      .set({ status, lastError: status === 'error' ? 'XPM answered with an error.' : null })
      .where(and(eq(connections.practiceId, practice.practiceId), eq(connections.app, app)));
  /** Both the list and the badge's count, which must agree. */
  const attention = async (practice: Practice) => {
    const items = await listAttention(practice.admin);
    // countAttention is cached per request (React cache); a fresh member object is a fresh request here.
    expect(await countAttention({ ...practice.admin })).toBe(items.length);
    return items;
  };

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));
  beforeEach(async () => {
    for (const practice of [a, b]) {
      await database.db.delete(workflowDeployments).where(eq(workflowDeployments.practiceId, practice.practiceId));
      await database.db.delete(proposals).where(eq(proposals.practiceId, practice.practiceId));
      await database.db.delete(clientLinks).where(eq(clientLinks.practiceId, practice.practiceId));
      await database.db.delete(directoryRecords).where(eq(directoryRecords.practiceId, practice.practiceId));
      await database.db.delete(syncRuns).where(eq(syncRuns.practiceId, practice.practiceId));
      await database.db.delete(clients).where(eq(clients.practiceId, practice.practiceId));
      await database.db.delete(connections).where(eq(connections.practiceId, practice.practiceId));
      await database.db.insert(connections).values([
        { practiceId: practice.practiceId, app: 'gusto', syncData: 'everything', syncDirection: 'from_app' },
        { practiceId: practice.practiceId, app: 'xpm', syncData: 'everything', syncDirection: 'to_app' },
      ]);
    }
  });

  test('all well: nothing listed, the badge counts nothing', async () => {
    await insertRun(a);
    expect(await attention(a)).toEqual([]);
  });

  test('a connection needing re-authorisation (or in error) is listed until it is reconnected, and only in its practice', async () => {
    await setConnection(a, 'xpm', 'needs_reauth');
    expect(await attention(a)).toEqual([{ kind: 'reconnect', app: 'xpm', status: 'needs_reauth', lastError: null }]);
    expect(await attention(b)).toEqual([]);
    await setConnection(a, 'xpm', 'error');
    expect(await attention(a)).toEqual([{ kind: 'reconnect', app: 'xpm', status: 'error', lastError: 'XPM answered with an error.' }]);
    await setConnection(a, 'xpm', 'connected');
    expect(await attention(a)).toEqual([]);
  });

  test('an app whose latest finished run failed is listed until a later run succeeds; a discarded or paused run does not clear it', async () => {
    await insertRun(a); // an earlier success does not hide a later failure
    const failed = await insertRun(a, { status: 'failed', error: 'Gusto could not be reached.' });
    await insertRun(b, { status: 'failed' });
    const expected = { kind: 'run_failed', app: 'gusto', direction: 'from_app', runId: failed, status: 'failed', failedRecords: 0, error: 'Gusto could not be reached.' };
    expect(await attention(a)).toEqual([expected]);
    await insertRun(a, { status: 'cancelled' });
    expect(await attention(a)).toEqual([expected]);
    await insertRun(a, { status: 'running' });
    expect(await attention(a)).toEqual([expected]);
    await insertRun(a, { status: 'succeeded', app: 'xpm', direction: 'to_app' }); // another app's success is not this one's
    expect(await attention(a)).toEqual([expected]);
    await database.db
      .update(syncRuns)
      .set({ status: 'succeeded' })
      .where(and(eq(syncRuns.practiceId, a.practiceId), eq(syncRuns.status, 'running')));
    expect(await attention(a)).toEqual([]);
    expect(await attention(b)).toHaveLength(1);
  });

  test('a run that left records failing is listed with how many, until a retry succeeds; a disconnected app’s runs are not', async () => {
    const partial = await insertRun(a, { status: 'partial', failed: 3, updated: 7 });
    expect(await attention(a)).toEqual([{ kind: 'run_failed', app: 'gusto', direction: 'from_app', runId: partial, status: 'partial', failedRecords: 3, error: null }]);
    await insertRun(a, { status: 'succeeded', trigger: 'manual', retryOfRunId: partial });
    expect(await attention(a)).toEqual([]);
    await insertRun(a, { status: 'failed', app: 'xpm', direction: 'to_app' });
    expect(await attention(a)).toHaveLength(1);
    await setConnection(a, 'xpm', 'disconnected');
    expect(await attention(a)).toEqual([]);
  });

  test('a paused run is listed until an admin approves it (or discards another)', async () => {
    const paused = await insertRun(a, { status: 'needs_review', reviewReason: 'This sync needs a second look.' });
    expect(await attention(a)).toEqual([{ kind: 'run_paused', app: 'gusto', direction: 'from_app', runId: paused, reason: 'This sync needs a second look.' }]);
    expect(await attention(b)).toEqual([]);
    expect(await database.db.transaction((tx) => approvePausedRun(tx, memberActor(a.admin), paused))).toBe('queued');
    expect(await attention(a)).toEqual([]);

    await database.db.update(syncRuns).set({ status: 'succeeded' }).where(eq(syncRuns.id, paused));
    const another = await insertRun(a, { status: 'needs_review' });
    expect(await attention(a)).toHaveLength(1);
    expect(await database.db.transaction((tx) => discardPausedRun(tx, memberActor(a.admin), another))).toBe(true);
    expect(await attention(a)).toEqual([]);
  });

  test('a failed deployment or one waiting for a choice is listed until it is retried and succeeds', async () => {
    const [client] = await database.db.insert(clients).values({ practiceId: a.practiceId, name: 'Kauri Physio' }).returning({ id: clients.id });
    const proposal = async (title: string) => {
      const id = randomUUID();
      await database.db
        .insert(proposals)
        .values({ id, practiceId: a.practiceId, title, clientId: client!.id, status: 'accepted', createdByUserId: a.admin.userId, updatedByUserId: a.admin.userId });
      return id;
    };
    const failedId = await proposal('Annual accounts');
    const choiceId = await proposal('Payroll setup');
    await database.db.insert(workflowDeployments).values([
      {
        practiceId: a.practiceId,
        proposalId: failedId,
        clientId: client!.id,
        app: 'xpm',
        status: 'failed',
        errorMessage: 'The workflow was not deployed: XPM is down.',
        updatedAt: nextTime(),
      },
      { practiceId: a.practiceId, proposalId: choiceId, clientId: client!.id, app: 'xpm', status: 'needs_choice', updatedAt: nextTime() },
    ]);
    expect(await attention(a)).toEqual([
      { kind: 'deployment', proposalId: choiceId, title: 'Payroll setup', status: 'needs_choice', error: null },
      { kind: 'deployment', proposalId: failedId, title: 'Annual accounts', status: 'failed', error: 'The workflow was not deployed: XPM is down.' },
    ]);
    expect(await attention(b)).toEqual([]);
    await database.db.update(workflowDeployments).set({ status: 'queued' }).where(eq(workflowDeployments.proposalId, failedId));
    expect(await attention(a)).toHaveLength(1);
    await database.db.update(workflowDeployments).set({ status: 'succeeded' }).where(eq(workflowDeployments.practiceId, a.practiceId));
    expect(await attention(a)).toEqual([]);
  });

  test('everything at once: connections first, then runs, then deployments, and the badge counts them all', async () => {
    await setConnection(a, 'xpm', 'needs_reauth');
    await insertRun(a, { status: 'failed' });
    await insertRun(a, { status: 'needs_review' });
    const items = await attention(a);
    expect(items.map((i) => i.kind)).toEqual(['reconnect', 'run_failed', 'run_paused']);
    expect(await countAttention({ ...a.author })).toBe(3);
  });

  test('sync health: admins see clients in sync, records failing with the run to retry, links archived or deleted upstream; authors the short version', async () => {
    const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
    const made = await database.db
      .insert(clients)
      .values(names.map((name) => ({ practiceId: a.practiceId, name })))
      .returning({ id: clients.id, name: clients.name });
    const idOf = (name: string) => made.find((c) => c.name === name)!.id;
    // Gusto is the source (Everything): a link is in step when its record's payload is the one last applied.
    await database.db.insert(directoryRecords).values(
      ['g-1', 'g-2', 'g-3', 'g-6'].map((externalId) => ({
        practiceId: a.practiceId,
        app: 'gusto' as const,
        externalId,
        name: externalId,
        normalizedName: externalId,
        payload: {},
        payloadHash: `hash-${externalId}`,
      })),
    );
    const applied = (externalId: string) => md5(`hash-${externalId}:everything`);
    await database.db.insert(clientLinks).values([
      { practiceId: a.practiceId, clientId: idOf('One'), app: 'gusto', externalId: 'g-1', lastSyncedHash: applied('g-1') },
      { practiceId: a.practiceId, clientId: idOf('Two'), app: 'gusto', externalId: 'g-2', lastSyncedHash: applied('g-2') },
      // Linked by a person in the picker: no run has synced it yet.
      { practiceId: a.practiceId, clientId: idOf('Three'), app: 'gusto', externalId: 'g-3' },
      { practiceId: a.practiceId, clientId: idOf('Four'), app: 'gusto', externalId: 'g-4', status: 'external_archived' },
      { practiceId: a.practiceId, clientId: idOf('Five'), app: 'gusto', externalId: 'g-5', status: 'external_deleted' },
      // Changed in Gusto since it was applied: the next run would apply it again.
      { practiceId: a.practiceId, clientId: idOf('Six'), app: 'gusto', externalId: 'g-6', lastSyncedHash: md5('hash-before:everything') },
    ]);
    const run = await insertRun(a, { status: 'partial', failed: 2 });
    await database.db.insert(syncRunErrors).values([
      { practiceId: a.practiceId, runId: run, externalId: 'g-2', message: 'Bad EIN.' },
      { practiceId: a.practiceId, runId: run, externalId: 'g-2', message: 'Again.' },
      { practiceId: a.practiceId, runId: run, externalId: 'g-new', message: 'Not linked: a record to create.' },
    ]);
    await insertRun(b, { status: 'partial', failed: 9 });

    const health = async (member: typeof a.admin) => {
      const apps = await listSyncHealth(member);
      return { gusto: apps.find((h) => h.overview.app === 'gusto')!, xpm: apps.find((h) => h.overview.app === 'xpm')!, apps: apps.length };
    };
    const forAdmin = await health(a.admin);
    expect(forAdmin.apps).toBe(2);
    expect(forAdmin.gusto.status).toBe('connected');
    expect(forAdmin.gusto.overview.lastRun?.id).toBe(run);
    // In step: One and Two, but the latest run failed on Two (a record it could not read keeps its old hash).
    expect(forAdmin.gusto.links).toEqual({ linked: 4, inSync: 1, failingRecords: 2, failingRunId: run, archivedUpstream: 1, deletedUpstream: 1 });
    expect(forAdmin.xpm.links).toEqual({ linked: 0, inSync: 0, failingRecords: 0, failingRunId: null, archivedUpstream: 0, deletedUpstream: 0 });

    // A later run that succeeds: Two is in step again; Three and Six wait for a run that applies them.
    await insertRun(a, { status: 'succeeded' });
    expect((await health(a.admin)).gusto.links).toMatchObject({ linked: 4, inSync: 2, failingRecords: 0, failingRunId: null });
    // With Sync data Nothing, nothing flows: no client is in sync with Gusto.
    await database.db
      .update(connections)
      .set({ syncData: 'nothing' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'gusto')));
    expect((await health(a.admin)).gusto.links).toMatchObject({ linked: 4, inSync: 0 });

    // To XPM: a link is in step once a run has pushed it (a change here goes out by itself).
    await database.db.insert(clientLinks).values([
      { practiceId: a.practiceId, clientId: idOf('One'), app: 'xpm', externalId: 'x-1', lastPushedHash: md5('One:client_name') },
      { practiceId: a.practiceId, clientId: idOf('Two'), app: 'xpm', externalId: 'x-2' },
    ]);
    expect((await health(a.admin)).xpm.links).toMatchObject({ linked: 2, inSync: 1 });
    await database.db
      .update(connections)
      .set({ syncData: 'nothing' })
      .where(and(eq(connections.practiceId, a.practiceId), eq(connections.app, 'xpm')));
    expect((await health(a.admin)).xpm.links).toMatchObject({ linked: 2, inSync: 0 });
    await setConnection(a, 'gusto', 'needs_reauth');
    const forAuthor = await health(a.author);
    expect([forAuthor.gusto.status, forAuthor.gusto.links, forAuthor.xpm.status, forAuthor.xpm.links]).toEqual(['needs_reauth', null, 'connected', null]);
    expect((await health(b.admin)).gusto.links).toMatchObject({ linked: 0, failingRecords: 9 });
  });

  test('each item says what to do: admins get the fix, authors what to ask for', async () => {
    await setConnection(a, 'xpm', 'needs_reauth');
    const [item] = await attention(a);
    expect(attentionNotice(item!, 'admin').fix).toEqual({ label: 'Reconnect XPM', href: '/integrations#xpm-card-title' });
    expect(attentionNotice(item!, 'author').fix).toEqual({ label: 'Ask a practice admin to reconnect XPM.', href: null });
  });
});
