import { describe, expect, test } from 'vitest';
import { CAPABILITIES } from './capabilities';
import { evaluateOptions } from './evaluate-options';
import { allStates, appSubsets, describeState, isValidState, state } from './test-states';
import type { AppId, ConnectionSettings } from './types';
import type { UnlockAction } from './unlock';

/**
 * The settings card for EVERY combination of connected apps × Sync data × direction
 * (issue 4's required unit test). Flags read: Sync data E C N, direction F T; upper case
 * = allowed, lower case = disabled. States with two sources cannot be reached (the rule
 * and the database forbid them) and are covered by the invariant tests instead.
 */
const TABLE: [stateSpec: string, card: AppId, syncData: string, direction: string][] = [
  // only XPM: everything is possible
  ['xpm=E/F', 'xpm', 'ECN', 'FT'],
  ['xpm=C/F', 'xpm', 'ECN', 'FT'],
  ['xpm=N/F', 'xpm', 'ECN', 'FT'],
  ['xpm=E/T', 'xpm', 'ECN', 'FT'],
  ['xpm=C/T', 'xpm', 'ECN', 'FT'],
  ['xpm=N/T', 'xpm', 'ECN', 'FT'],
  // only Gusto: To Gusto is never possible
  ['gusto=E/F', 'gusto', 'ECN', 'Ft'],
  ['gusto=C/F', 'gusto', 'ECN', 'Ft'],
  ['gusto=N/F', 'gusto', 'ECN', 'Ft'],
  // both; XPM is the source
  ['xpm=E/F gusto=N/F', 'xpm', 'ECN', 'FT'],
  ['xpm=E/F gusto=N/F', 'gusto', 'ecN', 'Ft'],
  ['xpm=C/F gusto=N/F', 'xpm', 'ECN', 'FT'],
  ['xpm=C/F gusto=N/F', 'gusto', 'ecN', 'Ft'],
  // both; Gusto is the source, XPM From XPM with Nothing
  ['xpm=N/F gusto=E/F', 'xpm', 'ecN', 'FT'],
  ['xpm=N/F gusto=E/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=N/F gusto=C/F', 'xpm', 'ecN', 'FT'],
  ['xpm=N/F gusto=C/F', 'gusto', 'ECN', 'Ft'],
  // both; Gusto is the source, XPM To XPM (the recommended setup and its variants)
  ['xpm=E/T gusto=E/F', 'xpm', 'ECN', 'fT'],
  ['xpm=E/T gusto=E/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=E/T gusto=C/F', 'xpm', 'ECN', 'fT'],
  ['xpm=E/T gusto=C/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=C/T gusto=E/F', 'xpm', 'ECN', 'fT'],
  ['xpm=C/T gusto=E/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=C/T gusto=C/F', 'xpm', 'ECN', 'fT'],
  ['xpm=C/T gusto=C/F', 'gusto', 'ECN', 'Ft'],
  // both; Gusto is the source, XPM sends Nothing: From XPM stays reachable (it would send nothing)
  ['xpm=N/T gusto=E/F', 'xpm', 'ECN', 'FT'],
  ['xpm=N/T gusto=E/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=N/T gusto=C/F', 'xpm', 'ECN', 'FT'],
  ['xpm=N/T gusto=C/F', 'gusto', 'ECN', 'Ft'],
  // both; no source at all
  ['xpm=N/F gusto=N/F', 'xpm', 'ECN', 'FT'],
  ['xpm=N/F gusto=N/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=E/T gusto=N/F', 'xpm', 'ECN', 'FT'],
  ['xpm=E/T gusto=N/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=C/T gusto=N/F', 'xpm', 'ECN', 'FT'],
  ['xpm=C/T gusto=N/F', 'gusto', 'ECN', 'Ft'],
  ['xpm=N/T gusto=N/F', 'xpm', 'ECN', 'FT'],
  ['xpm=N/T gusto=N/F', 'gusto', 'ECN', 'Ft'],
];

function flags(options: { value: string; allowed: boolean }[], letters: Record<string, string>): string {
  return options.map((o) => (o.allowed ? letters[o.value] : letters[o.value]?.toLowerCase())).join('');
}
const DATA_LETTERS = { everything: 'E', client_name: 'C', nothing: 'N' };
const DIRECTION_LETTERS = { from_app: 'F', to_app: 'T' };

describe('evaluateOptions: the allowed set for every reachable combination', () => {
  test('the table covers every valid state of every set of connected apps, for every card', () => {
    const covered = new Set(TABLE.map(([s, card]) => `${describeState(state(s))}|${card}`));
    const expected = new Set<string>();
    for (const apps of appSubsets(CAPABILITIES)) {
      for (const s of allStates(CAPABILITIES, apps).filter(isValidState)) {
        for (const card of apps) expected.add(`${describeState(s)}|${card}`);
      }
    }
    expect([...covered].sort()).toEqual([...expected].sort());
  });

  test.each(TABLE)('%s, %s card: Sync data %s, direction %s', (spec, card, dataFlags, directionFlags) => {
    const options = evaluateOptions(state(spec), card);
    expect(flags(options.syncData, DATA_LETTERS)).toBe(dataFlags);
    expect(flags(options.direction, DIRECTION_LETTERS)).toBe(directionFlags);
  });
});

/**
 * The reason and unlock actions of every disabled option. In a world of XPM and Gusto a
 * disabled option is one of these four kinds; each row says exactly what it shows.
 */
type Expected = { reason: string; unlock?: UnlockAction[] };
const setGustoNothing: UnlockAction = { kind: 'set_sync_data', app: 'gusto', value: 'nothing', label: "Set Gusto's Sync data to Nothing" };
const setXpmNothing: UnlockAction = { kind: 'set_sync_data', app: 'xpm', value: 'nothing', label: "Set XPM's Sync data to Nothing" };
const switchXpmTo: UnlockAction = { kind: 'set_direction', app: 'xpm', value: 'to_app', label: 'Switch XPM to To XPM' };
const makeXpm = (syncData?: 'everything' | 'client_name'): UnlockAction => ({
  kind: 'make_source',
  app: 'xpm',
  label: 'Make XPM the source instead',
  ...(syncData ? { syncData } : {}),
});
const makeGusto = (syncData: 'everything' | 'client_name'): UnlockAction => ({
  kind: 'make_source',
  app: 'gusto',
  label: 'Make Gusto the source instead',
  syncData,
});

function expectedFor(card: AppId, field: 'syncData' | 'direction', value: string): Expected {
  if (card === 'gusto' && field === 'direction' && value === 'to_app') {
    return { reason: 'Gusto can only send client data to Practice Sync.' };
  }
  if (card === 'xpm' && field === 'direction' && value === 'from_app') {
    return {
      reason: "Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead.",
      unlock: [setGustoNothing, makeXpm()],
    };
  }
  if (card === 'xpm' && field === 'syncData') {
    return {
      reason: "Gusto is your client source, and XPM is set to From XPM. Set Gusto's Sync data to Nothing, switch XPM to To XPM, or make XPM the source instead.",
      unlock: [setGustoNothing, switchXpmTo, makeXpm(value as 'everything' | 'client_name')],
    };
  }
  if (card === 'gusto' && field === 'syncData') {
    return {
      reason: "XPM is your client source. Set XPM's Sync data to Nothing, or make Gusto the source instead.",
      unlock: [setXpmNothing, makeGusto(value as 'everything' | 'client_name')],
    };
  }
  throw new Error(`no disabled option of this kind is expected: ${card} ${field} ${value}`);
}

describe('evaluateOptions: every disabled option explains itself', () => {
  const rows = TABLE.flatMap(([spec, card]) => {
    const options = evaluateOptions(state(spec), card);
    return [
      ...options.syncData.filter((o) => !o.allowed).map((o) => [spec, card, 'syncData', o.value] as const),
      ...options.direction.filter((o) => !o.allowed).map((o) => [spec, card, 'direction', o.value] as const),
    ];
  });

  test.each(rows)('%s, %s card, %s %s', (spec, card, field, value) => {
    const options = evaluateOptions(state(spec), card);
    const option = (field === 'syncData' ? options.syncData : options.direction).find((o) => o.value === value);
    const expected = expectedFor(card, field, value);
    expect(option?.reason).toBe(expected.reason);
    expect(option?.unlock).toEqual(expected.unlock);
    expect(option?.blockedBy).toBe(expected.unlock ? 'one_source' : 'capability');
  });

  test("the issue's example reads exactly as written", () => {
    const options = evaluateOptions(state('xpm=E/T gusto=E/F'), 'xpm');
    const fromXpm = options.direction.find((o) => o.value === 'from_app');
    expect(fromXpm?.label).toBe('From XPM');
    expect(fromXpm?.reason).toBe("Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead.");
    expect(fromXpm?.unlock?.map((u) => u.label)).toEqual(["Set Gusto's Sync data to Nothing", 'Make XPM the source instead']);
  });

  test('the same in reverse when XPM is the source', () => {
    const options = evaluateOptions(state('xpm=E/F gusto=N/F'), 'gusto');
    const everything = options.syncData.find((o) => o.value === 'everything');
    expect(everything?.reason).toBe("XPM is your client source. Set XPM's Sync data to Nothing, or make Gusto the source instead.");
    expect(everything?.unlock?.map((u) => u.label)).toEqual(["Set XPM's Sync data to Nothing", 'Make Gusto the source instead']);
  });
});

describe('evaluateOptions: what each option says it does', () => {
  test.each<[string, AppId, string, string]>([
    ['gusto=E/F', 'gusto', 'from_app', "From Gusto: Gusto's details overwrite the client's here, daily at 06:00."],
    ['gusto=C/F', 'gusto', 'from_app', "From Gusto: Gusto's client name overwrites the one here, daily at 06:00."],
    ['gusto=N/F', 'gusto', 'from_app', "From Gusto: nothing flows while Sync data is Nothing; then Gusto's data would overwrite the client's here, daily at 06:00."],
    ['gusto=E/F', 'gusto', 'to_app', 'To Gusto: not available.'],
    ['xpm=E/F', 'xpm', 'from_app', "From XPM: XPM's details overwrite the client's here, every 15 minutes."],
    ['xpm=E/T', 'xpm', 'to_app', "To XPM: the client's details here overwrite XPM's whenever they change."],
    ['xpm=C/T', 'xpm', 'to_app', "To XPM: the client's name here overwrites XPM's whenever they change."],
    ['xpm=N/T', 'xpm', 'to_app', "To XPM: nothing flows while Sync data is Nothing; then the client's data here would overwrite XPM's."],
  ])('%s, %s card, direction %s', (spec, card, value, description) => {
    expect(evaluateOptions(state(spec), card).direction.find((o) => o.value === value)?.description).toBe(description);
  });

  test.each<[string, AppId, string, string]>([
    ['gusto=E/F', 'gusto', 'everything', 'Everything: every mapped field and the contacts come from Gusto.'],
    ['gusto=E/F', 'gusto', 'client_name', "Client name: only the client's name comes from Gusto."],
    ['gusto=E/F', 'gusto', 'nothing', "Nothing: no client data flows; Gusto's companies still appear in the client picker and links are kept."],
    ['xpm=E/T', 'xpm', 'everything', 'Everything: every mapped field and the contacts go to XPM.'],
    ['xpm=E/T', 'xpm', 'client_name', "Client name: only the client's name goes to XPM."],
    ['xpm=E/T', 'xpm', 'nothing', "Nothing: no client data flows; XPM's clients still appear in the client picker and links are kept."],
  ])('%s, %s card, Sync data %s', (spec, card, value, description) => {
    expect(evaluateOptions(state(spec), card).syncData.find((o) => o.value === value)?.description).toBe(description);
  });

  test('labels, selection and the source are reported', () => {
    const options = evaluateOptions(state('xpm=E/T gusto=E/F'), 'gusto');
    expect(options.syncData.map((o) => o.label)).toEqual(['Everything', 'Client name', 'Nothing']);
    expect(options.direction.map((o) => o.label)).toEqual(['From Gusto', 'To Gusto']);
    expect(options.syncData.filter((o) => o.selected).map((o) => o.value)).toEqual(['everything']);
    expect(options.direction.filter((o) => o.selected).map((o) => o.value)).toEqual(['from_app']);
    expect(options).toMatchObject({ app: 'gusto', source: 'gusto', isSource: true, settings: { syncData: 'everything', direction: 'from_app' } });
    expect(evaluateOptions(state('xpm=E/T gusto=E/F'), 'xpm')).toMatchObject({ source: 'gusto', isSource: false });
    expect(evaluateOptions(state('xpm=N/T'), 'xpm')).toMatchObject({ source: null, isSource: false });
  });

  test('an unknown or unconnected app is a programming error', () => {
    expect(() => evaluateOptions(state('xpm=E/F'), 'gusto')).toThrow(/not connected/);
    expect(() => evaluateOptions(state('xpm=E/F') as ConnectionSettings[], 'nope' as AppId)).toThrow(/unknown app/);
  });
});
