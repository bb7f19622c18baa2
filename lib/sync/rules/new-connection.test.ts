import { describe, expect, test } from 'vitest';
import { CAPABILITIES, type CapabilitiesTable } from './capabilities';
import { directionLabel, syncDataLabel } from './messages';
import { safeDefaultsForNewConnection, startingSettingsNote } from './new-connection';
import { recommendedPreset } from './preset';
import { findSource } from './source';
import { allStates, appSubsets, describeState, isValidState, state } from './test-states';
import type { AppId, ConnectionSettings } from './types';
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
    // Gusto is connected but not the source: XPM sends nothing, and the note points to the setup that makes Gusto the source.
    [
      'gusto=N/F',
      'xpm',
      'xpm=N/F',
      'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup, which makes Gusto the client source.',
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
      'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup, which makes Gusto the client source.',
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

/**
 * What a shown note claims, checked against the state it is shown in: its settings are the app's
 * now, and every app it names as the source (now, or in the Recommended setup) is that source.
 */
function expectNoteTrue(connections: readonly ConnectionSettings[], app: AppId, note: string) {
  const context = `${describeState(connections)}, ${app}: ${note}`;
  const mine = connections.find((c) => c.app === app)!;
  const name = CAPABILITIES[app].shortLabel;
  const nameOf = (a: AppId | null) => (a === null ? null : CAPABILITIES[a].shortLabel);
  const recommended = nameOf(recommendedPreset(connections.map((c) => c.app)).source);
  const current = nameOf(findSource(connections));
  expect(note.startsWith(`${name} starts with Sync data ${syncDataLabel(mine.syncData)} and ${directionLabel(CAPABILITIES, app, mine.direction)}`), context).toBe(true);
  if (note.includes('to make it the client source')) expect(recommended, context).toBe(name);
  const recommends = /which makes (\w+) the client source/.exec(note);
  if (recommends) expect(recommends[1], context).toBe(recommended);
  const because = /because (\w+) is your client source/.exec(note);
  if (because) expect(because[1], context).toBe(current);
  const stays = /(\w+) stays your client source/.exec(note);
  if (stays) expect(stays[1], context).toBe(current);
  // Every note says which of these it rests on.
  expect(Boolean(note.includes('to make it the client source') || recommends || because || stays || note.endsWith('see Recommended setup.')), context).toBe(true);
}

/** Every valid settings an app could be given, beside the others' settings. */
function choicesFor(others: readonly ConnectionSettings[], app: AppId): ConnectionSettings[] {
  return allStates(CAPABILITIES, [app])
    .map(([s]) => s!)
    .filter((s) => isValidState([...others, s]));
}

describe('startingSettingsNote: the card never contradicts the Recommended setup', () => {
  const xpmSecond = 'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup, which makes Gusto the client source.';
  const gustoSource = 'Gusto starts with Sync data Nothing and From Gusto, so nothing is overwritten until you choose; see Recommended setup to make it the client source.';

  // The trial: XPM connected alone was told it would become the source; once Gusto connects, the setup makes Gusto the source.
  test.each<[AppId, AppId]>([
    ['xpm', 'gusto'],
    ['gusto', 'xpm'],
  ])('connected %s then %s, settings untouched: each card agrees with the setup (Gusto the source)', (first, second) => {
    const firstSettings = safeDefaultsForNewConnection([], first).settings;
    const secondSettings = safeDefaultsForNewConnection([firstSettings], second).settings;
    const connections = [firstSettings, secondSettings];
    expect(recommendedPreset(connections.map((c) => c.app)).source).toBe('gusto');
    expect(startingSettingsNote(connections, 'xpm', true)).toBe(xpmSecond);
    expect(startingSettingsNote(connections, 'gusto', true)).toBe(gustoSource);
  });

  test('XPM alone: its note points to the setup that makes it the source, as the panel does', () => {
    expect(startingSettingsNote(state('xpm=N/F'), 'xpm', true)).toBe(
      'XPM starts with Sync data Nothing and From XPM, so nothing is overwritten until you choose; see Recommended setup to make it the client source.',
    );
    expect(recommendedPreset(['xpm']).source).toBe('xpm');
  });

  test('settings an admin chose have no note, even if they equal the defaults', () => {
    expect(startingSettingsNote(state('xpm=N/F gusto=N/F'), 'xpm', false)).toBeNull();
    expect(startingSettingsNote(state('xpm=N/F'), 'xpm', false)).toBeNull();
  });

  test('once another app becomes the source, an untouched From XPM has no note (it would now start To XPM)', () => {
    expect(startingSettingsNote(state('xpm=N/F gusto=E/F'), 'xpm', true)).toBeNull();
  });

  test('once the source stops being the source, "because Gusto is your client source" goes', () => {
    expect(startingSettingsNote(state('gusto=E/F xpm=N/T'), 'xpm', true)).toBe(
      'XPM starts with Sync data Nothing and To XPM, because Gusto is your client source: nothing is sent or overwritten until you choose.',
    );
    expect(startingSettingsNote(state('gusto=N/F xpm=N/T'), 'xpm', true)).toBeNull();
    // Gusto disconnected: alone, XPM would start From XPM.
    expect(startingSettingsNote(state('xpm=N/T'), 'xpm', true)).toBeNull();
  });

  test('an app that is not connected has no note', () => {
    expect(startingSettingsNote(state('gusto=N/F'), 'xpm', true)).toBeNull();
  });

  test('every state, every app, touched or not: a note is shown only untouched, and then everything it says is true', () => {
    let shown = 0;
    for (const apps of appSubsets(CAPABILITIES)) {
      for (const connections of allStates(CAPABILITIES, apps).filter(isValidState)) {
        for (const app of apps) {
          expect(startingSettingsNote(connections, app, false)).toBeNull();
          const note = startingSettingsNote(connections, app, true);
          if (note === null) continue;
          shown++;
          expectNoteTrue(connections, app, note);
        }
      }
    }
    expect(shown).toBeGreaterThan(3);
  });

  test('both orders, the first app changed or not before the second connects, either changed after: no card contradicts', () => {
    for (const [first, second] of [
      ['xpm', 'gusto'],
      ['gusto', 'xpm'],
    ] as const) {
      const firstDefaults = safeDefaultsForNewConnection([], first).settings;
      // The first app untouched, or given any settings an admin could choose.
      for (const firstNow of choicesFor([], first)) {
        const firstUntouched = firstNow.syncData === firstDefaults.syncData && firstNow.direction === firstDefaults.direction;
        for (const firstTouched of firstUntouched ? [false, true] : [true]) {
          const secondDefaults = safeDefaultsForNewConnection([firstNow], second).settings;
          // Then the second app untouched, or changed by an admin.
          for (const secondNow of [secondDefaults, ...choicesFor([firstNow], second)]) {
            const secondTouched = secondNow !== secondDefaults;
            const connections = [firstNow, secondNow];
            if (!isValidState(connections)) continue;
            for (const [app, touched] of [
              [first, firstTouched],
              [second, secondTouched],
            ] as const) {
              const note = startingSettingsNote(connections, app, !touched);
              if (touched) expect(note).toBeNull();
              if (note !== null) expectNoteTrue(connections, app, note);
            }
            // The second app, just connected and untouched, always explains itself.
            if (!secondTouched) expect(startingSettingsNote(connections, second, true), describeState(connections)).not.toBeNull();
          }
        }
      }
    }
  });
});
