/**
 * Dates and times as the practice reads them: in the practice's time zone (set at sign-up;
 * daily syncs run at 06:00 there), saying which zone, on every page alike — never in the
 * server's zone or, after hydration, the browser's. Pure, for server and client.
 */
const DATE_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
// Month names, never 02/12/2026: practices in different countries read that two ways.
const DATE_ONLY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/**
 * The practice's locale, from the only place it says where it is: its time zone (there is
 * no locale setting yet). It orders day and month ("26 Nov" or "Nov 26") and sets the clock
 * style; anything unlisted reads as Australian English, the default practice's.
 */
const CANADIAN_ZONES = new Set(['America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Winnipeg', 'America/Halifax', 'America/St_Johns', 'America/Regina']);
export function practiceLocale(timezone: string): string {
  if (timezone.startsWith('Australia/')) return 'en-AU';
  if (timezone === 'Pacific/Auckland' || timezone === 'Pacific/Chatham') return 'en-NZ';
  if (CANADIAN_ZONES.has(timezone)) return 'en-CA';
  if (timezone.startsWith('America/') || timezone === 'Pacific/Honolulu') return 'en-US';
  if (timezone === 'Europe/Dublin') return 'en-IE';
  if (timezone.startsWith('Europe/')) return 'en-GB';
  if (timezone === 'Asia/Singapore') return 'en-SG';
  return 'en-AU';
}

/**
 * One formatter per options and zone, kept: building an Intl.DateTimeFormat costs far more
 * than formatting with it, and a list page formats a few values per row.
 */
const formatters = new Map<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>(); // keyed by this module's option constants
function format(options: Intl.DateTimeFormatOptions, timezone: string): Intl.DateTimeFormat {
  let byZone = formatters.get(options);
  if (!byZone) formatters.set(options, (byZone = new Map()));
  let formatter = byZone.get(timezone);
  if (!formatter) byZone.set(timezone, (formatter = makeFormat(options, timezone)));
  return formatter;
}

function makeFormat(options: Intl.DateTimeFormatOptions, timezone: string): Intl.DateTimeFormat {
  const locale = practiceLocale(timezone);
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: timezone });
  } catch {
    // An unknown zone name must not take the page down.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  }
}

/** "26 Nov 2026, 7:08 pm AEDT" ("Nov 26, 2026, 3:08 AM EST" in New York). */
export function formatPracticeDateTime(value: Date | string, timezone: string): string {
  return format(DATE_TIME, timezone).format(new Date(value));
}

/** "26 Nov 2026" ("Nov 26, 2026" in the US), the practice's calendar day. */
export function formatPracticeDate(value: Date | string, timezone: string): string {
  return format(DATE_ONLY, timezone).format(new Date(value));
}

const TIME_ONLY: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
const DAY_KEY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** The practice's calendar day of a moment, as "2026-12-05" (sortable; never shown). */
function practiceDay(value: Date, timezone: string): string {
  const parts = Object.fromEntries(
    format(DAY_KEY, timezone)
      .formatToParts(value)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar day before `day` ("2026-12-05" → "2026-12-04"), by the calendar: a DST day has 23 or 25 hours. */
function dayBefore(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, date! - 1)).toISOString().slice(0, 10);
}

/**
 * When something last changed, as a list column reads it: "Today" or "Yesterday" with the
 * time ("4:31 pm AEDT") for the practice's last two days (a busy list changes within a day,
 * and the date alone would not tell those rows apart), the date before that ("26 Nov 2026").
 * In two parts, so that a narrow column can break between them and never inside the time.
 * `now` is the render's moment, passed in so the function stays pure.
 */
export function practiceRecentParts(value: Date | string, timezone: string, now: Date): { day: string; time: string | null } {
  const moment = new Date(value);
  const day = practiceDay(moment, timezone);
  const today = practiceDay(now, timezone);
  if (day === today) return { day: 'Today', time: format(TIME_ONLY, timezone).format(moment) };
  if (day === dayBefore(today)) return { day: 'Yesterday', time: format(TIME_ONLY, timezone).format(moment) };
  return { day: formatPracticeDate(moment, timezone), time: null };
}
