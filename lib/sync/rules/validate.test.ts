import { describe, expect, test } from 'vitest';
import { isInboundSource } from './source';
import { state } from './test-states';
import type { AppChange, ConnectionSettings, SettingsChange } from './types';
import { orderForApply, validateChange, validateChangeSet } from './validate';

describe('isInboundSource', () => {
  test.each([
    ['everything', 'from_app', true],
    ['client_name', 'from_app', true],
    ['nothing', 'from_app', false],
    ['everything', 'to_app', false],
    ['client_name', 'to_app', false],
    ['nothing', 'to_app', false],
  ] as const)('%s / %s → %s', (syncData, direction, expected) => {
    expect(isInboundSource({ syncData, direction })).toBe(expected);
  });
});

describe('validateChange', () => {
  test.each<[string, string, SettingsChange<string>, string]>([
    ['xpm=E/T gusto=E/F', 'From XPM while Gusto is the source', { app: 'xpm', direction: 'from_app' }, 'xpm=E/F gusto=E/F'],
    ['xpm=E/F gusto=N/F', 'Gusto sends anything while XPM is the source', { app: 'gusto', syncData: 'everything' }, ''],
    ['xpm=N/F gusto=E/F', 'XPM sends its name while From XPM and Gusto is the source', { app: 'xpm', syncData: 'client_name' }, ''],
    ['xpm=N/F gusto=E/F', 'XPM sends and turns From at once', { app: 'xpm', syncData: 'everything', direction: 'from_app' }, ''],
  ])('%s: refuses %s (second source)', (spec, _name, change) => {
    const result = validateChange(state(spec), change as SettingsChange);
    expect(result).toMatchObject({ ok: false, code: 'second_source' });
    if (!result.ok) expect(result.reason).toMatch(/is your client source\. Set .+'s Sync data to Nothing, or make .+ the source instead\.$/);
  });

  test('the refusal names the source and the way out', () => {
    expect(validateChange(state('xpm=E/T gusto=E/F'), { app: 'xpm', direction: 'from_app' })).toEqual({
      ok: false,
      code: 'second_source',
      reason: "Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead.",
    });
  });

  test.each<[string, string, Record<string, unknown>, string, string]>([
    ['xpm=E/F', 'an unknown app', { app: 'qbo', syncData: 'nothing' }, 'unknown_app', '"qbo" is not an app Practice Sync can connect to.'],
    ['xpm=E/F', 'an inherited property name as app', { app: 'toString', syncData: 'nothing' }, 'unknown_app', '"toString" is not an app Practice Sync can connect to.'],
    ['xpm=E/F', 'an app that is not connected', { app: 'gusto', syncData: 'nothing' }, 'not_connected', 'Connect Gusto before changing its sync settings.'],
    ['gusto=E/F', 'To Gusto', { app: 'gusto', direction: 'to_app' }, 'unsupported_direction', 'Gusto can only send client data to Practice Sync.'],
    ['xpm=E/F', 'an unknown sync data value', { app: 'xpm', syncData: 'all' }, 'invalid_sync_data', 'Sync data must be Everything, Client name or Nothing.'],
    ['xpm=E/F', 'an unknown direction', { app: 'xpm', direction: 'sideways' }, 'invalid_direction', 'Sync direction must be from the app or to the app.'],
  ])('%s: refuses %s', (spec, _name, change, code, reason) => {
    expect(validateChange(state(spec), change as unknown as SettingsChange)).toEqual({ ok: false, code, reason });
  });

  test.each<[string, SettingsChange, string]>([
    ['xpm=E/T gusto=E/F', { app: 'xpm', syncData: 'client_name' }, 'xpm=C/T gusto=E/F'],
    ['xpm=E/T gusto=E/F', { app: 'gusto', syncData: 'nothing' }, 'xpm=E/T gusto=N/F'],
    ['xpm=E/T gusto=N/F', { app: 'xpm', direction: 'from_app' }, 'xpm=E/F gusto=N/F'],
    ['xpm=N/T gusto=E/F', { app: 'xpm', direction: 'from_app' }, 'xpm=N/F gusto=E/F'],
    ['xpm=E/F gusto=N/F', { app: 'xpm', syncData: 'client_name' }, 'xpm=C/F gusto=N/F'],
    ['xpm=E/T gusto=E/F', { app: 'xpm' }, 'xpm=E/T gusto=E/F'],
  ])('%s: allows %j', (spec, change, expected) => {
    expect(validateChange(state(spec), change)).toEqual({ ok: true, next: state(expected) });
  });

  test('saving what is stored is allowed, even in a state that already breaks the rule', () => {
    const corrupt = state('xpm=E/F gusto=E/F');
    expect(validateChange(corrupt, { app: 'xpm', syncData: 'everything' })).toEqual({ ok: true, next: corrupt });
    // …and stopping one of the sources repairs it.
    expect(validateChange(corrupt, { app: 'xpm', direction: 'to_app' })).toEqual({ ok: true, next: state('xpm=E/T gusto=E/F') });
  });

  test('does not mutate its input', () => {
    const connections = state('xpm=E/T gusto=E/F');
    const copy = structuredClone(connections);
    validateChange(connections, { app: 'xpm', syncData: 'nothing' });
    expect(connections).toEqual(copy);
  });
});

describe('validateChangeSet', () => {
  test('the recommended setup from XPM-as-source: Gusto is promoted after XPM is demoted', () => {
    const result = validateChangeSet(state('xpm=E/F gusto=N/F'), [
      { app: 'gusto', syncData: 'everything', direction: 'from_app' },
      { app: 'xpm', syncData: 'everything', direction: 'to_app' },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.next).toEqual(state('xpm=E/T gusto=E/F'));
    expect(result.changes.map((c) => c.app)).toEqual(['xpm', 'gusto']); // demotion written first
    expect(result.fieldChanges).toEqual([
      { app: 'xpm', field: 'direction', before: 'from_app', after: 'to_app' },
      { app: 'gusto', field: 'syncData', before: 'nothing', after: 'everything' },
    ]);
  });

  test('refuses a set that ends with two sources, naming the promoted app', () => {
    expect(validateChangeSet(state('xpm=E/T gusto=E/F'), [{ app: 'xpm', direction: 'from_app' }])).toEqual({
      ok: false,
      code: 'second_source',
      reason: "Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead.",
      app: 'xpm',
    });
  });

  test('refuses a set with an invalid member, naming it', () => {
    expect(
      validateChangeSet(state('xpm=E/F gusto=N/F'), [
        { app: 'xpm', direction: 'to_app' },
        { app: 'gusto', direction: 'to_app' },
      ]),
    ).toEqual({ ok: false, code: 'unsupported_direction', reason: 'Gusto can only send client data to Practice Sync.', app: 'gusto' });
  });

  test('an empty or no-op set changes nothing', () => {
    const connections = state('xpm=E/T gusto=E/F');
    expect(validateChangeSet(connections, [])).toEqual({ ok: true, next: connections, changes: [], fieldChanges: [] });
    expect(validateChangeSet(connections, [{ app: 'xpm', syncData: 'everything' }])).toEqual({
      ok: true,
      next: connections,
      changes: [],
      fieldChanges: [],
    });
  });
});

describe('orderForApply', () => {
  const change = (app: string, before: string, after: string): AppChange<string> => {
    const [b] = state<string>(`${app}=${before}`);
    const [a] = state<string>(`${app}=${after}`);
    return { app, before: b as ConnectionSettings<string>, after: a as ConnectionSettings<string> };
  };
  test('demotions, then neutral changes, then promotions; stable within each', () => {
    const promote = change('a', 'N/F', 'E/F');
    const neutral1 = change('b', 'E/T', 'C/T');
    const demote = change('c', 'E/F', 'E/T');
    const neutral2 = change('d', 'E/F', 'C/F');
    expect(orderForApply([promote, neutral1, demote, neutral2]).map((c) => c.app)).toEqual(['c', 'b', 'd', 'a']);
  });
});
