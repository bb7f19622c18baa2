import { describe, expect, it } from 'vitest';
import { dueWork, type ScheduleCandidate } from './due-work';

/** What the scheduler starts, as a pure function of the connections and their last runs. */
const NOW = new Date('2026-12-02T19:05:00Z'); // 06:05 on 3 Dec in Sydney (UTC+11)

function candidate(overrides: Partial<ScheduleCandidate>): ScheduleCandidate {
  return { practiceId: 'p1', connectionId: 'c1', app: 'gusto', timeZone: 'Australia/Sydney', inbound: true, lastRunAt: null, lastRefreshAt: null, ...overrides };
}

describe('dueWork', () => {
  it('an inbound source that never ran is due now', () => {
    expect(dueWork([candidate({})], NOW)).toEqual([{ kind: 'sync', practiceId: 'p1', app: 'gusto' }]);
  });

  it.each([
    ['Gusto last ran yesterday 06:00 Sydney: today’s 06:00 has passed', 'gusto', '2026-12-01T19:00:00Z', true],
    ['Gusto already ran at today’s 06:00 Sydney', 'gusto', '2026-12-02T19:00:30Z', false],
    ['Gusto ran at 05:00 Sydney today (a manual run): 06:00 is still due', 'gusto', '2026-12-02T18:00:00Z', true],
    ['XPM ran 16 minutes ago', 'xpm', '2026-12-02T18:49:00Z', true],
    ['XPM ran 15 minutes ago exactly', 'xpm', '2026-12-02T18:50:00Z', true],
    ['XPM ran 14 minutes ago', 'xpm', '2026-12-02T18:51:00Z', false],
  ] as const)('%s → due: %s', (_name, app, lastRunAt, due) => {
    expect(dueWork([candidate({ app, lastRunAt: new Date(lastRunAt) })], NOW)).toHaveLength(due ? 1 : 0);
  });

  it('applies each practice’s own time zone: 06:05 in Sydney is not yet 06:00 in London', () => {
    const lastRunAt = new Date('2026-12-01T19:00:00Z');
    const work = dueWork(
      [candidate({ practiceId: 'sydney', lastRunAt }), candidate({ practiceId: 'london', timeZone: 'Europe/London', lastRunAt: new Date('2026-12-02T06:00:00Z') })],
      NOW,
    );
    expect(work.map((w) => w.practiceId)).toEqual(['sydney']);
  });

  it('a connection that is not an inbound source refreshes its directory on the same schedule, by its last refresh', () => {
    const work = dueWork(
      [
        candidate({ connectionId: 'xpm-stale', app: 'xpm', inbound: false, lastRunAt: new Date('2026-12-02T19:00:00Z'), lastRefreshAt: new Date('2026-12-02T18:30:00Z') }),
        candidate({ connectionId: 'xpm-fresh', app: 'xpm', inbound: false, lastRefreshAt: new Date('2026-12-02T19:00:00Z') }),
        candidate({ connectionId: 'gusto-never', app: 'gusto', inbound: false, lastRefreshAt: null }),
      ],
      NOW,
    );
    expect(work).toEqual([
      { kind: 'refresh', practiceId: 'p1', connectionId: 'xpm-stale', app: 'xpm' },
      { kind: 'refresh', practiceId: 'p1', connectionId: 'gusto-never', app: 'gusto' },
    ]);
  });

  it('XPM set To XPM runs a push on the 15-minute schedule (by its last run), instead of a bare refresh', () => {
    const work = dueWork(
      [
        candidate({
          connectionId: 'xpm-push',
          app: 'xpm',
          inbound: false,
          pushes: true,
          lastRunAt: new Date('2026-12-02T18:49:00Z'),
          lastRefreshAt: new Date('2026-12-02T19:04:00Z'),
        }),
        candidate({ practiceId: 'p2', connectionId: 'xpm-pushed', app: 'xpm', inbound: false, pushes: true, lastRunAt: new Date('2026-12-02T18:55:00Z'), lastRefreshAt: null }),
      ],
      NOW,
    );
    expect(work).toEqual([{ kind: 'sync', practiceId: 'p1', app: 'xpm' }]);
  });
});
