import { isScheduledRunDue, type ScheduledApp } from '@/lib/sync/schedule';

/**
 * What the scheduler tick should start now, as a pure function of what the database says
 * (lib/jobs/scheduler.ts reads it). One row per connected connection.
 */
export interface ScheduleCandidate {
  practiceId: string;
  connectionId: string;
  app: ScheduledApp;
  /** The practice's IANA zone: Gusto's daily run is at 06:00 there. */
  timeZone: string;
  /** Data flows in from this app (direction From the app, sync data not Nothing). */
  inbound: boolean;
  /** To the app (XPM To XPM, sync data not Nothing): a To-XPM run on the same schedule, as a safety net behind the runs edits ask for. */
  pushes?: boolean;
  /** Inbound or pushing: when the latest run of this app started (any trigger); null if none ever did. */
  lastRunAt: Date | null;
  /** Not inbound: when its directory was last refreshed or last failed to; null if never. */
  lastRefreshAt: Date | null;
}

export type DueWork = { kind: 'sync'; practiceId: string; app: ScheduledApp } | { kind: 'refresh'; practiceId: string; connectionId: string; app: ScheduledApp };

/**
 * An inbound source syncs on its app's schedule (From Gusto 06:00 practice time, From XPM
 * every 15 minutes), and so does XPM set To XPM (a push run); any other connection refreshes its directory on the same schedule, so
 * the picker stays current even where nothing flows in.
 */
export function dueWork(candidates: readonly ScheduleCandidate[], now: Date): DueWork[] {
  const due: DueWork[] = [];
  for (const c of candidates) {
    // A To-XPM run refreshes the directory as its read stage, so it replaces the refresh.
    const runs = c.inbound || c.pushes === true;
    const lastRunAt = runs ? c.lastRunAt : c.lastRefreshAt;
    if (!isScheduledRunDue({ app: c.app, lastRunAt, now, timeZone: c.timeZone })) continue;
    due.push(runs ? { kind: 'sync', practiceId: c.practiceId, app: c.app } : { kind: 'refresh', practiceId: c.practiceId, connectionId: c.connectionId, app: c.app });
  }
  return due;
}
