import { describe, expect, test } from 'vitest';
import { CAPABILITIES } from './capabilities';
import { planMakeSource } from './make-source';
import { allStates, describeState, isValidState, state } from './test-states';
import type { AppId } from './types';

/**
 * "Make <app> the source instead" for every reachable state with both apps connected.
 * Columns: start → state after making XPM the source → after making Gusto the source.
 * The old source turns To XPM when it is XPM (it can receive), or sends Nothing when it
 * is Gusto (it cannot); the new source keeps its Sync data unless that is Nothing.
 */
const TABLE: [start: string, makeXpm: string, makeGusto: string][] = [
  ['xpm=E/F gusto=N/F', 'xpm=E/F gusto=N/F', 'xpm=E/T gusto=E/F'],
  ['xpm=C/F gusto=N/F', 'xpm=C/F gusto=N/F', 'xpm=C/T gusto=E/F'],
  ['xpm=N/F gusto=E/F', 'xpm=E/F gusto=N/F', 'xpm=N/F gusto=E/F'],
  ['xpm=N/F gusto=C/F', 'xpm=E/F gusto=N/F', 'xpm=N/F gusto=C/F'],
  ['xpm=N/F gusto=N/F', 'xpm=E/F gusto=N/F', 'xpm=N/F gusto=E/F'],
  ['xpm=E/T gusto=E/F', 'xpm=E/F gusto=N/F', 'xpm=E/T gusto=E/F'],
  ['xpm=E/T gusto=C/F', 'xpm=E/F gusto=N/F', 'xpm=E/T gusto=C/F'],
  ['xpm=E/T gusto=N/F', 'xpm=E/F gusto=N/F', 'xpm=E/T gusto=E/F'],
  ['xpm=C/T gusto=E/F', 'xpm=C/F gusto=N/F', 'xpm=C/T gusto=E/F'],
  ['xpm=C/T gusto=C/F', 'xpm=C/F gusto=N/F', 'xpm=C/T gusto=C/F'],
  ['xpm=C/T gusto=N/F', 'xpm=C/F gusto=N/F', 'xpm=C/T gusto=E/F'],
  ['xpm=N/T gusto=E/F', 'xpm=E/F gusto=N/F', 'xpm=N/T gusto=E/F'],
  ['xpm=N/T gusto=C/F', 'xpm=E/F gusto=N/F', 'xpm=N/T gusto=C/F'],
  ['xpm=N/T gusto=N/F', 'xpm=E/F gusto=N/F', 'xpm=N/T gusto=E/F'],
];

describe('planMakeSource', () => {
  test('the table covers every reachable state with both apps', () => {
    const reachable = allStates(CAPABILITIES, ['xpm', 'gusto']).filter(isValidState).map(describeState);
    expect(TABLE.map(([s]) => s).sort()).toEqual(reachable.sort());
  });

  test.each(TABLE)('%s → make XPM: %s, make Gusto: %s', (start, xpmExpected, gustoExpected) => {
    for (const [app, expected] of [
      ['xpm', xpmExpected],
      ['gusto', gustoExpected],
    ] as [AppId, string][]) {
      const plan = planMakeSource(state(start), app);
      expect(plan.ok).toBe(true);
      if (!plan.ok) continue;
      expect(describeState(plan.next)).toBe(expected);
      // Every change is listed once, before → after, demotion first.
      const changed = state(start).filter((c, i) => JSON.stringify(c) !== JSON.stringify(plan.next[i]));
      expect(plan.changes.map((c) => c.app).sort()).toEqual(changed.map((c) => c.app).sort());
      if (plan.changes.length === 2) expect(plan.changes[1]?.app).toBe(app);
    }
  });

  test('the preview lists each field that changes', () => {
    const plan = planMakeSource(state('xpm=E/T gusto=E/F'), 'xpm');
    expect(plan).toMatchObject({
      ok: true,
      changes: [
        { app: 'gusto', before: { syncData: 'everything', direction: 'from_app' }, after: { syncData: 'nothing', direction: 'from_app' } },
        { app: 'xpm', before: { syncData: 'everything', direction: 'to_app' }, after: { syncData: 'everything', direction: 'from_app' } },
      ],
      fieldChanges: [
        { app: 'gusto', field: 'syncData', before: 'everything', after: 'nothing' },
        { app: 'xpm', field: 'direction', before: 'to_app', after: 'from_app' },
      ],
    });
  });

  test('the new source can be told what to send', () => {
    const plan = planMakeSource(state('xpm=N/T gusto=E/F'), 'xpm', { syncData: 'client_name' });
    expect(plan.ok && describeState(plan.next)).toBe('xpm=C/F gusto=N/F');
  });

  test('already the source: nothing to do', () => {
    expect(planMakeSource(state('xpm=E/T gusto=E/F'), 'gusto')).toEqual({
      ok: true,
      changes: [],
      fieldChanges: [],
      next: state('xpm=E/T gusto=E/F'),
    });
  });

  test.each([
    ['xpm=E/F', 'gusto', 'not_connected', 'Connect Gusto before changing its sync settings.'],
    ['xpm=E/F', 'qbo', 'unknown_app', '"qbo" is not an app Practice Sync can connect to.'],
  ])('%s, make %s: %s', (spec, app, code, reason) => {
    expect(planMakeSource(state(spec), app as AppId)).toEqual({ ok: false, code, reason });
  });

  test('an app that cannot send cannot be the source', () => {
    const caps = { ...CAPABILITIES, qbo: { label: 'QuickBooks Online', shortLabel: 'QuickBooks', directions: ['to_app'] as const, fromSchedule: '' } };
    expect(planMakeSource([{ app: 'qbo', syncData: 'nothing', direction: 'to_app' }], 'qbo', {}, caps)).toEqual({
      ok: false,
      code: 'unsupported_direction',
      reason: 'QuickBooks can only receive client data from Practice Sync.',
    });
  });

  test('repairs stored data that somehow holds two sources', () => {
    const plan = planMakeSource(state('xpm=E/F gusto=C/F'), 'xpm');
    expect(plan.ok && describeState(plan.next)).toBe('xpm=E/F gusto=N/F');
  });
});
