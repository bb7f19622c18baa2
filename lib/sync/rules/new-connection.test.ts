import { describe, expect, test } from 'vitest';
import { CAPABILITIES, type CapabilitiesTable } from './capabilities';
import { safeDefaultsForNewConnection } from './new-connection';
import { allStates, appSubsets, describeState, isValidState, state } from './test-states';
import type { AppId } from './types';
import { validateChangeSet } from './validate';

describe('safeDefaultsForNewConnection', () => {
  test.each<[string, AppId, string, string]>([
    ['', 'xpm', 'xpm=N/F', 'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup to make it the client source.'],
    [
      '',
      'gusto',
      'gusto=N/F',
      'Gusto starts with Sync data Nothing and From Gusto, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
    ],
    ['gusto=E/F', 'xpm', 'xpm=N/T', 'XPM starts with Sync data Nothing and To XPM, because Gusto is your client source: nothing is sent or overwritten until you choose.'],
    [
      'gusto=N/F',
      'xpm',
      'xpm=N/F',
      'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
    ],
    [
      'xpm=E/F',
      'gusto',
      'gusto=N/F',
      'Gusto starts with Sync data Nothing and From Gusto, so nothing is overwritten until you choose; XPM stays your client source unless you make Gusto the source instead.',
    ],
    [
      'xpm=E/T',
      'gusto',
      'gusto=N/F',
      'Gusto starts with Sync data Nothing and From Gusto, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
    ],
    // Reconnecting the old source: its own stale row never counts, and it does not become the source again.
    [
      'xpm=E/T gusto=E/F',
      'gusto',
      'gusto=N/F',
      'Gusto starts with Sync data Nothing and From Gusto, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
    ],
    [
      'xpm=E/F gusto=N/F',
      'xpm',
      'xpm=N/F',
      'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
    ],
  ])('existing %j, connecting %s → %s', (existing, app, expected, explanation) => {
    const defaults = safeDefaultsForNewConnection(state(existing), app);
    expect(describeState([defaults.settings])).toBe(expected);
    expect(defaults.explanation).toBe(explanation);
  });

  test('never breaks the rule and never sends data, whatever is already connected', () => {
    for (const apps of appSubsets(CAPABILITIES)) {
      for (const app of ['xpm', 'gusto'] as AppId[]) {
        for (const existing of allStates(CAPABILITIES, apps).filter(isValidState)) {
          const { settings } = safeDefaultsForNewConnection(existing, app);
          expect(settings.syncData).toBe('nothing');
          expect(CAPABILITIES[app].directions).toContain(settings.direction);
          const others = existing.filter((c) => c.app !== app);
          expect(isValidState([...others, settings]), describeState(existing)).toBe(true);
          // It is a valid change from the state with its old row, too.
          const withRow = existing.some((c) => c.app === app) ? existing : [...existing, settings];
          expect(validateChangeSet(withRow, [{ app, syncData: settings.syncData, direction: settings.direction }]).ok).toBe(true);
        }
      }
    }
  });

  test('a to-only app starts To <app>', () => {
    const caps: CapabilitiesTable<AppId | 'qbo'> = {
      ...CAPABILITIES,
      qbo: { label: 'QuickBooks Online', shortLabel: 'QuickBooks', directions: ['to_app'], fromSchedule: '' },
    };
    const defaults = safeDefaultsForNewConnection<AppId | 'qbo'>([], 'qbo', caps);
    expect(defaults.settings).toEqual({ app: 'qbo', syncData: 'nothing', direction: 'to_app' });
    expect(defaults.explanation).toBe('QuickBooks starts with Sync data Nothing and To QuickBooks, so nothing is sent until you choose; see Recommended setup.');
  });
});
