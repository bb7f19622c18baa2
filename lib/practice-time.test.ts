import { describe, expect, test } from 'vitest';
import { formatPracticeDate, formatPracticeDateTime, practiceRecentParts } from './practice-time';

/** The two parts as the Updated column shows them (components/ui/practice-time.tsx). */
function formatPracticeRecent(value: string | Date, timezone: string, now: Date): string {
  const { day, time } = practiceRecentParts(value, timezone, now);
  return time ? `${day}, ${time}` : day;
}

describe('practice time', () => {
  const moment = new Date('2026-11-26T08:08:00Z');

  test.each([
    ['Australia/Sydney', '26 Nov 2026, 7:08 pm AEDT'],
    ['Pacific/Auckland', '26 Nov 2026, 9:08 pm NZDT'],
    ['UTC', '26 Nov 2026, 8:08 am UTC'],
    ['America/New_York', 'Nov 26, 2026, 3:08 AM EST'],
    ['Europe/London', '26 Nov 2026, 08:08 GMT'],
  ])('%s: %s', (zone, text) => {
    expect(formatPracticeDateTime(moment, zone)).toBe(text);
  });

  test('the same moment reads the same wherever the server or browser is', () => {
    expect(formatPracticeDateTime(moment.toISOString(), 'Australia/Sydney')).toBe(formatPracticeDateTime(moment, 'Australia/Sydney'));
  });

  test('the calendar day is the practice’s: late in UTC is tomorrow in Sydney', () => {
    const late = new Date('2026-11-26T14:00:00Z');
    expect(formatPracticeDate(late, 'UTC')).toBe('26 Nov 2026');
    expect(formatPracticeDate(late, 'Australia/Sydney')).toBe('27 Nov 2026');
  });

  // 02/12/2026 is 2 December in Sydney and February 12 in New York: a month name is read one way.
  test.each([
    ['Australia/Sydney', '2 Dec 2026'],
    ['America/Chicago', 'Dec 2, 2026'],
    ['Europe/London', '2 Dec 2026'],
  ])('a calendar day in %s names its month: %s', (zone, text) => {
    expect(formatPracticeDate(new Date('2026-12-02T12:00:00Z'), zone)).toBe(text);
  });

  test('an unknown zone falls back to UTC, saying so, instead of failing', () => {
    expect(formatPracticeDateTime(moment, 'Mars/Olympus_Mons')).toBe('26 Nov 2026, 8:08 am UTC');
    expect(formatPracticeDate(moment, 'Not/AZone')).toBe('26 Nov 2026');
  });

  describe('recent changes in a list: today and yesterday with their time, older by date', () => {
    // 5 Dec 2026, 10:00 am in Sydney (AEDT, UTC+11).
    const now = new Date('2026-12-04T23:00:00Z');

    test.each([
      ['earlier today', '2026-12-04T20:31:00Z', 'Today, 7:31 am AEDT'],
      ["today's first minute", '2026-12-04T13:00:00Z', 'Today, 12:00 am AEDT'],
      ["yesterday's last minute", '2026-12-04T12:59:00Z', 'Yesterday, 11:59 pm AEDT'],
      ["yesterday's first minute", '2026-12-03T13:00:00Z', 'Yesterday, 12:00 am AEDT'],
      ['the day before yesterday', '2026-12-03T12:59:00Z', '3 Dec 2026'],
      ['last year', '2025-12-05T01:00:00Z', '5 Dec 2025'],
      ['a moment after now (clocks differ)', '2026-12-04T23:00:30Z', 'Today, 10:00 am AEDT'],
      ['tomorrow (a clock far ahead)', '2026-12-05T14:00:00Z', '6 Dec 2026'],
    ])('%s', (_, value, text) => {
      expect(formatPracticeRecent(value, 'Australia/Sydney', now)).toBe(text);
    });

    test("the days are the practice's, not UTC's", () => {
      // 22:00 UTC on 4 Dec is already 5 Dec in Sydney, still 4 Dec in New York.
      const moment = new Date('2026-12-04T22:00:00Z');
      expect(formatPracticeRecent(moment, 'Australia/Sydney', now)).toBe('Today, 9:00 am AEDT');
      expect(formatPracticeRecent(moment, 'America/New_York', now)).toBe('Today, 5:00 PM EST');
      expect(formatPracticeRecent(moment, 'UTC', new Date('2026-12-05T01:00:00Z'))).toBe('Yesterday, 10:00 pm UTC');
    });

    test('yesterday across a clock change is the calendar day before, not 24 hours before', () => {
      // New York leaves daylight time on 1 Nov 2026: that day has 25 hours.
      const morningAfter = new Date('2026-11-02T05:30:00Z'); // 2 Nov, 12:30 am EST
      expect(formatPracticeRecent('2026-11-01T04:30:00Z', 'America/New_York', morningAfter)).toBe('Yesterday, 12:30 AM EDT');
      expect(formatPracticeRecent('2026-11-01T03:59:00Z', 'America/New_York', morningAfter)).toBe('Oct 31, 2026');
      // Sydney starts daylight time on 4 Oct 2026: that day has 23 hours.
      const sydneyAfter = new Date('2026-10-04T13:30:00Z'); // 5 Oct, 12:30 am AEDT
      expect(formatPracticeRecent('2026-10-03T14:00:00Z', 'Australia/Sydney', sydneyAfter)).toBe('Yesterday, 12:00 am AEST');
      expect(formatPracticeRecent('2026-10-03T13:59:00Z', 'Australia/Sydney', sydneyAfter)).toBe('3 Oct 2026');
    });

    test('the first of a month and of a year have a yesterday too', () => {
      expect(formatPracticeRecent('2026-12-31T12:00:00Z', 'UTC', new Date('2027-01-01T09:00:00Z'))).toBe('Yesterday, 12:00 pm UTC');
      expect(formatPracticeRecent('2026-02-28T12:00:00Z', 'UTC', new Date('2026-03-01T09:00:00Z'))).toBe('Yesterday, 12:00 pm UTC');
    });

    test('an older day has no time part: the column breaks only between day and time', () => {
      expect(practiceRecentParts('2026-12-01T01:00:00Z', 'Australia/Sydney', now)).toEqual({ day: '1 Dec 2026', time: null });
      expect(practiceRecentParts('2026-12-04T20:31:00Z', 'Australia/Sydney', now)).toEqual({ day: 'Today', time: '7:31 am AEDT' });
    });

    test('an unknown zone reads in UTC instead of failing', () => {
      expect(formatPracticeRecent('2026-12-04T20:31:00Z', 'Not/AZone', now)).toBe('Today, 8:31 pm UTC');
    });
  });
});
