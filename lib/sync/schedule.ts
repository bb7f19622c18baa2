/**
 * When each app syncs by itself (DESIGN §3 "Directions", issue 10): From Gusto once a day at
 * 06:00 in the practice's time zone; From XPM every 15 minutes (XPM has no webhooks). Pure, so
 * the scheduler that queues runs and the pages that say "next run" agree to the minute.
 */
export const DAILY_SYNC_HOUR = 6;
export const XPM_POLL_MINUTES = 15;

export type ScheduledApp = 'xpm' | 'gusto';

export interface ScheduleInput {
  app: ScheduledApp;
  /** When the last scheduled (or any completed) run of this app started; null if never. */
  lastRunAt: Date | null;
  now: Date;
  /** IANA zone of the practice, e.g. "Australia/Sydney". */
  timeZone: string;
}

/** The wall-clock parts of `at` in `timeZone`. */
function wallClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at `at`, in milliseconds (positive east of Greenwich). */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant the wall clock in `timeZone` reads `hour`:00 on the given calendar day. Where a
 * daylight-saving jump skips that hour the instant after the jump is used; where the hour
 * happens twice, the first.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  // Two passes settle the offset across a daylight-saving change.
  let instant = guess - offsetMs(new Date(guess), timeZone);
  instant = guess - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The first 06:00 (practice time) strictly after `after`. */
export function nextDailyRun(after: Date, timeZone: string): Date {
  const today = wallClock(after, timeZone);
  for (let addDays = 0; addDays <= 2; addDays++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + addDays));
    const candidate = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), DAILY_SYNC_HOUR, timeZone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error('unreachable: a day always has a next 06:00 within two days');
}

/**
 * When the app's next scheduled run is due. Gusto: the first 06:00 after its last run (so a
 * day whose 06:00 passed without a run is due at once). XPM: 15 minutes after its last run.
 * Never run: due now.
 */
export function nextScheduledRun({ app, lastRunAt, now, timeZone }: ScheduleInput): Date {
  if (!lastRunAt) return now;
  if (app === 'xpm') return new Date(lastRunAt.getTime() + XPM_POLL_MINUTES * 60_000);
  return nextDailyRun(lastRunAt, timeZone);
}

/** Whether the scheduler should queue a run now. */
export function isScheduledRunDue(input: ScheduleInput): boolean {
  return nextScheduledRun(input).getTime() <= input.now.getTime();
}
