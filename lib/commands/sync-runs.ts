import 'server-only';
import { and, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { queryRows, type Transaction } from '@/db';
import { type AppIdValue, connections, type SyncRun, syncRunErrors, syncRuns, syncRunSkips, type SyncSkipReason } from '@/db/schema';
import { isUniqueViolation } from '@/lib/dal/unique-violation';
import { CAPABILITIES, supports } from '@/lib/sync/rules/capabilities';
import type { Actor } from './actor';

export interface SyncRunRequest {
  app: AppIdValue;
  /** Only these external records (a webhook's company, a retry's failed records). */
  onlyExternalIds?: string[];
  /** "Retry failed records": the run being retried. */
  retryOfRunId?: string;
  /**
   * Import unlinked records that match no client as new clients (the onboarding wizard's first
   * sync; lib/sync/engine/select-work.ts). A waiting run keeps its own choice.
   */
  importUnlinked?: boolean;
}

export type SyncRunRequestResult =
  /** A new run is queued: enqueue it (after the transaction commits). */
  | { kind: 'queued'; runId: string }
  /** A run is already queued or running and this request is not merged into it ("Sync now" twice). */
  | { kind: 'in_progress'; runId: string }
  /** A waiting run already covers this request (a webhook or schedule during a wait, or the schedule while a run of the same settings waits for review): nothing to enqueue. */
  | { kind: 'coalesced'; runId: string }
  /**
   * "Sync now" while a run of every record under these settings waits for an admin's review:
   * that run, approved, does what this one would — a second paused run beside it would only
   * have to be reviewed too (a new user's trial pressed twice and had three).
   */
  | { kind: 'awaiting_review'; runId: string }
  /** The connection is not an inbound source (and this is not a push To XPM): nothing would flow. */
  | { kind: 'not_inbound'; reason: string };

/**
 * A run of every record that waits for an admin's review. The schedule's runs join one under
 * the same settings rather than pass it (requestSyncRun), so it holds the app's schedule; the
 * app cards say so (lib/dal/sync-runs.ts listAppRunOverviews).
 */
export const pausedRunOfEveryRecord = and(eq(syncRuns.status, 'needs_review'), isNull(syncRuns.onlyExternalIds));

/**
 * Asks for a sync run of one app. One write path for every trigger: a member's "Sync now"
 * (actor trigger `manual`), the schedule, a webhook, a retry. The partial unique indexes on
 * sync_runs (one running, one queued per practice and app) are the last defence when two
 * instances ask at once.
 *
 * - `manual` refuses while any run of the app is queued or running, naming it.
 * - Other triggers queue one follow-up behind a running run, and collapse into a waiting one
 *   (widening it to every record when either asked for all).
 */
export async function requestSyncRun(tx: Transaction, actor: Actor, request: SyncRunRequest): Promise<SyncRunRequestResult> {
  const [connection] = await tx
    .select({ status: connections.status, syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(and(eq(connections.practiceId, actor.practiceId), eq(connections.app, request.app)));
  if (!connection || connection.status === 'disconnected') return { kind: 'not_inbound', reason: 'The app is not connected.' };
  // From an app; or To an app that takes a push (XPM), asked by an edit, the schedule or "Retry
  // failed records". "Sync now" stays the inbound source's button: To XPM, edits go out by themselves.
  const asked = actor.trigger !== 'manual' || request.retryOfRunId !== undefined;
  const pushes = connection.direction === 'to_app' && asked && supports(CAPABILITIES, request.app, 'to_app');
  if (connection.syncData === 'nothing' || (connection.direction !== 'from_app' && !pushes)) {
    return { kind: 'not_inbound', reason: 'Nothing flows in from this app with its current sync settings.' };
  }
  // A run of every record, not one scoped to some records (a webhook's, a retry's).
  const everyRecord = !request.onlyExternalIds && request.retryOfRunId === undefined;
  if (actor.trigger === 'schedule' || (actor.trigger === 'manual' && everyRecord)) {
    // A run of these settings already waits for an admin's review (the mass-change guard): the
    // schedule does not pile another paused run behind it every 15 minutes, nor does "Sync
    // now". Approved, that run reads the app again, so it covers what this one would have done.
    const [paused] = await tx
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(
        and(
          eq(syncRuns.practiceId, actor.practiceId),
          eq(syncRuns.app, request.app),
          pausedRunOfEveryRecord,
          eq(syncRuns.direction, connection.direction),
          eq(syncRuns.syncData, connection.syncData),
        ),
      )
      .limit(1);
    if (paused) return actor.trigger === 'manual' ? { kind: 'awaiting_review', runId: paused.id } : { kind: 'coalesced', runId: paused.id };
  }
  const active = await tx
    .select({ id: syncRuns.id, status: syncRuns.status, trigger: syncRuns.trigger, onlyExternalIds: syncRuns.onlyExternalIds, importUnlinked: syncRuns.importUnlinked })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.app, request.app), inArray(syncRuns.status, ['queued', 'running'])))
    .for('update');
  const running = active.find((r) => r.status === 'running');
  const waiting = active.find((r) => r.status === 'queued');
  if (actor.trigger === 'manual' && (running || waiting)) {
    // "Sync now" asks for everything: a waiting run scoped by a webhook widens to every record.
    if (waiting && !request.onlyExternalIds) await coalesceInto(tx, actor, waiting, request);
    return { kind: 'in_progress', runId: (running ?? waiting)!.id };
  }
  if (waiting) return coalesceInto(tx, actor, waiting, request);
  try {
    // A savepoint: on PostgreSQL a refused insert would otherwise abort the caller's transaction.
    const [row] = await tx.transaction((savepoint) =>
      savepoint
        .insert(syncRuns)
        .values({
          practiceId: actor.practiceId,
          app: request.app,
          direction: connection.direction,
          syncData: connection.syncData,
          trigger: actor.trigger,
          requestedByUserId: actor.memberId,
          retryOfRunId: request.retryOfRunId ?? null,
          onlyExternalIds: request.onlyExternalIds ?? null,
          importUnlinked: request.importUnlinked ?? false,
        })
        .returning({ id: syncRuns.id }),
    );
    return { kind: 'queued', runId: row!.id };
  } catch (error) {
    // Another instance queued one between our read and our insert: the index said no.
    if (!isUniqueViolation(error)) throw error;
    const [other] = await tx
      .select({ id: syncRuns.id, trigger: syncRuns.trigger, onlyExternalIds: syncRuns.onlyExternalIds, importUnlinked: syncRuns.importUnlinked })
      .from(syncRuns)
      .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.app, request.app), eq(syncRuns.status, 'queued')))
      .for('update');
    if (!other) throw error;
    if (actor.trigger === 'manual') return { kind: 'in_progress', runId: other.id };
    // Its scope must take ours in, or a webhook's company that lost this race is never read.
    return coalesceInto(tx, actor, other, request);
  }
}

/**
 * Merges a request into the waiting run: the union of their records, or every record when
 * either asked for all. A waiting edit run that another trigger joins (a webhook, a retry)
 * takes that trigger: it no longer sends one member's client only, so the mass-change guard
 * must judge it as that trigger's run (lib/sync/engine/guard.ts).
 *
 * The schedule does not join a waiting edit run: widened, the member's one edit could wait
 * behind an unrelated mass change for an admin's review (or be discarded with it). The edit
 * goes out alone within a minute, and the next tick asks for the scheduled run again (the
 * schedule counts only runs of every record, lib/jobs/scheduler.ts).
 */
async function coalesceInto(
  tx: Transaction,
  actor: Actor,
  waiting: { id: string; trigger: SyncRun['trigger']; onlyExternalIds: string[] | null; importUnlinked: boolean },
  request: SyncRunRequest,
): Promise<SyncRunRequestResult> {
  if (waiting.trigger === 'edit' && actor.trigger === 'schedule') return { kind: 'coalesced', runId: waiting.id };
  const widened = waiting.onlyExternalIds && request.onlyExternalIds ? [...new Set([...waiting.onlyExternalIds, ...request.onlyExternalIds])] : null;
  const handOver = waiting.trigger === 'edit' && actor.trigger !== 'edit' ? { trigger: actor.trigger, requestedByUserId: actor.memberId } : {};
  const grows =
    (waiting.onlyExternalIds !== null && (widened === null || widened.length > waiting.onlyExternalIds.length)) || (request.importUnlinked === true && !waiting.importUnlinked);
  await tx
    .update(syncRuns)
    .set({
      onlyExternalIds: widened,
      ...handOver,
      // An import asked for (the wizard's first sync) is kept by the run that covers the request.
      ...(request.importUnlinked ? { importUnlinked: true } : {}),
      // A run stopped part-way resumes after its cursor, but records it now covers (or now
      // imports) may sort before it: it starts again from its first record instead, leaving
      // out what it already applied, failed or skipped (lib/sync/engine/settled-records.ts).
      ...(grows ? { cursor: null } : {}),
    })
    .where(and(eq(syncRuns.id, waiting.id), eq(syncRuns.practiceId, actor.practiceId)));
  return { kind: 'coalesced', runId: waiting.id };
}

// ---------------------------------------------------------------------------------------
// The engine's bookkeeping (lib/sync/engine): claiming a run, its progress, its errors and
// its end. Each takes the transaction it is part of, so a batch's counters and cursor
// commit with the batch's writes or not at all.

/** A running run whose heartbeat is older than this has lost its worker. */
export const STALE_RUN_MS = 5 * 60_000;
export const INTERRUPTED_MESSAGE = 'This run stopped before it finished (its server went away). What it applied stands; the next run picks up the rest.';

export interface ClaimedRun {
  id: string;
  practiceId: string;
  app: AppIdValue;
  direction: SyncRun['direction'];
  syncData: SyncRun['syncData'];
  trigger: SyncRun['trigger'];
  onlyExternalIds: string[] | null;
  /** Unlinked records that match no client become new clients (a run option; ./select-work). */
  importUnlinked: boolean;
  cursor: string | null;
  processed: number;
  /** An admin approved this run after the mass-change guard paused it: it applies without the guard. */
  approved: boolean;
}

export type ClaimResult =
  | { kind: 'claimed'; run: ClaimedRun; resumed: boolean }
  /** Nothing to do: no such run, it already ended, or another worker holds it. */
  | { kind: 'not_claimed'; reason: 'not_found' | 'finished' | 'busy' };

/**
 * queued → running for one worker. A `running` run of the same app whose heartbeat is stale
 * lost its worker: it is marked failed ("interrupted"), which frees the one-running index.
 * The run itself, found `running` with a stale heartbeat (its job delivered again after the
 * process died), is taken over and resumes after its cursor.
 */
export async function claimSyncRun(tx: Transaction, runId: string, now: Date, staleMs = STALE_RUN_MS): Promise<ClaimResult> {
  const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, runId)).for('update');
  if (!run) return { kind: 'not_claimed', reason: 'not_found' };
  if (run.status !== 'queued' && run.status !== 'running') return { kind: 'not_claimed', reason: 'finished' };
  const staleBefore = new Date(now.getTime() - staleMs);
  const isStale = (heartbeat: Date | null) => heartbeat === null || heartbeat < staleBefore;
  if (run.status === 'running' && !isStale(run.heartbeatAt)) return { kind: 'not_claimed', reason: 'busy' };

  await tx
    .update(syncRuns)
    .set({ status: 'failed', error: INTERRUPTED_MESSAGE, finishedAt: now })
    .where(
      and(
        eq(syncRuns.practiceId, run.practiceId),
        eq(syncRuns.app, run.app),
        eq(syncRuns.status, 'running'),
        ne(syncRuns.id, run.id),
        or(isNull(syncRuns.heartbeatAt), lt(syncRuns.heartbeatAt, staleBefore)),
      ),
    );
  try {
    await tx.transaction((savepoint) =>
      savepoint
        .update(syncRuns)
        .set({ status: 'running', startedAt: run.startedAt ?? now, heartbeatAt: now })
        .where(eq(syncRuns.id, run.id)),
    );
  } catch (error) {
    // Another run of this app is running with a live heartbeat: this one waits its turn.
    if (isUniqueViolation(error)) return { kind: 'not_claimed', reason: 'busy' };
    throw error;
  }
  // Resumed means its read was already recorded (errors, skips, read-time counts): a second
  // read then counts only what is new. Neither the status nor the cursor says so — a worker may
  // die during the read (nothing recorded) or stop after it and before the first batch.
  const resumed = run.readRecordedAt !== null;
  return {
    kind: 'claimed',
    resumed,
    run: {
      id: run.id,
      practiceId: run.practiceId,
      app: run.app,
      direction: run.direction,
      syncData: run.syncData,
      trigger: run.trigger,
      onlyExternalIds: run.onlyExternalIds ?? null,
      importUnlinked: run.importUnlinked,
      cursor: run.cursor,
      processed: run.processed,
      approved: run.approvedAt !== null,
    },
  };
}

export type RunCounter = 'created' | 'linked' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** What the read found: `fetched` records read, `total` records the apply stage will look at. */
export async function recordRunRead(
  tx: Transaction,
  actor: Actor,
  runId: string,
  read: { fetched: number; total: number; failed: number; skipped: number; unchanged: number },
): Promise<void> {
  await tx
    .update(syncRuns)
    .set({
      fetched: read.fetched,
      total: read.total,
      failed: sql`${syncRuns.failed} + ${read.failed}`,
      skipped: sql`${syncRuns.skipped} + ${read.skipped}`,
      unchanged: sql`${syncRuns.unchanged} + ${read.unchanged}`,
      readRecordedAt: new Date(),
      heartbeatAt: new Date(),
    })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId)));
}

/**
 * One committed batch: counters, the cursor (the batch's last external id) and the
 * heartbeat, in the batch's own transaction.
 */
export async function recordBatchProgress(
  tx: Transaction,
  actor: Actor,
  runId: string,
  batch: { processed: number; cursor: string; counts: Partial<Record<RunCounter, number>> },
): Promise<void> {
  await batchProgressUpdate(tx, actor, runId, batch);
}

/**
 * recordBatchProgress's statement, not yet run: the engine sends it with the batch's writes
 * (db/pipeline.ts). Not async on purpose — an async function would run the query builder.
 */
export function batchProgressUpdate(tx: Transaction, actor: Actor, runId: string, batch: { processed: number; cursor: string; counts: Partial<Record<RunCounter, number>> }) {
  const add = (column: (typeof syncRuns)[RunCounter], n: number | undefined) => sql`${column} + ${n ?? 0}`;
  return tx
    .update(syncRuns)
    .set({
      processed: sql`${syncRuns.processed} + ${batch.processed}`,
      created: add(syncRuns.created, batch.counts.created),
      linked: add(syncRuns.linked, batch.counts.linked),
      updated: add(syncRuns.updated, batch.counts.updated),
      unchanged: add(syncRuns.unchanged, batch.counts.unchanged),
      skipped: add(syncRuns.skipped, batch.counts.skipped),
      failed: add(syncRuns.failed, batch.counts.failed),
      cursor: batch.cursor,
      heartbeatAt: new Date(),
    })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId)));
}

export interface RunErrorInput {
  externalId: string | null;
  recordName: string | null;
  message: string;
  detail: string | null;
}

export async function recordRunErrors(tx: Transaction, actor: Actor, runId: string, errors: readonly RunErrorInput[]): Promise<void> {
  if (errors.length === 0) return;
  await tx.insert(syncRunErrors).values(errors.map((e) => ({ practiceId: actor.practiceId, runId, ...e })));
}

export interface RunSkipInput {
  externalId: string;
  reason: SyncSkipReason;
}

/**
 * The records a run skipped, named from the directory as they are now (the run page lists
 * them). A statement, not yet run, like batchProgressUpdate: the apply stage sends it with a
 * batch's writes. A resumed run that skips a record again records it once.
 */
export function runSkipsInsert(actor: Actor, run: { id: string; app: AppIdValue }, skips: readonly RunSkipInput[]) {
  return sql`insert into sync_run_skips (practice_id, run_id, external_id, record_name, reason)
    select ${actor.practiceId}, ${run.id}, s.external_id, d.name, s.reason::sync_skip_reason
    from jsonb_to_recordset(${JSON.stringify(skips.map((k) => ({ external_id: k.externalId, reason: k.reason })))}::jsonb) as s(external_id text, reason text)
    left join directory_records d on d.practice_id = ${actor.practiceId} and d.app = ${run.app} and d.external_id = s.external_id
    on conflict (run_id, external_id) do nothing`;
}

/** Records the skips, and says how many were new to the run (a run read again names each once). */
export async function recordRunSkips(tx: Transaction, actor: Actor, run: { id: string; app: AppIdValue }, skips: readonly RunSkipInput[]): Promise<number> {
  if (skips.length === 0) return 0;
  return (await queryRows<{ external_id: string }>(tx, sql`${runSkipsInsert(actor, run, skips)} returning external_id`)).length;
}

/** The run's end: succeeded, partial (some records failed) or failed (nothing could be read). */
export async function finishSyncRun(
  tx: Transaction,
  actor: Actor,
  runId: string,
  end: { status: 'succeeded' | 'partial' | 'failed'; error?: string | null; errorDetail?: string | null },
): Promise<void> {
  await tx
    .update(syncRuns)
    .set({ status: end.status, error: end.error ?? null, errorDetail: end.errorDetail ?? null, finishedAt: new Date(), heartbeatAt: new Date() })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.status, 'running')));
}

/**
 * The mass-change guard stopped the run before it applied anything: it waits for an admin,
 * holding neither the running nor the queued slot (a paused run never blocks the next one).
 */
export async function pauseSyncRunForReview(tx: Transaction, actor: Actor, runId: string, reason: string): Promise<void> {
  await tx
    .update(syncRuns)
    .set({ status: 'needs_review', reviewReason: reason, heartbeatAt: null })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.status, 'running')));
}

export const REVIEW_NOT_WAITING = 'This run is no longer waiting for review. Reload the page to see where it stands.';
export const REVIEW_QUEUE_BUSY = 'Another sync of this app is already waiting to start. Approve this one after it has run, or discard it.';

/**
 * An admin approves a paused run: it goes back to the queue and, when worked, reads the app
 * again and applies without the guard. Refused while another run of the app waits (the
 * one-queued index); a run no longer paused is left as it is.
 */
export async function approvePausedRun(tx: Transaction, actor: Actor, runId: string): Promise<'queued' | 'not_waiting' | 'busy' | 'settings_changed'> {
  const scope = and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.status, 'needs_review'));
  // Approving applies (or sends to XPM) under the settings the run paused with: never once the
  // practice has changed them, or the run would break what the admin set since (one source).
  const [paused] = await tx.select({ app: syncRuns.app, direction: syncRuns.direction, syncData: syncRuns.syncData }).from(syncRuns).where(scope).for('update');
  if (!paused) return 'not_waiting';
  const [connection] = await tx
    .select({ status: connections.status, direction: connections.syncDirection, syncData: connections.syncData })
    .from(connections)
    .where(and(eq(connections.practiceId, actor.practiceId), eq(connections.app, paused.app)));
  if (!connection || !stillMatches(paused, connection)) {
    await tx.update(syncRuns).set({ status: 'cancelled', error: SETTINGS_CHANGED_MESSAGE, finishedAt: new Date() }).where(scope);
    return 'settings_changed';
  }
  try {
    const updated = await tx.transaction((savepoint) =>
      savepoint
        .update(syncRuns)
        // Approved, it reads the app again from the start: what its first read counted, failed
        // and skipped is counted and named again then, not added to.
        .set({ status: 'queued', approvedByUserId: actor.memberId, approvedAt: new Date(), queuedAt: new Date(), failed: 0, skipped: 0, unchanged: 0, readRecordedAt: null })
        .where(scope)
        .returning({ id: syncRuns.id }),
    );
    if (updated.length === 0) return 'not_waiting';
    await tx.delete(syncRunErrors).where(and(eq(syncRunErrors.runId, runId), eq(syncRunErrors.practiceId, actor.practiceId)));
    await tx.delete(syncRunSkips).where(and(eq(syncRunSkips.runId, runId), eq(syncRunSkips.practiceId, actor.practiceId)));
    return 'queued';
  } catch (error) {
    if (isUniqueViolation(error)) return 'busy';
    throw error;
  }
}

export const DISCARDED_MESSAGE = 'Discarded after review: nothing was applied.';

export const SETTINGS_CHANGED_MESSAGE = 'Discarded: the sync settings changed after this run paused, so it no longer matches them. Nothing was applied.';

/** A paused run may still go ahead: its app is connected with the settings the run was made under. */
function stillMatches(
  run: { direction: SyncRun['direction']; syncData: SyncRun['syncData'] },
  connection: { status: string; direction: SyncRun['direction']; syncData: SyncRun['syncData'] },
): boolean {
  return connection.status !== 'disconnected' && connection.direction === run.direction && connection.syncData === run.syncData;
}

/**
 * The settings of an app changed (or it was disconnected): its paused runs, made under the old
 * settings, are discarded in the same transaction — approved later, they would apply or send
 * what the practice no longer asks for. Called by the settings write path (./connections.ts).
 */
export async function discardRunsPausedUnderOldSettings(tx: Transaction, actor: Actor, app: SyncRun['app']): Promise<number> {
  const [connection] = await tx
    .select({ status: connections.status, direction: connections.syncDirection, syncData: connections.syncData })
    .from(connections)
    .where(and(eq(connections.practiceId, actor.practiceId), eq(connections.app, app)));
  const paused = await tx
    .select({ id: syncRuns.id, direction: syncRuns.direction, syncData: syncRuns.syncData })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.app, app), eq(syncRuns.status, 'needs_review')));
  const stale = paused.filter((run) => !connection || !stillMatches(run, connection)).map((run) => run.id);
  if (stale.length === 0) return 0;
  await tx
    .update(syncRuns)
    .set({ status: 'cancelled', error: SETTINGS_CHANGED_MESSAGE, finishedAt: new Date() })
    .where(and(eq(syncRuns.practiceId, actor.practiceId), inArray(syncRuns.id, stale)));
  return stale.length;
}

/** An admin discards a paused run: it ends `cancelled`, having applied nothing. */
export async function discardPausedRun(tx: Transaction, actor: Actor, runId: string): Promise<boolean> {
  const updated = await tx
    .update(syncRuns)
    .set({ status: 'cancelled', error: DISCARDED_MESSAGE, finishedAt: new Date() })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.status, 'needs_review')))
    .returning({ id: syncRuns.id });
  return updated.length > 0;
}

export const STOPPED_MESSAGE = 'This run was stopped before it finished. What it applied stands; the next run picks up the rest.';

/**
 * A worker stopping (SIGTERM) between batches: the run goes back to `queued` with its
 * cursor, so the next worker resumes it. When another run already waits for this app (the
 * one-queued index), that run will cover the rest, so this one ends `cancelled` instead.
 */
export async function releaseSyncRun(tx: Transaction, actor: Actor, runId: string): Promise<'requeued' | 'cancelled'> {
  const scope = and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.status, 'running'));
  try {
    await tx.transaction((savepoint) => savepoint.update(syncRuns).set({ status: 'queued', heartbeatAt: null }).where(scope));
    return 'requeued';
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.update(syncRuns).set({ status: 'cancelled', error: STOPPED_MESSAGE, finishedAt: new Date() }).where(scope);
    return 'cancelled';
  }
}

/** Still alive: a worker reading a slow app keeps its claim while no batch commits. */
export async function touchSyncRun(tx: Transaction, actor: Actor, runId: string): Promise<void> {
  await tx
    .update(syncRuns)
    .set({ heartbeatAt: new Date() })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.status, 'running')));
}
