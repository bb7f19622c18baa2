import { describe, expect, test } from 'vitest';
import { isScheduledRunDue, nextDailyRun, nextScheduledRun, zonedInstant } from './schedule';

const at = (iso: string) => new Date(iso);

describe('zonedInstant', () => {
  test.each([
    // Sydney is UTC+11 in December (daylight saving), UTC+10 in June.
    ['Australia/Sydney', 2026, 12, 2, 6, '2026-12-01T19:00:00.000Z'],
    ['Australia/Sydney', 2026, 6, 2, 6, '2026-06-01T20:00:00.000Z'],
    ['America/New_York', 2026, 12, 2, 6, '2026-12-02T11:00:00.000Z'],
    ['America/New_York', 2026, 7, 2, 6, '2026-07-02T10:00:00.000Z'],
    ['UTC', 2026, 12, 2, 6, '2026-12-02T06:00:00.000Z'],
    ['Asia/Kolkata', 2026, 12, 2, 6, '2026-12-02T00:30:00.000Z'],
    // The day New York springs forward (2 am → 3 am) still has a 06:00.
    ['America/New_York', 2026, 3, 8, 6, '2026-03-08T10:00:00.000Z'],
    // The day Sydney falls back (3 am → 2 am).
    ['Australia/Sydney', 2026, 4, 5, 6, '2026-04-04T20:00:00.000Z'],
  ])('%s %i-%i-%i %i:00 is %s', (zone, y, m, d, h, expected) => {
    expect(zonedInstant(y, m, d, h, zone).toISOString()).toBe(expected);
  });
});

describe('nextDailyRun', () => {
  test.each([
    ['before 06:00 local → today', '2026-12-01T18:00:00Z', 'Australia/Sydney', '2026-12-01T19:00:00.000Z'],
    ['exactly 06:00 local → tomorrow', '2026-12-01T19:00:00Z', 'Australia/Sydney', '2026-12-02T19:00:00.000Z'],
    ['after 06:00 local → tomorrow', '2026-12-02T01:00:00Z', 'Australia/Sydney', '2026-12-02T19:00:00.000Z'],
    ['late evening UTC is already tomorrow in Sydney', '2026-12-02T22:00:00Z', 'Australia/Sydney', '2026-12-03T19:00:00.000Z'],
    ['New York', '2026-12-02T12:00:00Z', 'America/New_York', '2026-12-03T11:00:00.000Z'],
    ['year end', '2026-12-31T12:00:00Z', 'UTC', '2027-01-01T06:00:00.000Z'],
  ])('%s', (_label, after, zone, expected) => {
    expect(nextDailyRun(at(after), zone).toISOString()).toBe(expected);
  });
});

describe('nextScheduledRun / isScheduledRunDue', () => {
  const now = at('2026-12-02T02:00:00Z'); // 13:00 in Sydney

  test('never run: due now, for either app', () => {
    for (const app of ['xpm', 'gusto'] as const) {
      expect(nextScheduledRun({ app, lastRunAt: null, now, timeZone: 'Australia/Sydney' })).toEqual(now);
      expect(isScheduledRunDue({ app, lastRunAt: null, now, timeZone: 'Australia/Sydney' })).toBe(true);
    }
  });

  test.each([
    ['xpm', '2026-12-02T01:50:00Z', '2026-12-02T02:05:00.000Z', false],
    ['xpm', '2026-12-02T01:45:00Z', '2026-12-02T02:00:00.000Z', true],
    ['xpm', '2026-12-01T01:00:00Z', '2026-12-01T01:15:00.000Z', true],
    // Gusto ran at 06:00 today (Sydney): next is tomorrow's 06:00.
    ['gusto', '2026-12-01T19:00:05Z', '2026-12-02T19:00:00.000Z', false],
    // Gusto last ran yesterday afternoon: today's 06:00 has passed unrun, so it is due.
    ['gusto', '2026-11-30T23:00:00Z', '2026-12-01T19:00:00.000Z', true],
  ] as const)('%s last run %s → next %s (due: %s)', (app, last, expected, due) => {
    const input = { app, lastRunAt: at(last), now, timeZone: 'Australia/Sydney' };
    expect(nextScheduledRun(input).toISOString()).toBe(expected);
    expect(isScheduledRunDue(input)).toBe(due);
  });
});
