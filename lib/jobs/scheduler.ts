import 'server-only';
import { and, asc, eq, gt, isNull, max } from 'drizzle-orm';
import { getDb } from '@/db';
import { connections, practices, settingsAudit, syncRuns } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import type { SyncRunRequestResult } from '@/lib/commands/sync-runs';
import { isScheduledPush } from '@/lib/sync/runs/next-run';
import { dueWork, type DueWork, type ScheduleCandidate, settingsSaveThatStartedSync } from './due-work';
import { startSyncRun } from './sync-jobs';

/** The scheduler's tick: a UTC cron (every minute); practice time zones are applied here. */
export const SYNC_TICK_JOB = 'sync-tick';
export const SYNC_TICK_MINUTES = 1;

export interface TickDeps {
  now?: () => Date;
  startSyncRun?: typeof startSyncRun;
  /** Starts a directory refresh without waiting for it (lib/integrations/refresh-runner). */
  refresh?: (practiceId: string, connection: { id: string; app: 'xpm' | 'gusto' }) => Promise<unknown>;
}

export async function scheduleCandidates(): Promise<ScheduleCandidate[]> {
  const db = await getDb();
  const lastRuns = db
    .select({ practiceId: syncRuns.practiceId, app: syncRuns.app, lastRunAt: max(syncRuns.startedAt).as('last_run_at') })
    .from(syncRuns)
    // Runs of every record only: a run scoped to a few (one member's edit, one webhook's
    // company) must not put off the scheduled run that covers the rest.
    .where(isNull(syncRuns.onlyExternalIds))
    .groupBy(syncRuns.practiceId, syncRuns.app)
    .as('last_runs');
  const rows = await db
    .select({
      practiceId: connections.practiceId,
      connectionId: connections.id,
      app: connections.app,
      timeZone: practices.timezone,
      direction: connections.syncDirection,
      syncData: connections.syncData,
      lastRunAt: lastRuns.lastRunAt,
      directoryRefreshedAt: connections.directoryRefreshedAt,
      lastErrorAt: connections.lastErrorAt,
    })
    .from(connections)
    .innerJoin(practices, eq(practices.id, connections.practiceId))
    .leftJoin(lastRuns, and(eq(lastRuns.practiceId, connections.practiceId), eq(lastRuns.app, connections.app)))
    // A connection that needs a person (reconnect) is left alone until someone fixes it.
    .where(eq(connections.status, 'connected'));
  return rows.map((r) => {
    const refreshedAt = r.directoryRefreshedAt;
    const failedAt = r.lastErrorAt;
    const lastRefreshAt = refreshedAt && failedAt ? (refreshedAt > failedAt ? refreshedAt : failedAt) : (refreshedAt ?? failedAt);
    return {
      practiceId: r.practiceId,
      connectionId: r.connectionId,
      app: r.app,
      timeZone: r.timeZone,
      inbound: r.direction === 'from_app' && r.syncData !== 'nothing',
      pushes: isScheduledPush(r.app, { direction: r.direction, syncData: r.syncData }),
      lastRunAt: toDate(r.lastRunAt),
      lastRefreshAt: toDate(lastRefreshAt),
    };
  });
}

/** max() over a subquery comes back as text on some drivers. */
function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? new Date(value) : value;
}

export interface TickOutcome {
  work: DueWork;
  result: SyncRunRequestResult | { kind: 'refresh_started' } | { kind: 'error'; message: string };
}

/** One tick: starts every sync and directory refresh that is due. One failure never stops the rest. */
export async function runSchedulerTick(deps: TickDeps = {}): Promise<TickOutcome[]> {
  const now = (deps.now ?? (() => new Date()))();
  const start = deps.startSyncRun ?? startSyncRun;
  const refresh = deps.refresh ?? defaultRefresh;
  const outcomes: TickOutcome[] = [];
  const candidates = await scheduleCandidates();
  for (const work of dueWork(candidates, now)) {
    try {
      if (work.kind === 'sync') {
        const candidate = candidates.find((c) => c.practiceId === work.practiceId && c.app === work.app)!;
        // Still the schedule's run (its guard, its place in the queue), naming the admin whose save started it.
        const actor = { ...systemActor(work.practiceId, 'schedule'), memberId: await savedBy(candidate) };
        outcomes.push({ work, result: await start(actor, { app: work.app }) });
      } else {
        void refresh(work.practiceId, { id: work.connectionId, app: work.app }).catch(() => undefined);
        outcomes.push({ work, result: { kind: 'refresh_started' } });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[jobs] scheduled ${work.kind} of ${work.app} for practice ${work.practiceId} failed: ${message}`);
      outcomes.push({ work, result: { kind: 'error', message } });
    }
  }
  return outcomes;
}

/**
 * The member whose settings save made this sync due at once (due-work.ts
 * settingsSaveThatStartedSync), from the app's settings audit since its last run; null for a
 * periodic run. Asked only of a due sync: once per app per interval at most.
 */
async function savedBy(candidate: ScheduleCandidate): Promise<string | null> {
  const db = await getDb();
  const scope = and(eq(settingsAudit.practiceId, candidate.practiceId), eq(settingsAudit.app, candidate.app));
  const [changes, [current]] = await Promise.all([
    db
      .select({ field: settingsAudit.field, before: settingsAudit.before, after: settingsAudit.after, userId: settingsAudit.userId, at: settingsAudit.createdAt })
      .from(settingsAudit)
      .where(candidate.lastRunAt ? and(scope, gt(settingsAudit.createdAt, candidate.lastRunAt)) : scope)
      .orderBy(asc(settingsAudit.createdAt)),
    db
      .select({ syncData: connections.syncData, direction: connections.syncDirection })
      .from(connections)
      .where(and(eq(connections.id, candidate.connectionId), eq(connections.practiceId, candidate.practiceId))),
  ]);
  if (!current || changes.length === 0) return null;
  return settingsSaveThatStartedSync({ app: candidate.app, current, lastRunAt: candidate.lastRunAt, timeZone: candidate.timeZone, changes });
}

async function defaultRefresh(practiceId: string, connection: { id: string; app: 'xpm' | 'gusto' }): Promise<unknown> {
  const { refreshWithin } = await import('@/lib/integrations/refresh-runner');
  // Joins a refresh already running in this process; records its outcome on the connection.
  return refreshWithin(practiceId, connection, 0);
}
