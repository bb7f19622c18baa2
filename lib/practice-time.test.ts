import { describe, expect, test } from 'vitest';
import { formatPracticeDate, formatPracticeDateTime } from './practice-time';

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
});
