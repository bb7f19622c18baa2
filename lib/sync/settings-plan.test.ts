import { describe, expect, test } from 'vitest';
import { CAPABILITIES, evaluateOptions, isInboundSource } from './rules';
import { allStates, appSubsets, describeState, state } from './rules/test-states';
import {
  SETTINGS_CHANGED_REASON,
  causeLabel,
  causeOf,
  describeChangeEffects,
  describeFieldChange,
  judgeSettingsRequest,
  planSettingsRequest,
  requestForUnlock,
  sameSettingsSet,
  settingValueLabel,
  type SettingsRequest,
} from './settings-plan';

const everyState = appSubsets(CAPABILITIES).flatMap((apps) => allStates(CAPABILITIES, apps));

describe('planSettingsRequest', () => {
  test.each<[string, SettingsRequest, string, string[]]>([
    ['xpm=N/F gusto=N/F', { kind: 'recommended_preset' }, 'xpm=E/T gusto=E/F', ['xpm', 'gusto']],
    ['xpm=E/F gusto=N/F', { kind: 'recommended_preset' }, 'xpm=E/T gusto=E/F', ['xpm', 'gusto']],
    ['xpm=N/F', { kind: 'recommended_preset' }, 'xpm=E/F', ['xpm']],
    ['gusto=C/F', { kind: 'recommended_preset' }, 'gusto=E/F', ['gusto']],
    ['xpm=E/T gusto=E/F', { kind: 'make_source', app: 'xpm' }, 'xpm=E/F gusto=N/F', ['gusto', 'xpm']],
    ['xpm=E/F gusto=N/F', { kind: 'make_source', app: 'gusto' }, 'xpm=E/T gusto=E/F', ['xpm', 'gusto']],
    ['xpm=C/F gusto=N/F', { kind: 'make_source', app: 'gusto', syncData: 'client_name' }, 'xpm=C/T gusto=C/F', ['xpm', 'gusto']],
    ['xpm=E/T gusto=E/F', { kind: 'change', app: 'gusto', syncData: 'nothing' }, 'xpm=E/T gusto=N/F', ['gusto']],
    ['xpm=N/F gusto=E/F', { kind: 'change', app: 'xpm', direction: 'to_app', syncData: 'everything' }, 'xpm=E/T gusto=E/F', ['xpm']],
    ['xpm=E/T gusto=E/F', { kind: 'change', app: 'xpm' }, 'xpm=E/T gusto=E/F', []],
  ])('%s + %j → %s, writing %j in that order', (spec, request, expected, order) => {
    const plan = planSettingsRequest(state(spec), request);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(describeState(plan.next)).toBe(expected);
    expect(plan.changes.map((c) => c.app)).toEqual(order);
  });

  test.each<[string, SettingsRequest<string>, string, string]>([
    [
      'xpm=E/T gusto=E/F',
      { kind: 'change', app: 'xpm', direction: 'from_app' },
      'second_source',
      "Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead.",
    ],
    ['xpm=E/T gusto=E/F', { kind: 'change', app: 'gusto', direction: 'to_app' }, 'unsupported_direction', 'Gusto can only send client data to Practice Sync.'],
    ['xpm=E/T', { kind: 'change', app: 'gusto', syncData: 'nothing' }, 'not_connected', 'Connect Gusto before changing its sync settings.'],
    ['xpm=E/T', { kind: 'change', app: 'qbo', syncData: 'nothing' }, 'unknown_app', '"qbo" is not an app Practice Sync can connect to.'],
    ['xpm=E/T', { kind: 'make_source', app: 'gusto' }, 'not_connected', 'Connect Gusto before changing its sync settings.'],
    ['xpm=E/T', { kind: 'change', app: 'xpm', direction: 'sideways' as 'to_app' }, 'invalid_direction', 'Sync direction must be from the app or to the app.'],
  ])('%s: refuses %j (%s)', (spec, request, code, reason) => {
    expect(planSettingsRequest(state(spec), request as SettingsRequest)).toMatchObject({ ok: false, code, reason });
  });

  test('over every reachable state, every allowed option and unlock action plans to a state with at most one source', () => {
    for (const current of everyState) {
      for (const { app } of current) {
        const card = evaluateOptions(current, app);
        for (const option of card.syncData) {
          const plan = planSettingsRequest(current, { kind: 'change', app, syncData: option.value });
          expect(plan.ok, `${describeState(current)} ${app} ${option.value}`).toBe(option.allowed);
          for (const unlock of option.unlock ?? []) {
            const unlocked = planSettingsRequest(current, requestForUnlock(unlock));
            expect(unlocked.ok, `${describeState(current)} unlock ${unlock.label}`).toBe(true);
            if (unlocked.ok) expect(unlocked.next.filter(isInboundSource).length).toBeLessThanOrEqual(1);
          }
        }
        for (const option of card.direction) {
          const plan = planSettingsRequest(current, { kind: 'change', app, direction: option.value });
          expect(plan.ok, `${describeState(current)} ${app} ${option.value}`).toBe(option.allowed);
        }
      }
      const preset = planSettingsRequest(current, { kind: 'recommended_preset' });
      expect(preset.ok).toBe(true);
      if (preset.ok) expect(preset.next.filter(isInboundSource).length).toBeLessThanOrEqual(1);
    }
  });
});

describe('judgeSettingsRequest', () => {
  test('applies the request when the settings are still those the page showed', () => {
    const verdict = judgeSettingsRequest(state('xpm=E/T gusto=E/F'), { kind: 'make_source', app: 'xpm' }, state('gusto=E/F xpm=E/T'));
    expect(verdict).toMatchObject({ ok: true });
    if (verdict.ok) expect(describeState(verdict.next)).toBe('xpm=E/F gusto=N/F');
  });

  test('another admin made XPM the source: a stale "Gusto Everything" is refused with the concurrency message', () => {
    expect(judgeSettingsRequest(state('xpm=E/F gusto=N/F'), { kind: 'change', app: 'gusto', syncData: 'everything' }, state('xpm=N/F gusto=N/F'))).toEqual({
      ok: false,
      conflict: true,
      reason: 'XPM became the client source a moment ago — review and try again.',
    });
  });

  test('a change that is still allowed but means something else now is refused too', () => {
    // The page showed XPM as the source (Client name / From XPM) and the admin chose Everything;
    // meanwhile Gusto became the source and XPM turned To XPM: "Everything" would now push to XPM.
    expect(judgeSettingsRequest(state('xpm=C/T gusto=E/F'), { kind: 'change', app: 'xpm', syncData: 'everything' }, state('xpm=C/F gusto=N/F'))).toEqual({
      ok: false,
      conflict: true,
      reason: 'Gusto became the client source a moment ago — review and try again.',
    });
    // Moves that leave the source where it was get the general message.
    expect(judgeSettingsRequest(state('xpm=C/T gusto=N/F'), { kind: 'recommended_preset' }, state('xpm=N/F gusto=N/F'))).toEqual({
      ok: false,
      conflict: true,
      reason: SETTINGS_CHANGED_REASON,
    });
    // So do a connection appearing or going away.
    expect(judgeSettingsRequest(state('xpm=N/F'), { kind: 'recommended_preset' }, state('xpm=N/F gusto=N/F'))).toMatchObject({ ok: false, reason: SETTINGS_CHANGED_REASON });
  });

  test('without what the page saw (a direct call), the rule alone decides and explains', () => {
    expect(judgeSettingsRequest(state('xpm=E/T gusto=E/F'), { kind: 'change', app: 'xpm', direction: 'from_app' })).toEqual({
      ok: false,
      conflict: false,
      reason: "Gusto is your client source. Set Gusto's Sync data to Nothing, or make XPM the source instead.",
    });
    expect(judgeSettingsRequest(state('xpm=E/T gusto=E/F'), { kind: 'change', app: 'gusto', syncData: 'client_name' })).toMatchObject({ ok: true });
  });

  test('sameSettingsSet ignores order but not content', () => {
    expect(sameSettingsSet(state('xpm=E/T gusto=E/F'), state('gusto=E/F xpm=E/T'))).toBe(true);
    expect(sameSettingsSet(state('xpm=E/T gusto=E/F'), state('xpm=E/T gusto=C/F'))).toBe(false);
    expect(sameSettingsSet(state('xpm=E/T gusto=E/F'), state('xpm=E/T'))).toBe(false);
    expect(sameSettingsSet(state(''), state(''))).toBe(true);
  });
});

describe('words', () => {
  test('unlock actions map to requests', () => {
    expect(requestForUnlock({ kind: 'set_sync_data', app: 'gusto', value: 'nothing', label: '' })).toEqual({ kind: 'change', app: 'gusto', syncData: 'nothing' });
    expect(requestForUnlock({ kind: 'set_direction', app: 'xpm', value: 'to_app', label: '' })).toEqual({ kind: 'change', app: 'xpm', direction: 'to_app' });
    expect(requestForUnlock({ kind: 'make_source', app: 'xpm', label: '', syncData: 'client_name' })).toEqual({ kind: 'make_source', app: 'xpm', syncData: 'client_name' });
    expect(requestForUnlock({ kind: 'make_source', app: 'xpm', label: '' })).toEqual({ kind: 'make_source', app: 'xpm' });
  });

  test('causes', () => {
    expect(causeOf({ kind: 'change' })).toBe('manual');
    expect(causeOf({ kind: 'make_source' })).toBe('make_source');
    expect(causeOf({ kind: 'recommended_preset' })).toBe('recommended_preset');
    expect(['manual', 'recommended_preset', 'make_source', 'connect_defaults', 'disconnect'].map(causeLabel)).toEqual([
      'Changed by hand',
      'Recommended setup',
      'Switched the source',
      'Safe defaults on connecting',
      'Disconnected',
    ]);
  });

  test('field changes and values in words', () => {
    expect(describeFieldChange(CAPABILITIES, { app: 'xpm', field: 'direction', before: 'from_app', after: 'to_app' })).toEqual({
      app: 'XPM',
      setting: 'Sync direction',
      before: 'From XPM',
      after: 'To XPM',
    });
    expect(settingValueLabel(CAPABILITIES, 'gusto', 'sync_data', 'client_name')).toBe('Client name');
    expect(settingValueLabel(CAPABILITIES, 'gusto', 'sync_direction', null)).toBe('—');
  });

  test('effects name the linked clients', () => {
    const plan = planSettingsRequest(state('xpm=N/F gusto=N/F'), { kind: 'recommended_preset' });
    if (!plan.ok) throw new Error('expected a plan');
    expect(describeChangeEffects(CAPABILITIES, plan.changes, (app) => (app === 'gusto' ? 37 : 1))).toEqual([
      'Practice Sync will send every mapped field and the contacts of 1 linked client to XPM whenever they change.',
      'Gusto will overwrite every mapped field and the contacts of 37 linked clients here, daily at 06:00.',
    ]);
  });
});
