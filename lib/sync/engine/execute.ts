import { getDb, isEmbedded } from '@/db';
import { systemActor } from '@/lib/commands/actor';
import {
  type ClaimedRun,
  claimSyncRun,
  finishSyncRun,
  pauseSyncRunForReview,
  recordRunErrors,
  recordRunSkips,
  recordRunRead,
  releaseSyncRun,
  STALE_RUN_MS,
  touchSyncRun,
} from '@/lib/commands/sync-runs';
import { guardWarning } from '@/lib/sync/plan/mass-change-guard';
import { appShortName } from '@/lib/sync/runs/format';
import { type GuardedWork, guardsRun, judgeRun } from './guard';
import { settleSearchIndexes } from '@/lib/integrations/search-index-upkeep';
import { describeErrorForLog, describeErrorForPeople } from '@/lib/log-safe-error';
import { isProviderError } from '@/lib/providers/errors';
import { applyBatch, type BatchCounts } from './apply-batch';
import { databaseBusy } from '@/db/busy';
import { pause, waitForQuietDatabase } from './make-way';
import { type DatabaseKind, paceFor, pauseAfter } from './pace';
import { failedSoFar, newErrorsOnly } from './run-errors';
import { readRecords, type RunRead } from './read-records';
import { resumedAfterApplying, settledRecords } from './settled-records';
import { settlePlannerStats } from './planner-stats';
import { selectWork } from './select-work';
import { vacuumAfterRun } from './vacuum';
import { pushRecords, selectPush } from './push';

export const UNDO_INTERRUPTED_MESSAGE = 'This undo stopped before it finished (its server went away). What it restored stands; undo the run again to restore the rest.';

/** How often a run that is reading says it is alive (well inside STALE_RUN_MS). */
const HEARTBEAT_MS = 30_000;

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** A fixed batch size; by default the run paces itself (./pace.ts). */
  batchSize?: number;
  /** Records per multi-row statement within a batch (RECORDS_PER_STATEMENT); tests make it small. */
  recordsPerStatement?: number;
  now?: () => Date;
  /** A running run whose heartbeat is older than this lost its worker. */
  staleMs?: number;
  /**
   * The read stage; the directory refresh by default. The benchmark replaces it to measure
   * the apply stage alone, with the directory already filled.
   */
  read?: typeof readRecords;
  /** Called after each committed batch (progress logs; tests stop a run half-way with it). */
  onBatchCommitted?: (progress: { processed: number; total: number }) => void | Promise<void>;
}

export type ExecuteResult =
  | { outcome: 'finished'; status: 'succeeded' | 'partial' | 'failed' | 'needs_review' }
  /** Stopped between batches; `requeued` runs resume from their cursor (or, widened since, from their first record). */
  | { outcome: 'stopped'; status: 'requeued' | 'cancelled' }
  | { outcome: 'not_claimed'; reason: 'not_found' | 'finished' | 'busy' };

/**
 * Runs one sync run from start to end (docs/sync-engine.md "What a run does"): claim, read
 * (network, outside any transaction), select work in SQL, apply in batches (one transaction
 * each), finish. One engine for every app; an app contributes its directory refresh.
 *
 * Stopping (`signal` aborted, e.g. SIGTERM): the run stops after the batch being applied
 * commits and goes back to `queued` with its cursor, so the next worker resumes it where it
 * stopped — or ends `cancelled` when another run of the app already waits to cover the rest.
 * Widened while it waited, it has no cursor any more: it starts again from its first record.
 * Either way it leaves out what it already settled (./settled-records.ts).
 */
export async function executeSyncRun(runId: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const now = options.now ?? (() => new Date());
  const db = await getDb();
  const databaseKind: DatabaseKind = isEmbedded(db) ? 'embedded' : 'postgres';

  const claim = await db.transaction((tx) => claimSyncRun(tx, runId, now(), options.staleMs ?? STALE_RUN_MS));
  if (claim.kind === 'not_claimed') return { outcome: 'not_claimed', reason: claim.reason };
  const { run } = claim;
  const actor = systemActor(run.practiceId, run.trigger, run.id);
  const stop = async (): Promise<ExecuteResult> => ({ outcome: 'stopped', status: await db.transaction((tx) => releaseSyncRun(tx, actor, run.id)) });

  if (run.trigger === 'undo') {
    // An undo runs in its admin's request (lib/sync/undo); found here, its process died mid-way.
    await db.transaction((tx) => finishSyncRun(tx, actor, run.id, { status: 'failed', error: UNDO_INTERRUPTED_MESSAGE }));
    return { outcome: 'finished', status: 'failed' };
  }

  if (run.syncData === 'nothing' || (run.direction === 'to_app' && run.app !== 'xpm')) {
    // Asked for under settings that move nothing (or To an app without a push): nothing to do.
    await db.transaction((tx) => finishSyncRun(tx, actor, run.id, { status: 'succeeded' }));
    return { outcome: 'finished', status: 'succeeded' };
  }

  if (options.signal?.aborted) return stop();
  let read: RunRead;
  // The read can take minutes (XPM's limits): the heartbeat says the run still has its worker.
  const heartbeat = setInterval(() => {
    db.transaction((tx) => touchSyncRun(tx, actor, run.id)).catch((error: unknown) => console.error('[sync] heartbeat failed', describeErrorForLog(error)));
  }, HEARTBEAT_MS);
  try {
    read = await (options.read ?? readRecords)(run);
  } catch (error) {
    const plain = isProviderError(error);
    if (!plain) console.error('[sync] run read failed', describeErrorForLog(error));
    await db.transaction((tx) =>
      finishSyncRun(tx, actor, run.id, {
        status: 'failed',
        error: plain ? error.message : 'The app could not be read because of an unexpected problem. Try again shortly.',
        errorDetail: plain ? [error.kind, error.status && `HTTP ${error.status}`, error.code].filter(Boolean).join(' · ') : describeErrorForPeople(error),
      }),
    );
    return { outcome: 'finished', status: 'failed' };
  } finally {
    clearInterval(heartbeat);
  }

  await settlePlannerStats(db);
  if (run.direction === 'to_app') return push(db, actor, run, read, claim.resumed, options.signal, stop);
  const settled = resumedAfterApplying(run, claim.resumed) ? await settledRecords(db, run.id) : undefined;
  const work = await selectWork(db, { ...run, settled });
  const total = run.processed + work.items.length;
  // A resumed run has already recorded its first read's errors and skips: count only new ones
  // (a run waiting to resume may have been widened to more records since, so some can be).
  // Its unchanged records were counted then, and which those were is not kept: none now.
  const errors = claim.resumed ? await newErrorsOnly(run.id, read.errors) : read.errors;
  await db.transaction(async (tx) => {
    await recordRunErrors(tx, actor, run.id, errors);
    const newSkips = await recordRunSkips(tx, actor, run, work.skipped);
    await recordRunRead(tx, actor, run.id, {
      fetched: read.fetched,
      total,
      failed: errors.length,
      skipped: newSkips,
      unchanged: claim.resumed ? 0 : work.unchanged,
    });
  });
  let failed = claim.resumed ? await failedSoFar(run.id) : errors.length;

  // Nobody watched this run start: a mass change waits for an admin instead of applying.
  if (await pausedForReview(db, actor, run, { direction: 'from_app', items: work.items })) return { outcome: 'finished', status: 'needs_review' };

  let processed = run.processed;
  try {
    for (let start = 0; start < work.items.length; ) {
      if (options.signal?.aborted) return await stop();
      const pace = paceFor(databaseKind, options.batchSize);
      if (pace.quiet) await waitForQuietDatabase({ ...pace.quiet, busy: () => databaseBusy(db) });
      const batch = work.items.slice(start, start + pace.batchSize);
      const batchStarted = performance.now();
      const counts: BatchCounts = await applyBatch(db, actor, run, batch, options.recordsPerStatement);
      start += batch.length;
      processed += batch.length;
      failed += counts.failed ?? 0;
      await options.onBatchCommitted?.({ processed, total });
      // Between batches (./make-way.ts): people's requests queued behind this one go first.
      await pause(pauseAfter(performance.now() - batchStarted, pace.yieldShare));
    }
  } catch (error) {
    // Not one record's fault (those fail alone inside applyBatch): the database itself. What
    // committed stands; the next run selects the rest by their hashes.
    console.error('[sync] run apply failed', describeErrorForLog(error));
    await db.transaction((tx) =>
      finishSyncRun(tx, actor, run.id, {
        status: 'failed',
        error: 'The run stopped because of an unexpected problem. What it applied stands; the next run picks up the rest.',
        errorDetail: describeErrorForPeople(error),
      }),
    );
    return { outcome: 'finished', status: 'failed' };
  }
  if (options.signal?.aborted && processed < total) return stop();

  const status = failed > 0 ? 'partial' : 'succeeded';
  await db.transaction((tx) => finishSyncRun(tx, actor, run.id, { status }));
  // The picker searches clients: after a large run, settle its indexes as a refresh does, and
  // on PGlite (no autovacuum) clear the row versions the run replaced.
  await settleSearchIndexes(db, { clients: processed - run.processed });
  await vacuumAfterRun(db, processed - run.processed);
  // The links, clients and contacts it wrote, analysed now rather than at the next run's
  // start: every picker search joins the links, and PGlite has no autovacuum. With 20,000
  // links never analysed a search took 70–130 ms instead of 9–14 ms, and ten people typing
  // queued behind each other for up to a second (npm run bench:during-sync).
  await settlePlannerStats(db);
  return { outcome: 'finished', status };
}

/**
 * A To-XPM run after its read (./push.ts): select the linked clients whose content changed
 * since they were last pushed, send them one by one, finish. A limit or a lost connection
 * ends the run `failed` with XPM's words; what was sent before it stands.
 */
async function push(
  db: Awaited<ReturnType<typeof getDb>>,
  actor: ReturnType<typeof systemActor>,
  run: ClaimedRun,
  read: RunRead,
  resumed: boolean,
  signal: AbortSignal | undefined,
  stop: () => Promise<ExecuteResult>,
): Promise<ExecuteResult> {
  const pushRun = { ...run, app: run.app as 'xpm' };
  const settled = resumedAfterApplying(run, resumed) ? await settledRecords(db, run.id) : undefined;
  const work = await selectPush(db, { ...pushRun, settled });
  const errors = resumed ? await newErrorsOnly(run.id, read.errors) : read.errors;
  await db.transaction(async (tx) => {
    await recordRunErrors(tx, actor, run.id, errors);
    await recordRunRead(tx, actor, run.id, {
      fetched: read.fetched,
      total: run.processed + work.items.length,
      failed: errors.length,
      skipped: 0,
      unchanged: resumed ? 0 : work.unchanged,
    });
  });
  const failedBefore = resumed ? await failedSoFar(run.id) : errors.length;
  // The same guard as a From run: a push that would overwrite or empty many XPM clients' values
  // waits for an admin, before anything is sent.
  if (await pausedForReview(db, actor, run, { direction: 'to_app', items: work.items })) return { outcome: 'finished', status: 'needs_review' };
  let outcome;
  try {
    outcome = await pushRecords(db, actor, pushRun, work.items, signal);
  } catch (error) {
    const plain = isProviderError(error);
    if (!plain) console.error('[sync] push failed', describeErrorForLog(error));
    await db.transaction((tx) =>
      finishSyncRun(tx, actor, run.id, {
        status: 'failed',
        error: plain ? error.message : 'The run stopped because of an unexpected problem. What it sent stands; the next run sends the rest.',
        errorDetail: plain ? [error.kind, error.status && `HTTP ${error.status}`, error.code].filter(Boolean).join(' · ') : describeErrorForPeople(error),
      }),
    );
    return { outcome: 'finished', status: 'failed' };
  }
  if (outcome.kind === 'stopped') return stop();
  if (outcome.kind === 'halted') {
    const { error } = outcome;
    await db.transaction((tx) =>
      finishSyncRun(tx, actor, run.id, {
        status: 'failed',
        error: `${error.message} The run stopped after sending ${outcome.processed} of ${work.items.length} clients; what it sent stands, and the next run sends the rest.`,
        errorDetail: [error.kind, error.status && `HTTP ${error.status}`, error.code].filter(Boolean).join(' · '),
      }),
    );
    return { outcome: 'finished', status: 'failed' };
  }
  const status = failedBefore + outcome.failed > 0 ? 'partial' : 'succeeded';
  await db.transaction((tx) => finishSyncRun(tx, actor, run.id, { status }));
  return { outcome: 'finished', status };
}

/**
 * The mass-change guard (./guard.ts) on a run's selected work, after its read and selection and
 * before anything is applied or sent: a verdict of "review" pauses the run (`needs_review`, the
 * reason in words) and the caller stops. Returns whether it paused.
 */
async function pausedForReview(db: Awaited<ReturnType<typeof getDb>>, actor: ReturnType<typeof systemActor>, run: ClaimedRun, work: GuardedWork): Promise<boolean> {
  if (!guardsRun(run) || work.items.length === 0) return false;
  const warning = guardWarning(await judgeRun(db, run, work), { sentTo: work.direction === 'to_app' ? appShortName(run.app) : null });
  if (!warning) return false;
  await db.transaction((tx) => pauseSyncRunForReview(tx, actor, run.id, warning));
  return true;
}
