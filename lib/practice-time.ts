/**
 * Dates and times as the practice reads them: in the practice's time zone (set at sign-up;
 * daily syncs run at 06:00 there), saying which zone, on every page alike — never in the
 * server's zone or, after hydration, the browser's. Pure, for server and client.
 */
const DATE_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
const DATE_ONLY: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };

function format(options: Intl.DateTimeFormatOptions, timezone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-AU', { ...options, timeZone: timezone });
  } catch {
    // An unknown zone name must not take the page down.
    return new Intl.DateTimeFormat('en-AU', { ...options, timeZone: 'UTC' });
  }
}

/** "26 Nov 2026, 7:08 pm AEDT". */
export function formatPracticeDateTime(value: Date | string, timezone: string): string {
  return format(DATE_TIME, timezone).format(new Date(value));
}

/** "26/11/2026", the practice's calendar day. */
export function formatPracticeDate(value: Date | string, timezone: string): string {
  return format(DATE_ONLY, timezone).format(new Date(value));
}
