import { describe, expect, test } from 'vitest';
import { CAPABILITIES, type CapabilitiesTable } from './capabilities';
import { diffFromPreset, recommendedPreset } from './preset';
import { allStates, describeState, isValidState, state } from './test-states';
import type { AppId } from './types';
import { validateChangeSet } from './validate';

describe('recommendedPreset, for each set of connected apps', () => {
  test.each<[AppId[], string, AppId | null, string]>([
    [[], '', null, 'Connect XPM or Gusto to get a recommended setup.'],
    [
      ['xpm'],
      'xpm=E/F',
      'xpm',
      'XPM is your only connected app, so the recommended setup makes it the client source: its client details then flow into Practice Sync every 15 minutes.',
    ],
    [
      ['gusto'],
      'gusto=E/F',
      'gusto',
      'Gusto is your only connected app, so the recommended setup makes it the client source: its client details then flow into Practice Sync daily at 06:00.',
    ],
    [
      ['xpm', 'gusto'],
      'xpm=E/T gusto=E/F',
      'gusto',
      "Gusto holds each company's registered name, EIN and payroll contacts, so the recommended setup makes Gusto the client source and has Practice Sync keep XPM up to date.",
    ],
    [
      ['gusto', 'xpm', 'gusto'],
      'xpm=E/T gusto=E/F',
      'gusto',
      "Gusto holds each company's registered name, EIN and payroll contacts, so the recommended setup makes Gusto the client source and has Practice Sync keep XPM up to date.",
    ],
  ])('%j → %s', (apps, settings, source, why) => {
    const preset = recommendedPreset(apps);
    expect(describeState(preset.settings)).toBe(settings || '(none)');
    expect(preset.source).toBe(source);
    expect(preset.why).toBe(why);
  });

  test('a preset never breaks the rule', () => {
    for (const apps of [['xpm'], ['gusto'], ['xpm', 'gusto']] as AppId[][]) {
      expect(isValidState(recommendedPreset(apps).settings)).toBe(true);
    }
  });

  test('with a wider table: the highest-priority sender is the source, receivers get Everything, other senders Nothing', () => {
    type Wide = AppId | 'qbo' | 'karbon';
    const wide: CapabilitiesTable<Wide> = {
      ...CAPABILITIES,
      qbo: { label: 'QuickBooks Online', shortLabel: 'QuickBooks', directions: ['to_app'], fromSchedule: '' },
      karbon: { label: 'Karbon', shortLabel: 'Karbon', directions: ['from_app'], fromSchedule: 'hourly' },
    };
    const all = recommendedPreset<Wide>(['karbon', 'qbo', 'gusto', 'xpm'], wide);
    expect(describeState(all.settings)).toBe('xpm=E/T gusto=E/F qbo=E/T karbon=N/F');
    expect(all.why).toBe(
      "Gusto holds each company's registered name, EIN and payroll contacts, so the recommended setup makes Gusto the client source and has Practice Sync keep XPM and QuickBooks up to date, while Karbon sends nothing because only one app can be the source.",
    );
    const qboOnly = recommendedPreset<Wide>(['qbo'], wide);
    expect(describeState(qboOnly.settings)).toBe('qbo=E/T');
    expect(qboOnly.source).toBeNull();
    expect(qboOnly.why).toBe('In the recommended setup, Practice Sync is the source of client details and keeps QuickBooks up to date.');
    // No priority anywhere: the first sender in table order is chosen.
    expect(recommendedPreset<Wide>(['karbon', 'qbo'], wide).source).toBe('karbon');
  });
});

describe('diffFromPreset', () => {
  test('current settings that match', () => {
    const current = state('xpm=E/T gusto=E/F');
    expect(diffFromPreset(current, recommendedPreset(['xpm', 'gusto']))).toEqual({ matches: true, changes: [], appChanges: [], next: current });
  });

  test('lists each differing field, demotions first, and what everything becomes', () => {
    const diff = diffFromPreset(state('xpm=E/F gusto=N/F'), recommendedPreset(['xpm', 'gusto']));
    expect(diff.matches).toBe(false);
    expect(diff.changes).toEqual([
      { app: 'xpm', field: 'direction', before: 'from_app', after: 'to_app' },
      { app: 'gusto', field: 'syncData', before: 'nothing', after: 'everything' },
    ]);
    expect(diff.appChanges.map((c) => c.app)).toEqual(['xpm', 'gusto']);
    expect(describeState(diff.next)).toBe('xpm=E/T gusto=E/F');
  });

  test('accepts the preset settings as a plain list', () => {
    const diff = diffFromPreset(state('xpm=N/T'), state('xpm=E/F'));
    expect(diff.changes).toEqual([
      { app: 'xpm', field: 'syncData', before: 'nothing', after: 'everything' },
      { app: 'xpm', field: 'direction', before: 'to_app', after: 'from_app' },
    ]);
  });

  test('connections the preset does not mention are left alone', () => {
    const diff = diffFromPreset(state('xpm=C/T gusto=E/F'), state('gusto=E/F'));
    expect(diff).toMatchObject({ matches: true, changes: [] });
  });

  test('from every reachable state, applying the preset is one valid change set', () => {
    for (const apps of [['xpm'], ['gusto'], ['xpm', 'gusto']] as AppId[][]) {
      const preset = recommendedPreset(apps);
      for (const current of allStates(CAPABILITIES, apps).filter(isValidState)) {
        const diff = diffFromPreset(current, preset);
        const result = validateChangeSet(
          current,
          diff.appChanges.map(({ app, after }) => ({ app, syncData: after.syncData, direction: after.direction })),
        );
        expect(result.ok, describeState(current)).toBe(true);
        if (result.ok) {
          expect(result.next).toEqual(preset.settings.length ? diff.next : current);
          expect(result.changes).toEqual(diff.appChanges);
        }
        expect(diff.matches).toBe(describeState(current) === describeState(preset.settings));
      }
    }
  });
});
