import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { syncRuns } from '@/db/schema';
import { connectApp, createPractice } from '@/lib/jobs/testing/fixtures';
import { testDatabases } from '@/test/databases';
import { systemActor, type Actor } from './actor';
import { requestSyncRun, type SyncRunRequest } from './sync-runs';

/**
 * Asking for a run, on both databases: "Sync now" twice finds the first run; a webhook or
 * the schedule during a run queues one follow-up and every later one collapses into it;
 * nothing is asked of an app that is not an inbound source.
 */
describe.each(testDatabases())('requestSyncRun on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  const request = (actor: Actor, req: SyncRunRequest) => database.db.transaction((tx) => requestSyncRun(tx, actor, req));
  const manual = (practiceId: string): Actor => ({ practiceId, memberId: null, trigger: 'manual' });
  const runsOf = (practiceId: string) =>
    database.db
      .select({ id: syncRuns.id, status: syncRuns.status, trigger: syncRuns.trigger, only: syncRuns.onlyExternalIds })
      .from(syncRuns)
      .where(eq(syncRuns.practiceId, practiceId));

  async function inboundGusto() {
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'gusto', { inbound: true });
    return practiceId;
  }

  it('two "Sync now" at once: one run is queued, the other is told it is in progress and which run', async () => {
    const practiceId = await inboundGusto();
    const results = await Promise.all([request(manual(practiceId), { app: 'gusto' }), request(manual(practiceId), { app: 'gusto' })]);
    const queued = results.filter((r) => r.kind === 'queued');
    const inProgress = results.filter((r) => r.kind === 'in_progress');
    expect(queued).toHaveLength(1);
    expect(inProgress).toHaveLength(1);
    expect(inProgress[0]).toEqual({ kind: 'in_progress', runId: (queued[0] as { runId: string }).runId });
    expect(await runsOf(practiceId)).toHaveLength(1);
  });

  it('a webhook during a running run queues one follow-up; later ones collapse into it and widen its scope', async () => {
    const practiceId = await inboundGusto();
    const first = await request(manual(practiceId), { app: 'gusto' });
    expect(first.kind).toBe('queued');
    await database.db
      .update(syncRuns)
      .set({ status: 'running', startedAt: new Date() })
      .where(eq(syncRuns.id, (first as { runId: string }).runId));

    const webhook = systemActor(practiceId, 'webhook');
    const followUp = await request(webhook, { app: 'gusto', onlyExternalIds: ['company-a'] });
    expect(followUp.kind).toBe('queued');
    const more = await Promise.all([request(webhook, { app: 'gusto', onlyExternalIds: ['company-b'] }), request(webhook, { app: 'gusto', onlyExternalIds: ['company-a'] })]);
    expect(more).toEqual([
      { kind: 'coalesced', runId: (followUp as { runId: string }).runId },
      { kind: 'coalesced', runId: (followUp as { runId: string }).runId },
    ]);
    const runs = await runsOf(practiceId);
    expect(runs.map((r) => r.status).sort()).toEqual(['queued', 'running']);
    expect(runs.find((r) => r.status === 'queued')!.only!.sort()).toEqual(['company-a', 'company-b']);

    // The schedule asks for everything: the waiting run widens to every record.
    expect((await request(systemActor(practiceId, 'schedule'), { app: 'gusto' })).kind).toBe('coalesced');
    expect((await runsOf(practiceId)).find((r) => r.status === 'queued')!.only).toBeNull();
    // And "Sync now" now points at the running run.
    expect(await request(manual(practiceId), { app: 'gusto' })).toEqual({ kind: 'in_progress', runId: (first as { runId: string }).runId });
  });

  it('"Sync now" while a webhook’s one-company run waits: told it is in progress, and the waiting run widens to everything', async () => {
    const practiceId = await inboundGusto();
    const webhook = await request(systemActor(practiceId, 'webhook'), { app: 'gusto', onlyExternalIds: ['company-a'] });
    expect(webhook.kind).toBe('queued');
    expect(await request(manual(practiceId), { app: 'gusto' })).toEqual({ kind: 'in_progress', runId: (webhook as { runId: string }).runId });
    const runs = await runsOf(practiceId);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.only).toBeNull();
  });

  it('concurrent webhooks with nothing running: one queued run, the rest coalesced into it', async () => {
    const practiceId = await inboundGusto();
    const webhook = systemActor(practiceId, 'webhook');
    const results = await Promise.all([1, 2, 3, 4].map((n) => request(webhook, { app: 'gusto', onlyExternalIds: [`company-${n}`] })));
    expect(results.filter((r) => r.kind === 'queued')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'coalesced')).toHaveLength(3);
    const runs = await runsOf(practiceId);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.only!.sort()).toEqual(['company-1', 'company-2', 'company-3', 'company-4']);
  });

  it('an app that is not an inbound source, or not connected, gets no run', async () => {
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'xpm', { inbound: false });
    expect((await request(manual(practiceId), { app: 'xpm' })).kind).toBe('not_inbound');
    expect((await request(manual(practiceId), { app: 'gusto' })).kind).toBe('not_inbound');
    expect(await runsOf(practiceId)).toEqual([]);
  });

  it('XPM set To XPM: an edit or the schedule asks for a To-XPM run and a second edit coalesces into it; Sync now does not; a retry does', async () => {
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'xpm', { inbound: false });
    expect((await request(manual(practiceId), { app: 'xpm' })).kind).toBe('not_inbound');
    const edit: Actor = { practiceId, memberId: null, trigger: 'edit' };
    const first = await request(edit, { app: 'xpm', onlyExternalIds: ['x-1'] });
    expect(first.kind).toBe('queued');
    expect(await request(edit, { app: 'xpm', onlyExternalIds: ['x-2'] })).toEqual({ kind: 'coalesced', runId: (first as { runId: string }).runId });
    const columns = { direction: syncRuns.direction, trigger: syncRuns.trigger, only: syncRuns.onlyExternalIds };
    const [edits] = await database.db.select(columns).from(syncRuns).where(eq(syncRuns.practiceId, practiceId));
    expect(edits).toEqual({ direction: 'to_app', trigger: 'edit', only: ['x-1', 'x-2'] });
    // The schedule leaves the waiting edit run alone: widened, the members' edits could wait
    // behind an unrelated mass change for review. The edits go out alone; the next tick asks again.
    expect(await request(systemActor(practiceId, 'schedule'), { app: 'xpm' })).toEqual({ kind: 'coalesced', runId: (first as { runId: string }).runId });
    expect((await database.db.select(columns).from(syncRuns).where(eq(syncRuns.practiceId, practiceId)))[0]).toEqual(edits);
    // Running, the edit run gets the scheduled run of every record queued behind it.
    await database.db.update(syncRuns).set({ status: 'running', startedAt: new Date() }).where(eq(syncRuns.practiceId, practiceId));
    const scheduled = await request(systemActor(practiceId, 'schedule'), { app: 'xpm' });
    expect(scheduled.kind).toBe('queued');
    const [run] = await database.db
      .select(columns)
      .from(syncRuns)
      .where(eq(syncRuns.id, (scheduled as { runId: string }).runId));
    expect(run).toEqual({ direction: 'to_app', trigger: 'schedule', only: null });
    // A later edit joins the scheduled run and leaves it the schedule's.
    expect(await request(edit, { app: 'xpm', onlyExternalIds: ['x-3'] })).toEqual({ kind: 'coalesced', runId: (scheduled as { runId: string }).runId });
    expect(
      (
        await database.db
          .select(columns)
          .from(syncRuns)
          .where(eq(syncRuns.id, (scheduled as { runId: string }).runId))
      )[0],
    ).toEqual(run);
    await database.db.update(syncRuns).set({ status: 'partial' }).where(eq(syncRuns.practiceId, practiceId));
    expect((await request(manual(practiceId), { app: 'xpm', retryOfRunId: (first as { runId: string }).runId, onlyExternalIds: ['x-1'] })).kind).toBe('queued');
  });

  it('the schedule piles no paused runs: while a run of the same settings waits for review it is told that run covers it; discarded, or under other settings, it queues again', async () => {
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'xpm', { inbound: false });
    const schedule = systemActor(practiceId, 'schedule');
    const first = (await request(schedule, { app: 'xpm' })) as { kind: string; runId: string };
    expect(first.kind).toBe('queued');
    await database.db.update(syncRuns).set({ status: 'needs_review' }).where(eq(syncRuns.id, first.runId));
    expect(await request(schedule, { app: 'xpm' })).toEqual({ kind: 'coalesced', runId: first.runId });
    expect(await runsOf(practiceId)).toHaveLength(1);
    // A member's edit still goes out on its own run.
    expect((await request({ practiceId, memberId: null, trigger: 'edit' }, { app: 'xpm', onlyExternalIds: ['x-1'] })).kind).toBe('queued');
    await database.db
      .update(syncRuns)
      .set({ status: 'succeeded' })
      .where(and(eq(syncRuns.practiceId, practiceId), eq(syncRuns.trigger, 'edit')));

    // Paused under other settings (Client name then, Everything now): a new run plans under the new ones.
    await database.db.update(syncRuns).set({ syncData: 'client_name' }).where(eq(syncRuns.id, first.runId));
    const other = (await request(schedule, { app: 'xpm' })) as { kind: string; runId: string };
    expect(other.kind).toBe('queued');
    await database.db.update(syncRuns).set({ status: 'cancelled' }).where(eq(syncRuns.id, other.runId));
    // Discarded: the schedule asks again.
    await database.db.update(syncRuns).set({ status: 'cancelled', syncData: 'everything' }).where(eq(syncRuns.id, first.runId));
    expect((await request(schedule, { app: 'xpm' })).kind).toBe('queued');
  });

  it('"Sync now" piles no paused runs either: while a run of every record waits for review, it is pointed to that run; a retry of failed records still runs', async () => {
    const practiceId = await inboundGusto();
    const first = (await request(manual(practiceId), { app: 'gusto' })) as { kind: string; runId: string };
    expect(first.kind).toBe('queued');
    await database.db.update(syncRuns).set({ status: 'needs_review' }).where(eq(syncRuns.id, first.runId));
    expect(await request(manual(practiceId), { app: 'gusto' })).toEqual({ kind: 'awaiting_review', runId: first.runId });
    expect(await request(manual(practiceId), { app: 'gusto' })).toEqual({ kind: 'awaiting_review', runId: first.runId });
    expect(await runsOf(practiceId)).toHaveLength(1);
    // "Retry failed records" reads only those records: it is not the paused run's work.
    expect((await request(manual(practiceId), { app: 'gusto', retryOfRunId: first.runId, onlyExternalIds: ['g-1'] })).kind).toBe('queued');
    // Approved or discarded, Sync now starts a run again.
    await database.db.update(syncRuns).set({ status: 'cancelled' }).where(eq(syncRuns.practiceId, practiceId));
    expect((await request(manual(practiceId), { app: 'gusto' })).kind).toBe('queued');
  });

  it('scopes by practice: another practice’s running run does not hold this one back', async () => {
    const a = await inboundGusto();
    const b = await inboundGusto();
    const runA = await request(manual(a), { app: 'gusto' });
    await database.db
      .update(syncRuns)
      .set({ status: 'running' })
      .where(and(eq(syncRuns.practiceId, a), eq(syncRuns.id, (runA as { runId: string }).runId)));
    expect((await request(manual(b), { app: 'gusto' })).kind).toBe('queued');
  });
});
