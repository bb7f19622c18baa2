import { CAPABILITIES, isInboundSource, supports, type AppId, type SyncData, type SyncDirection } from '@/lib/sync/rules';
import { nextScheduledRun } from '@/lib/sync/schedule';

export interface NextRunInput {
  app: AppId;
  settings: { syncData: SyncData; direction: SyncDirection };
  /** When the app's latest run started (any trigger), as the scheduler reads it; null if never. */
  lastRunStartedAt: Date | null;
  now: Date;
  timeZone: string;
}

/**
 * Whether the scheduler pushes this app's changed clients on its schedule: set To the app,
 * with data to send, and the app takes a push (XPM). lib/jobs/scheduler.ts asks the same.
 */
export function isScheduledPush(app: AppId, settings: { syncData: SyncData; direction: SyncDirection }): boolean {
  return settings.direction === 'to_app' && settings.syncData !== 'nothing' && supports(CAPABILITIES, app, 'to_app');
}

/**
 * The next scheduled sync run of an app, as the card, the Dashboard and a To-XPM preview show
 * it — the same computation the scheduler uses (lib/sync/schedule, lib/jobs/due-work), so the
 * page never promises a time the scheduler does not keep, nor leaves out one it keeps. Null
 * when nothing is scheduled (neither an inbound source nor a scheduled push).
 * `due`: the time has passed and the scheduler's next tick will queue it.
 */
export function nextRunFor({ app, settings, lastRunStartedAt, now, timeZone }: NextRunInput): { at: Date; due: boolean } | null {
  if (!isInboundSource(settings) && !isScheduledPush(app, settings)) return null;
  const at = nextScheduledRun({ app, lastRunAt: lastRunStartedAt, now, timeZone });
  return { at, due: at.getTime() <= now.getTime() };
}

export type PushTiming = { kind: 'paused'; runId: string } | { kind: 'due' } | { kind: 'at'; at: Date };

/**
 * When what a To-XPM preview lists is sent: a run paused for review holds it (the schedule's
 * runs join the paused one rather than pass it), else the schedule's next run. Null when
 * nothing is scheduled to send it.
 */
export function pushTiming(overview: { nextRun: { at: Date; due: boolean } | null; pausedRunId: string | null }): PushTiming | null {
  if (overview.pausedRunId) return { kind: 'paused', runId: overview.pausedRunId };
  if (!overview.nextRun) return null;
  return overview.nextRun.due ? { kind: 'due' } : { kind: 'at', at: overview.nextRun.at };
}
