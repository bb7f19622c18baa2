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

function format(options: Intl.DateTimeFormatOptions, timezone: string): Intl.DateTimeFormat {
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
