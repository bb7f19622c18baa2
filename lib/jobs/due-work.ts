import type { SyncData, SyncDirection } from '@/lib/sync/rules';
import { isScheduledPush } from '@/lib/sync/runs/next-run';
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

/** One row of the settings audit for an app: what one field was before a change, and after. */
export interface SettingsChange {
  field: 'sync_data' | 'sync_direction';
  before: string | null;
  after: string | null;
  /** The member who saved it; null for a change the system made (a connect's defaults, a disconnect). */
  userId: string | null;
  at: Date;
}

type Settings = { syncData: SyncData; direction: SyncDirection };

/** Whether the scheduler runs a sync of this app under these settings (as scheduleCandidates judges). */
function syncsOnSchedule(app: ScheduledApp, s: Settings): boolean {
  return (s.direction === 'from_app' && s.syncData !== 'nothing') || isScheduledPush(app, s);
}

/**
 * The member whose settings save made this due sync start at once, or null for a plain
 * periodic run. A trial saw a run start a minute after an admin turned on From XPM, labelled
 * "Scheduled" with no one named. It is the save's when the latest change that turned the
 * app's scheduled sync on (it synced nothing before it) came after the app's last run, and the
 * schedule was already due at that moment (never run, or its interval long past), so the save
 * is what started it. `changes`: the app's audit rows since its last run, oldest first;
 * `current`: its settings now.
 */
export function settingsSaveThatStartedSync(input: {
  app: ScheduledApp;
  current: Settings;
  lastRunAt: Date | null;
  timeZone: string;
  changes: readonly SettingsChange[];
}): string | null {
  let after: Settings = input.current;
  for (let i = input.changes.length - 1; i >= 0; i--) {
    const change = input.changes[i]!;
    const before: Settings =
      change.field === 'sync_data' ? { ...after, syncData: (change.before ?? 'nothing') as SyncData } : { ...after, direction: (change.before ?? 'from_app') as SyncDirection };
    if (!syncsOnSchedule(input.app, before) && syncsOnSchedule(input.app, after)) {
      // The change that turned it on: a member's, with the schedule already due when it was saved.
      const dueThen = isScheduledRunDue({ app: input.app, lastRunAt: input.lastRunAt, now: change.at, timeZone: input.timeZone });
      return change.userId !== null && dueThen ? change.userId : null;
    }
    after = before;
  }
  return null;
}
