import { describe, expect, it } from 'vitest';
import { dueWork, type ScheduleCandidate, type SettingsChange, settingsSaveThatStartedSync } from './due-work';

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

describe('settingsSaveThatStartedSync: the admin whose save started a due sync at once', () => {
  const at = (iso: string) => new Date(iso);
  const change = (field: SettingsChange['field'], before: string, after: string, iso: string, userId: string | null = 'admin-1'): SettingsChange => ({
    field,
    before,
    after,
    userId,
    at: at(iso),
  });
  const everythingFrom = { syncData: 'everything', direction: 'from_app' } as const;
  const base = { app: 'xpm' as const, timeZone: 'Australia/Sydney' };

  it.each([
    // A trial: From XPM turned on, the next tick's run read "Scheduled" with no one named.
    [
      'never run; an admin turned From XPM on',
      { current: everythingFrom, lastRunAt: null, changes: [change('sync_data', 'nothing', 'everything', '2026-12-02T10:00:00Z')] },
      'admin-1',
    ],
    [
      'last run long ago, before the app was turned off; turned on again',
      { current: everythingFrom, lastRunAt: at('2026-12-01T09:00:00Z'), changes: [change('sync_data', 'nothing', 'everything', '2026-12-02T10:00:00Z')] },
      'admin-1',
    ],
    // Gusto's daily run: turned on at 14:00 with its 06:00 passed since its last run: due at once.
    [
      'Gusto turned on after its 06:00 passed',
      { app: 'gusto' as const, current: everythingFrom, lastRunAt: at('2026-11-30T19:00:00Z'), changes: [change('sync_data', 'nothing', 'everything', '2026-12-02T03:00:00Z')] },
      'admin-1',
    ],
    // XPM To XPM turned to From XPM: it synced all along (a push), so the run is periodic.
    [
      'already syncing (To XPM), direction changed',
      { current: everythingFrom, lastRunAt: at('2026-12-02T09:50:00Z'), changes: [change('sync_direction', 'to_app', 'from_app', '2026-12-02T09:55:00Z')] },
      null,
    ],
    [
      'already syncing, Sync data narrowed',
      {
        current: { syncData: 'client_name', direction: 'from_app' } as const,
        lastRunAt: at('2026-12-02T09:50:00Z'),
        changes: [change('sync_data', 'everything', 'client_name', '2026-12-02T10:04:59Z')],
      },
      null,
    ],
    // Turned off and on again within the interval: the run that follows is the schedule's, due by its last run.
    [
      'off and on within the interval',
      {
        current: everythingFrom,
        lastRunAt: at('2026-12-02T10:00:00Z'),
        changes: [change('sync_data', 'everything', 'nothing', '2026-12-02T10:02:00Z'), change('sync_data', 'nothing', 'everything', '2026-12-02T10:05:00Z')],
      },
      null,
    ],
    [
      'turned on by the system, not a member',
      { current: everythingFrom, lastRunAt: null, changes: [change('sync_data', 'nothing', 'everything', '2026-12-02T10:00:00Z', null)] },
      null,
    ],
    // Turned on, then a later save that keeps it on: the member who turned it on started it.
    [
      'turned on, then narrowed by another admin',
      {
        current: { syncData: 'client_name', direction: 'from_app' } as const,
        lastRunAt: null,
        changes: [change('sync_data', 'nothing', 'everything', '2026-12-02T10:00:00Z'), change('sync_data', 'everything', 'client_name', '2026-12-02T10:00:30Z', 'admin-2')],
      },
      'admin-1',
    ],
    ['no settings change since the last run', { current: everythingFrom, lastRunAt: at('2026-12-02T09:00:00Z'), changes: [] }, null],
  ])('%s', (_, input, expected) => {
    expect(settingsSaveThatStartedSync({ ...base, ...input })).toBe(expected);
  });
});
