import { describe, expect, test } from 'vitest';
import { nextRunFor } from './next-run';

const SYDNEY = 'Australia/Sydney';
const now = new Date('2026-12-02T03:00:00Z'); // 2 Dec 2026, 2:00 pm AEDT
const source = { syncData: 'everything', direction: 'from_app' } as const;

describe('the next scheduled run the card and Dashboard show', () => {
  test('From Gusto: the first 06:00 practice time after the last run', () => {
    const lastRunStartedAt = new Date('2026-12-01T19:00:00Z'); // 2 Dec, 6:00 am AEDT
    expect(nextRunFor({ app: 'gusto', settings: source, lastRunStartedAt, now, timeZone: SYDNEY })).toEqual({
      at: new Date('2026-12-02T19:00:00Z'), // 3 Dec, 6:00 am AEDT
      due: false,
    });
  });
  test('From XPM: 15 minutes after the last run', () => {
    const lastRunStartedAt = new Date('2026-12-02T02:55:00Z');
    expect(nextRunFor({ app: 'xpm', settings: source, lastRunStartedAt, now, timeZone: SYDNEY })).toEqual({ at: new Date('2026-12-02T03:10:00Z'), due: false });
  });
  test('a run that is overdue (or never ran) is due now', () => {
    expect(nextRunFor({ app: 'gusto', settings: source, lastRunStartedAt: null, now, timeZone: SYDNEY })).toEqual({ at: now, due: true });
    expect(nextRunFor({ app: 'xpm', settings: source, lastRunStartedAt: new Date('2026-12-02T01:00:00Z'), now, timeZone: SYDNEY })?.due).toBe(true);
  });
  test.each([[{ syncData: 'nothing', direction: 'from_app' }], [{ syncData: 'everything', direction: 'to_app' }]] as const)(
    'an app that is not an inbound source (%o) has no scheduled sync run',
    (settings) => {
      expect(nextRunFor({ app: 'xpm', settings, lastRunStartedAt: null, now, timeZone: SYDNEY })).toBeNull();
    },
  );
});
