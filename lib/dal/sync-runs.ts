import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import {
  clients,
  connectionGrants,
  connections,
  directoryRecords,
  syncRunChanges,
  syncRunErrors,
  syncRuns,
  users,
  type RecordedFieldChange,
  type SyncRunChange,
} from '@/db/schema';
import { fieldChangeShown } from '@/lib/clients/tax-number';
import { memberActor } from '@/lib/commands/actor';
import { pausedRunOfEveryRecord, type SyncRunRequestResult } from '@/lib/commands/sync-runs';
import { startSyncRun } from '@/lib/jobs/sync-jobs';
import type { RunCounts, RunStatus, RunTrigger } from '@/lib/sync/runs/format';
import { nextRunFor } from '@/lib/sync/runs/next-run';
import type { AppId, SyncData, SyncDirection } from '@/lib/sync/rules';
import { uuidParam } from '@/lib/validation/fields';
import { ActionError, MESSAGES } from './action';
import { lastRunStartedAt } from './last-run-started';
import { type ListPage, pageOf } from './list-page';
import { runSkips, type SkipView } from './sync-run-skips';
import type { Member } from './session';

/**
 * Sync runs as members see them (issue 10): the history, one run's changes and errors, its
 * progress, each app's last and next run — every read scoped by the member's practice in its
 * WHERE, so another practice's run id is simply not found — and the member-facing "Sync now"
 * and "Retry failed records", which check the role, turn the member into an actor and go
 * through the one way runs start (lib/jobs/sync-jobs `startSyncRun`).
 */

export const SYNC_RUNS_PAGE_SIZE = 25;
export const RUN_CHANGES_PAGE_SIZE = 50;
/** Failed records shown on a run's page; the retry takes all of them whatever is shown. */
export const RUN_ERRORS_SHOWN = 200;

export interface SyncRunSummary {
  id: string;
  app: AppId;
  direction: SyncDirection;
  trigger: RunTrigger;
  requestedByName: string | null;
  retryOfRunId: string | null;
  /** An undo (trigger `undo`): the run it takes back. */
  undoOfRunId: string | null;
  status: RunStatus;
  counts: RunCounts;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** When an admin approved the run after it paused for review: its duration counts from here. */
  approvedAt: Date | null;
  /** Cancelled after it paused for review, never approved: it reads "Discarded" (runStatusBadge). */
  discarded: boolean;
  /** How many undos deep it is (0: a sync; 2: an undo of an undo): runKindText says what it undid. */
  undoDepth: number;
}

/** A run's counters, selected alike by the history, the run page, progress, the cards and the wizard's summary. */
export const runCountColumns = {
  fetched: syncRuns.fetched,
  created: syncRuns.created,
  linked: syncRuns.linked,
  updated: syncRuns.updated,
  unchanged: syncRuns.unchanged,
  skipped: syncRuns.skipped,
  failed: syncRuns.failed,
};
const timeColumns = { queuedAt: syncRuns.queuedAt, startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt };
/** Pausing leaves its reason on the run; only approving sets approvedAt; discarding cancels it. */
export const discardedColumn = sql<boolean>`(${syncRuns.status} = 'cancelled' and ${syncRuns.reviewReason} is not null and ${syncRuns.approvedAt} is null)`;

/**
 * How many undos deep a run is, itself included: 0 for a sync, 1 for an undo of a sync, 2 for
 * an undo of that undo (it reads "Undo of an undo of a sync from Gusto", undo-format.ts
 * runKindText). The chain is followed within the practice; an undo only ever undoes an earlier
 * run, and the depth cap keeps a damaged chain from looping. The outer row is named in full
 * ("sync_runs"): Drizzle writes a one-table select's columns unqualified, which the inner
 * `sync_runs u` would capture.
 */
const undoDepthColumn = sql<number>`(case when "sync_runs"."trigger" = 'undo' then (
  with recursive undone(id, practice_id, trigger, undo_of_run_id, depth) as (
    select u.id, u.practice_id, u.trigger, u.undo_of_run_id, 1 from ${syncRuns} u
      where u.id = "sync_runs"."undo_of_run_id" and u.practice_id = "sync_runs"."practice_id"
    union all
    select u.id, u.practice_id, u.trigger, u.undo_of_run_id, undone.depth + 1 from ${syncRuns} u
      join undone on u.id = undone.undo_of_run_id and u.practice_id = undone.practice_id
      where undone.trigger = 'undo' and undone.depth < 20
  ) select 1 + count(*) from undone where undone.trigger = 'undo'
) else 0 end)`.mapWith(Number);

const summaryColumns = {
  id: syncRuns.id,
  app: syncRuns.app,
  direction: syncRuns.direction,
  trigger: syncRuns.trigger,
  requestedByName: users.name,
  retryOfRunId: syncRuns.retryOfRunId,
  undoOfRunId: syncRuns.undoOfRunId,
  status: syncRuns.status,
  ...runCountColumns,
  ...timeColumns,
  approvedAt: syncRuns.approvedAt,
  discarded: discardedColumn,
  undoDepth: undoDepthColumn,
};

type SummaryRow = Omit<SyncRunSummary, 'counts'> & RunCounts;

function toSummary({ fetched, created, linked, updated, unchanged, skipped, failed, ...row }: SummaryRow): SyncRunSummary {
  return { ...row, counts: { fetched, created, linked, updated, unchanged, skipped, failed } };
}

/**
 * A run's undos, newest first, with the admin who asked for each: the run page's "Undone by"
 * (five) and the undo page's "Undone by …" notice (the latest).
 */
export async function undosOf(
  practiceId: string,
  runId: string,
  limit: number,
): Promise<{ id: string; status: RunStatus; finishedAt: Date | null; requestedByName: string | null }[]> {
  const db = await getDb();
  return db
    .select({ id: syncRuns.id, status: syncRuns.status, finishedAt: syncRuns.finishedAt, requestedByName: users.name })
    .from(syncRuns)
    .leftJoin(users, and(eq(users.id, syncRuns.requestedByUserId), eq(users.practiceId, syncRuns.practiceId)))
    .where(and(eq(syncRuns.practiceId, practiceId), eq(syncRuns.undoOfRunId, runId)))
    .orderBy(desc(syncRuns.queuedAt))
    .limit(limit);
}

/** The practice's runs, newest first, one page at a time. */
/**
 * A history row: the run, and whether an undo took it back — `whole` (an undo succeeded) or
 * `part` (one stopped part-way): "Succeeded, 2,360 created" alone read as if those stood.
 */
export type SyncRunListRow = SyncRunSummary & {
  undone: 'whole' | 'part' | null;
  /** The records it selected to apply or send: a paused run's row names them. */
  total: number;
};

export async function listSyncRuns(member: Member, query: { page: number }): Promise<ListPage<SyncRunListRow>> {
  const db = await getDb();
  const where = eq(syncRuns.practiceId, member.practiceId);
  const [totals] = await db.select({ total: count() }).from(syncRuns).where(where);
  const total = totals?.total ?? 0;
  const { page, pageCount, offset } = pageOf(total, query.page, SYNC_RUNS_PAGE_SIZE);
  const rows = await db
    .select({ ...summaryColumns, total: syncRuns.total })
    .from(syncRuns)
    // The requester is a member of the same practice: the join says so, so a name never crosses practices.
    .leftJoin(users, and(eq(users.id, syncRuns.requestedByUserId), eq(users.practiceId, syncRuns.practiceId)))
    .where(where)
    .orderBy(desc(syncRuns.queuedAt), desc(syncRuns.id))
    .limit(SYNC_RUNS_PAGE_SIZE)
    .offset(offset);
  const undone = await undoneAmong(
    member.practiceId,
    rows.map((r) => r.id),
  );
  return { rows: rows.map(({ total: selected, ...row }) => ({ ...toSummary(row), total: selected, undone: undone.get(row.id) ?? null })), total, page, pageCount };
}

/** Which of these runs an undo took back, wholly or part-way (sync_runs_undo_of_run_idx answers it). */
async function undoneAmong(practiceId: string, runIds: string[]): Promise<Map<string, 'whole' | 'part'>> {
  if (runIds.length === 0) return new Map();
  const db = await getDb();
  const undos = await db
    .select({ runId: syncRuns.undoOfRunId, status: syncRuns.status })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, practiceId), inArray(syncRuns.undoOfRunId, runIds), inArray(syncRuns.status, ['succeeded', 'partial'])));
  const undone = new Map<string, 'whole' | 'part'>();
  for (const undo of undos) {
    if (undo.runId && undone.get(undo.runId) !== 'whole') undone.set(undo.runId, undo.status === 'succeeded' ? 'whole' : 'part');
  }
  return undone;
}

export interface RunChangeView {
  clientId: string;
  clientName: string;
  externalId: string;
  kind: SyncRunChange['kind'];
  fields: RecordedFieldChange[];
  /** Contact names before → after, when the run replaced the contacts. */
  contacts: { before: string[]; after: string[] } | null;
}

export interface RunErrorView {
  id: string;
  externalId: string | null;
  recordName: string | null;
  message: string;
  detail: string | null;
}

export interface SyncRunDetail extends SyncRunSummary {
  total: number;
  processed: number;
  /** Why the whole run failed, in plain words, and the raw detail behind it. */
  error: string | null;
  errorDetail: string | null;
  /** Why the mass-change guard paused the run (status `needs_review`). */
  reviewReason: string | null;
  /**
   * The run paused for review and was discarded, never approved (by an admin, or because the
   * settings changed): it applied and sent nothing, whatever its counts say it read.
   */
  discardedAfterReview: boolean;
  changes: ListPage<RunChangeView>;
  /** Undos of this run, newest first (an undo can itself be undone). */
  undoneBy: { id: string; status: RunStatus; finishedAt: Date | null; requestedByName: string | null }[];
  errors: RunErrorView[];
  errorCount: number;
  /** The records the run skipped, by name and reason (the first SKIPS_SHOWN), and how many. */
  skips: { rows: SkipView[]; total: number };
  /** How many distinct failed records "Retry failed records" would read again. */
  retryableCount: number;
}

function contactNames(list: unknown[] | undefined): string[] {
  return (list ?? []).map((c) => (c && typeof c === 'object' && 'name' in c && typeof c.name === 'string' ? c.name : '')).filter(Boolean);
}

function isUuid(value: string): boolean {
  return uuidParam.safeParse(value).success;
}

/** One run of the member's practice with its changed clients (a page) and failed records, or null. */
export async function getSyncRun(member: Member, runId: string, query: { changesPage: number } = { changesPage: 1 }): Promise<SyncRunDetail | null> {
  if (!isUuid(runId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      ...summaryColumns,
      total: syncRuns.total,
      processed: syncRuns.processed,
      error: syncRuns.error,
      errorDetail: syncRuns.errorDetail,
      reviewReason: syncRuns.reviewReason,
    })
    .from(syncRuns)
    .leftJoin(users, and(eq(users.id, syncRuns.requestedByUserId), eq(users.practiceId, syncRuns.practiceId)))
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, member.practiceId)))
    .limit(1);
  if (!row) return null;
  const { total, processed, error, errorDetail, reviewReason, ...summary } = row;

  const changeScope = and(eq(syncRunChanges.runId, runId), eq(syncRunChanges.practiceId, member.practiceId));
  const [changeTotals] = await db.select({ total: count() }).from(syncRunChanges).where(changeScope);
  const changeTotal = changeTotals?.total ?? 0;
  const changePage = pageOf(changeTotal, query.changesPage, RUN_CHANGES_PAGE_SIZE);
  const changeRows = await db
    .select({
      clientId: syncRunChanges.clientId,
      clientName: clients.name,
      externalId: syncRunChanges.externalId,
      kind: syncRunChanges.kind,
      fields: syncRunChanges.fields,
      contacts: syncRunChanges.contacts,
    })
    .from(syncRunChanges)
    .innerJoin(clients, and(eq(clients.id, syncRunChanges.clientId), eq(clients.practiceId, syncRunChanges.practiceId)))
    .where(changeScope)
    // By name as a person reads a list: PGlite compares bytes, which put "ANDERSON …" before "Acacia …" (a user trial).
    .orderBy(sql`lower(${clients.name})`, asc(clients.name), asc(syncRunChanges.externalId))
    .limit(RUN_CHANGES_PAGE_SIZE)
    .offset(changePage.offset);

  const errorScope = and(eq(syncRunErrors.runId, runId), eq(syncRunErrors.practiceId, member.practiceId));
  // A record that could never be read has no name of its own in the error: say which one it is
  // by what the directory or the grant (a Gusto company's authorisation) knows it as.
  // (Drizzle writes a one-table select's columns unqualified, so the outer row is named in full here.)
  const recordName = sql<string | null>`coalesce(
    sync_run_errors.record_name,
    (select d.name from ${directoryRecords} d
      where d.practice_id = sync_run_errors.practice_id and d.app = ${summary.app} and d.external_id = sync_run_errors.external_id),
    (select g.label from ${connectionGrants} g join ${connections} c on c.id = g.connection_id and c.practice_id = g.practice_id
      where g.practice_id = sync_run_errors.practice_id and c.app = ${summary.app} and g.external_id = sync_run_errors.external_id limit 1)
  )`;
  const errors = await db
    .select({ id: syncRunErrors.id, externalId: syncRunErrors.externalId, recordName, message: syncRunErrors.message, detail: syncRunErrors.detail })
    .from(syncRunErrors)
    .where(errorScope)
    .orderBy(asc(syncRunErrors.createdAt), asc(syncRunErrors.id))
    .limit(RUN_ERRORS_SHOWN);
  const [errorTotals] = await db.select({ total: count() }).from(syncRunErrors).where(errorScope);
  const retryable = await failedExternalIds(member.practiceId, runId);
  const skips = await runSkips(member, runId, summary.app);
  const undoneBy = await undosOf(member.practiceId, runId, 5);

  return {
    ...toSummary(summary),
    total,
    processed,
    error,
    errorDetail,
    reviewReason: summary.status === 'needs_review' ? reviewReason : null,
    discardedAfterReview: summary.discarded,
    changes: {
      rows: changeRows.map((c) => ({
        ...c,
        fields: c.fields.map(fieldChangeShown),
        contacts: c.contacts ? { before: contactNames(c.contacts.before), after: contactNames(c.contacts.after) } : null,
      })),
      total: changeTotal,
      page: changePage.page,
      pageCount: changePage.pageCount,
    },
    errors,
    undoneBy,
    errorCount: errorTotals?.total ?? 0,
    skips,
    retryableCount: retryable.length,
  };
}

/** What the progress route answers: the run's state and counters, nothing else. */
export interface SyncRunProgress {
  status: RunStatus;
  direction: SyncDirection;
  /** An undo (trigger `undo`): it reads nothing, so its progress says what it changed back. */
  undo: boolean;
  /** How many undos deep it is: an undo of an undo says so. */
  undoDepth: number;
  /** Discarded after it paused for review: its progress says so, not "Cancelled". */
  discarded: boolean;
  processed: number;
  total: number;
  fetched: number;
  counts: Omit<RunCounts, 'fetched'>;
}

export async function getSyncRunProgress(member: Member, runId: string): Promise<SyncRunProgress | null> {
  if (!isUuid(runId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      status: syncRuns.status,
      discarded: discardedColumn,
      direction: syncRuns.direction,
      trigger: syncRuns.trigger,
      undoDepth: undoDepthColumn,
      processed: syncRuns.processed,
      total: syncRuns.total,
      ...runCountColumns,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, member.practiceId)))
    .limit(1);
  if (!row) return null;
  const { status, discarded, direction, trigger, undoDepth, processed, total, fetched, ...counts } = row;
  return { status, direction, undo: trigger === 'undo', undoDepth, discarded, processed, total, fetched, counts };
}

export interface AppRunOverview {
  app: AppId;
  settings: { syncData: SyncData; direction: SyncDirection };
  /**
   * The latest run that ended, an undo included (it says it is one). `total`: the records it
   * selected to apply or send (a paused run's sentence names them).
   */
  lastRun:
    | (Pick<SyncRunSummary, 'id' | 'status' | 'discarded' | 'direction' | 'trigger' | 'undoDepth' | 'counts' | 'startedAt' | 'finishedAt' | 'queuedAt'> & { total: number })
    | null;
  /** A run waiting or running now (the running one when both). */
  activeRun: { id: string; status: 'queued' | 'running' } | null;
  /**
   * The next scheduled run; null when none is: neither an inbound source nor a scheduled push
   * To XPM, not connected (the scheduler skips it), or a run paused for review holds it.
   */
  nextRun: { at: Date; due: boolean } | null;
  /**
   * A run of every record under the current settings that waits for an admin's review: the
   * schedule's runs join it rather than pass it (lib/commands/sync-runs requestSyncRun), so
   * nothing more flows until it is approved or discarded.
   */
  pausedRunId: string | null;
}

const ACTIVE: RunStatus[] = ['queued', 'running'];

/**
 * Each connected app's last run, the run going on now and the next scheduled one, for the
 * app cards and the Dashboard. `now` is injectable for tests.
 */
export async function listAppRunOverviews(member: Member, now: Date = new Date()): Promise<AppRunOverview[]> {
  const db = await getDb();
  const connected = await db
    .select({ app: connections.app, status: connections.status, syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(and(eq(connections.practiceId, member.practiceId), notInArray(connections.status, ['disconnected'])))
    .orderBy(asc(connections.app));
  if (connected.length === 0) return [];
  const apps = connected.map((c) => c.app);
  const inPractice = and(eq(syncRuns.practiceId, member.practiceId), inArray(syncRuns.app, apps));
  const started = await Promise.all(apps.map(async (app) => ({ app, at: await lastRunStartedAt(db, member.practiceId, app) })));
  const active = await db
    .select({ id: syncRuns.id, app: syncRuns.app, status: syncRuns.status })
    .from(syncRuns)
    .where(and(inPractice, inArray(syncRuns.status, ACTIVE)));
  const paused = await db
    .select({ id: syncRuns.id, app: syncRuns.app, direction: syncRuns.direction, syncData: syncRuns.syncData })
    .from(syncRuns)
    .where(and(inPractice, pausedRunOfEveryRecord))
    .orderBy(desc(syncRuns.queuedAt));
  const ended = await Promise.all(
    apps.map(async (app) => {
      const [row] = await db
        .select({
          id: syncRuns.id,
          status: syncRuns.status,
          discarded: discardedColumn,
          direction: syncRuns.direction,
          trigger: syncRuns.trigger,
          undoDepth: undoDepthColumn,
          total: syncRuns.total,
          ...runCountColumns,
          ...timeColumns,
        })
        .from(syncRuns)
        .where(and(eq(syncRuns.practiceId, member.practiceId), eq(syncRuns.app, app), notInArray(syncRuns.status, ACTIVE)))
        .orderBy(desc(syncRuns.queuedAt), desc(syncRuns.id))
        .limit(1);
      return row ?? null;
    }),
  );
  return connected.map((connection, i) => {
    const last = ended[i];
    const runs = active.filter((r) => r.app === connection.app);
    const current = runs.find((r) => r.status === 'running') ?? runs[0];
    const settings = { syncData: connection.syncData, direction: connection.direction };
    // Only a connected app's schedule is held by it: the scheduler skips any other.
    const pausedRun =
      connection.status === 'connected' ? paused.find((p) => p.app === connection.app && p.direction === settings.direction && p.syncData === settings.syncData) : undefined;
    return {
      app: connection.app,
      settings,
      lastRun: last
        ? {
            id: last.id,
            status: last.status,
            discarded: last.discarded,
            direction: last.direction,
            trigger: last.trigger,
            undoDepth: last.undoDepth,
            queuedAt: last.queuedAt,
            startedAt: last.startedAt,
            finishedAt: last.finishedAt,
            total: last.total,
            counts: {
              fetched: last.fetched,
              created: last.created,
              linked: last.linked,
              updated: last.updated,
              unchanged: last.unchanged,
              skipped: last.skipped,
              failed: last.failed,
            },
          }
        : null,
      activeRun: current ? { id: current.id, status: current.status as 'queued' | 'running' } : null,
      nextRun:
        connection.status !== 'connected' || pausedRun
          ? null
          : nextRunFor({
              app: connection.app,
              settings,
              lastRunStartedAt: started.find((s) => s.app === connection.app)?.at ?? null,
              now,
              timeZone: member.practiceTimezone,
            }),
      pausedRunId: pausedRun?.id ?? null,
    };
  });
}

function requireAdmin(member: Member): void {
  // The action checks the role too; the DAL is the last word, whoever calls it.
  if (member.role !== 'admin') throw new ActionError(MESSAGES.forbidden, undefined, 'forbidden');
}

/** "Sync now": admins only; the answer says whether a run started or which one is already going. */
export async function startSyncNow(member: Member, app: AppId): Promise<SyncRunRequestResult> {
  requireAdmin(member);
  return startSyncRun(memberActor(member), { app });
}

async function failedExternalIds(practiceId: string, runId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ externalId: syncRunErrors.externalId })
    .from(syncRunErrors)
    .where(and(eq(syncRunErrors.runId, runId), eq(syncRunErrors.practiceId, practiceId), isNotNull(syncRunErrors.externalId)))
    .orderBy(asc(syncRunErrors.externalId));
  return rows.map((r) => r.externalId).filter((id): id is string => id !== null);
}

/**
 * "Retry failed records": a new run of the same app reading again only the records this run
 * could not read or apply. Admins only; another practice's run is not found.
 */
export async function retryFailedRecords(member: Member, runId: string): Promise<SyncRunRequestResult> {
  requireAdmin(member);
  if (!isUuid(runId)) throw new ActionError('That sync run was not found.', undefined, 'not_found');
  const db = await getDb();
  const [run] = await db
    .select({ app: syncRuns.app, status: syncRuns.status })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, member.practiceId)))
    .limit(1);
  if (!run) throw new ActionError('That sync run was not found.', undefined, 'not_found');
  if (ACTIVE.includes(run.status)) throw new ActionError('This run has not finished yet. Retry its failed records once it ends.', undefined, 'conflict');
  const onlyExternalIds = await failedExternalIds(member.practiceId, runId);
  if (onlyExternalIds.length === 0) throw new ActionError('This run has no failed records to retry.');
  return startSyncRun(memberActor(member), { app: run.app, retryOfRunId: runId, onlyExternalIds });
}
