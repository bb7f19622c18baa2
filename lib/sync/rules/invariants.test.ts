import { describe, expect, test } from 'vitest';
import { CAPABILITIES, type CapabilitiesTable } from './capabilities';
import { evaluateOptions } from './evaluate-options';
import { planMakeSource } from './make-source';
import { findSource } from './source';
import { allStates, appSubsets, describeState, isValidState, sourceCount } from './test-states';
import type { ConnectionSettings, SettingsChange } from './types';
import { applyUnlock } from './unlock';
import { validateChange } from './validate';

/**
 * The guarantees issue 4 asks for, checked by brute force over every combination, for
 * today's apps AND for a wider table with a to-only app (QuickBooks Online) and a
 * both-ways app (Karbon), to show the rules need no new branches for new apps:
 *
 * 1. the page and the server agree: an option is allowed exactly when validateChange accepts it;
 * 2. from a valid state, no allowed single change yields two sources;
 * 3. every disabled option has a reason; every one disabled by the one-source rule has at
 *    least one unlock action, each unlock is itself allowed, keeps one source at most, and
 *    after it the option is allowed;
 * 4. the selected options are always allowed (saving what is stored never fails).
 */
type Wide = 'xpm' | 'gusto' | 'qbo' | 'karbon';
const WIDE: CapabilitiesTable<Wide> = {
  ...CAPABILITIES,
  qbo: { label: 'QuickBooks Online', shortLabel: 'QuickBooks', directions: ['to_app'], fromSchedule: 'never' },
  karbon: { label: 'Karbon', shortLabel: 'Karbon', directions: ['from_app', 'to_app'], fromSchedule: 'every hour' },
};

function scenarios<A extends string>(caps: CapabilitiesTable<A>) {
  return appSubsets(caps).flatMap((apps) => allStates(caps, apps).flatMap((s) => apps.map((card) => ({ state: s, card }))));
}

function check<A extends string>(caps: CapabilitiesTable<A>, connections: ConnectionSettings<A>[], card: A): void {
  const where = `${describeState(connections)} · ${card}`;
  const options = evaluateOptions(connections, card, caps);
  const all = [
    ...options.syncData.map((o) => ({ o, change: { app: card, syncData: o.value } as SettingsChange<A> })),
    ...options.direction.map((o) => ({ o, change: { app: card, direction: o.value } as SettingsChange<A> })),
  ];
  for (const { o, change } of all) {
    const label = `${where} · ${o.label}`;
    const result = validateChange(connections, change, caps);
    expect(result.ok, `${label}: page and server agree`).toBe(o.allowed);
    if (o.selected) expect(o.allowed, `${label}: selected is allowed`).toBe(true);

    if (o.allowed) {
      if (result.ok && isValidState(connections)) expect(sourceCount(result.next), `${label}: one source`).toBeLessThanOrEqual(1);
      expect(o.reason).toBeUndefined();
      expect(o.unlock).toBeUndefined();
      continue;
    }

    expect(o.reason, `${label}: has a reason`).toMatch(/\S/);
    if (o.blockedBy === 'capability') {
      expect(o.unlock).toBeUndefined();
      continue;
    }
    expect(o.blockedBy).toBe('one_source');
    expect(o.unlock?.length, `${label}: has an unlock`).toBeGreaterThan(0);
    let someUnlockWorks = false;
    for (const action of o.unlock ?? []) {
      const applied = applyUnlock(connections, action, caps);
      expect(applied.ok, `${label}: unlock "${action.label}" is allowed`).toBe(true);
      if (!applied.ok) continue;
      if (isValidState(connections)) expect(sourceCount(applied.next)).toBeLessThanOrEqual(1);
      const after = validateChange(applied.next, change, caps);
      // From a valid state every unlock works; from a corrupt one (two sources already)
      // at least one must (switching the source fixes everything at once).
      if (isValidState(connections)) expect(after.ok, `${label}: "${action.label}" unlocks it`).toBe(true);
      someUnlockWorks ||= after.ok;
    }
    expect(someUnlockWorks, `${label}: some unlock works`).toBe(true);
  }
}

describe.each([
  ['XPM and Gusto', CAPABILITIES as CapabilitiesTable<string>],
  ['XPM, Gusto, QuickBooks Online (to only) and Karbon', WIDE as CapabilitiesTable<string>],
])('every combination, %s', (_name, caps) => {
  const all = scenarios(caps);

  test(`covers ${all.length} card states`, () => {
    expect(all.length).toBeGreaterThan(0);
  });

  test('page/server agreement, one source, reasons and unlocks', () => {
    for (const { state, card } of all) check(caps, state, card);
  });

  test('switching the source is always possible in one step for an app that can send', () => {
    for (const { state, card } of all) {
      const plan = planMakeSource(state, card, {}, caps);
      if (!caps[card]?.directions.includes('from_app')) {
        expect(plan.ok).toBe(false);
        continue;
      }
      expect(plan.ok).toBe(true);
      if (!plan.ok) continue;
      expect(findSource(plan.next)).toBe(card);
      expect(sourceCount(plan.next)).toBe(1);
      // Written in the plan's order, no intermediate state holds two sources.
      let current = state;
      for (const change of plan.changes) {
        current = current.map((c) => (c.app === change.app ? change.after : c));
        if (isValidState(state)) expect(sourceCount(current)).toBeLessThanOrEqual(1);
      }
      expect(current).toEqual(plan.next);
    }
  });
});

describe('a wider capabilities table needs no new code', () => {
  test('a to-only app explains its disabled From option', () => {
    const options = evaluateOptions<Wide>([{ app: 'qbo', syncData: 'everything', direction: 'to_app' }], 'qbo', WIDE);
    const from = options.direction.find((o) => o.value === 'from_app');
    expect(from).toMatchObject({ label: 'From QuickBooks', allowed: false, blockedBy: 'capability', reason: 'QuickBooks can only receive client data from Practice Sync.' });
    expect(options.direction.find((o) => o.value === 'to_app')?.allowed).toBe(true);
  });

  test('a third app that can send is blocked by the source like any other', () => {
    const connections: ConnectionSettings<Wide>[] = [
      { app: 'gusto', syncData: 'everything', direction: 'from_app' },
      { app: 'karbon', syncData: 'everything', direction: 'to_app' },
    ];
    const from = evaluateOptions(connections, 'karbon', WIDE).direction.find((o) => o.value === 'from_app');
    expect(from?.reason).toBe("Gusto is your client source. Set Gusto's Sync data to Nothing, or make Karbon the source instead.");
  });
});
