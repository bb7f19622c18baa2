import { describe, expect, test } from 'vitest';
import type { AppId } from '@/lib/apps/ids';
import type { ConnectionSettings } from '@/lib/sync/rules';
import {
  allDoneText,
  defaultImport,
  type DoneSteps,
  doneSteps,
  effectiveSetup,
  firstSyncApp,
  importChoice,
  type PracticeSetupState,
  stepAfterConnect,
  stepNumber,
  STEP_LABELS,
  stepToShow,
  WIZARD_STEPS,
  type WizardStep,
} from './steps';

const NOTHING_YET: PracticeSetupState = { appsConnected: false, settingsChosen: false, syncRun: false };
const SET_UP: PracticeSetupState = { appsConnected: true, settingsChosen: true, syncRun: true };
const NOTHING_BOTH: ConnectionSettings[] = [
  { app: 'xpm', syncData: 'nothing', direction: 'to_app' },
  { app: 'gusto', syncData: 'nothing', direction: 'from_app' },
];
const PRESET_BOTH: ConnectionSettings[] = [
  { app: 'xpm', syncData: 'everything', direction: 'to_app' },
  { app: 'gusto', syncData: 'everything', direction: 'from_app' },
];
/** What an admin chose on Integrations: Gusto's names only, nothing To XPM. */
const OWN_BOTH: ConnectionSettings[] = [
  { app: 'xpm', syncData: 'nothing', direction: 'to_app' },
  { app: 'gusto', syncData: 'client_name', direction: 'from_app' },
];
const XPM_SOURCE: ConnectionSettings[] = [
  { app: 'xpm', syncData: 'everything', direction: 'from_app' },
  { app: 'gusto', syncData: 'nothing', direction: 'from_app' },
];
const XPM_SOURCE_ALONE: ConnectionSettings[] = [{ app: 'xpm', syncData: 'everything', direction: 'from_app' }];
const connectedWithNothing = (apps: readonly AppId[]): ConnectionSettings[] => apps.map((app) => ({ app, syncData: 'nothing', direction: app === 'xpm' ? 'to_app' : 'from_app' }));
const sorted = (settings: readonly ConnectionSettings[]) => [...settings].sort((x, y) => x.app.localeCompare(y.app));
const sameAs = (a: readonly ConnectionSettings[], b: readonly ConnectionSettings[]) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
/** The steps named done, the others not. */
const onlyDone = (...steps: readonly WizardStep[]): DoneSteps => Object.fromEntries(WIZARD_STEPS.map((step) => [step, steps.includes(step)])) as DoneSteps;

describe('onboarding wizard steps', () => {
  test.each([
    ['the stored step when nothing is asked', 'setup', undefined, 'setup'],
    ['an earlier step the admin went back to', 'setup', 'practice', 'practice'],
    ['the stored step itself', 'preview', 'preview', 'preview'],
    ['never a later step (its earlier steps are not done)', 'connect', 'run', 'connect'],
    ['never an unknown one', 'connect', 'admin', 'connect'],
    ['only the summary once the first sync started', 'done', 'practice', 'done'],
  ] as const)('stepToShow: %s', (_, stored, asked, shown) => {
    expect(stepToShow(stored, asked, doneSteps(stored, NOTHING_YET))).toBe(shown);
  });

  test.each([
    ['a later step the practice has done (the step list links to it)', 'practice', SET_UP, 'connect', 'connect'],
    ['the last step, once a sync has run', 'practice', SET_UP, 'run', 'run'],
    ['never a later step the practice has not done', 'connect', { ...NOTHING_YET, appsConnected: true }, 'setup', 'connect'],
    ['only the summary once the first sync started, whatever is done', 'done', SET_UP, 'connect', 'done'],
  ] as const)('stepToShow with the practice’s state: %s', (_, stored, state, asked, shown) => {
    expect(stepToShow(stored, asked, doneSteps(stored, state))).toBe(shown);
  });

  test('the setup step is named for what it shows either way: the recommended setup, or the practice’s own settings kept', () => {
    expect(STEP_LABELS.setup).toBe('Sync settings');
  });

  test('steps are numbered 1–5 and the summary comes after them', () => {
    expect([stepNumber('practice'), stepNumber('run'), stepNumber('done')]).toEqual([1, 5, 6]);
  });

  test('after Connect: the setup with an app connected; with none, no step (never the end: nothing would be set up)', () => {
    expect(stepAfterConnect(['xpm'])).toBe('setup');
    expect(stepAfterConnect(['xpm', 'gusto'])).toBe('setup');
    expect(stepAfterConnect([])).toBeNull();
  });

  test.each([
    [
      'both apps: Gusto is the source, XPM receives',
      ['gusto', 'xpm'],
      [
        { app: 'xpm', syncData: 'everything', direction: 'to_app' },
        { app: 'gusto', syncData: 'everything', direction: 'from_app' },
      ],
      'gusto',
    ],
    ['only XPM: Everything / From XPM', ['xpm'], [{ app: 'xpm', syncData: 'everything', direction: 'from_app' }], 'xpm'],
    ['only Gusto: Everything / From Gusto', ['gusto'], [{ app: 'gusto', syncData: 'everything', direction: 'from_app' }], 'gusto'],
  ] as const)('effectiveSetup with apps just connected (Sync data Nothing) and no choice is the recommended preset — %s', (_, apps, settings, source) => {
    const setup = effectiveSetup(connectedWithNothing(apps), null, 'setup');
    expect(setup).toMatchObject({ recommended: true, basis: 'recommended' });
    expect(setup.settings).toEqual(expect.arrayContaining(settings.map((s) => ({ ...s }))));
    expect(setup.settings).toHaveLength(settings.length);
    expect(firstSyncApp(setup.settings)).toBe(source);
  });

  test.each([
    // The first pass, from a new practice's connect defaults.
    ['apps just connected, Setup not saved yet: the preset, which changes the Nothing', NOTHING_BOTH, null, 'setup', 'recommended', PRESET_BOTH, 2],
    ['the recommended setup accepted in this pass: the preset', NOTHING_BOTH, null, 'run', 'chosen', PRESET_BOTH, 2],
    ['an adjusted setup saved in this pass: that setup', NOTHING_BOTH, XPM_SOURCE, 'run', 'chosen', XPM_SOURCE, 2],
    // A finished wizard opened again: a new pass with nothing chosen in it yet.
    [
      'opened again (stored step 1, the admin gone straight to Run it), settings chosen on Integrations that differ: kept, changing nothing',
      OWN_BOTH,
      null,
      'practice',
      'current',
      OWN_BOTH,
      0,
    ],
    ['opened again, on the Setup step before saving it: the practice’s settings, as the current choice', OWN_BOTH, null, 'setup', 'current', OWN_BOTH, 0],
    ['opened again, settings that are the preset: kept (the preset), changing nothing', PRESET_BOTH, null, 'practice', 'current', PRESET_BOTH, 0],
    ['opened again, the recommended setup accepted on the Setup step: the preset, changing what differs', OWN_BOTH, null, 'preview', 'chosen', PRESET_BOTH, 2],
    ['opened again, "Keep my current settings" saved: the practice’s settings, changing nothing', OWN_BOTH, 'keep', 'run', 'current', OWN_BOTH, 0],
    // Kept means the settings when the first sync runs, not a copy from when Keep was pressed.
    ['"Keep my current settings" saved, then other settings saved on Integrations: those, changing nothing', XPM_SOURCE, 'keep', 'run', 'current', XPM_SOURCE, 0],
    [
      '"Keep my current settings" saved, then every setting made Nothing on Integrations: kept as they are, never the preset',
      NOTHING_BOTH,
      'keep',
      'preview',
      'current',
      NOTHING_BOTH,
      0,
    ],
    ['"Keep my current settings" from an earlier save, the Setup step shown again: the practice’s settings', OWN_BOTH, 'keep', 'setup', 'current', OWN_BOTH, 0],
    ['an adjusted setup that is the practice’s settings: the same, changing nothing', OWN_BOTH, OWN_BOTH, 'run', 'chosen', OWN_BOTH, 0],
    ['a choice made before an app was connected is stale: the practice’s own settings', OWN_BOTH, XPM_SOURCE_ALONE, 'run', 'current', OWN_BOTH, 0],
    ['a stale choice and nothing of the practice’s own: the preset', NOTHING_BOTH, XPM_SOURCE_ALONE, 'run', 'recommended', PRESET_BOTH, 2],
  ] as const)('effectiveSetup: %s', (_, current, chosen, stored, basis, settings, changed) => {
    const setup = effectiveSetup(current, chosen, stored);
    expect(setup.basis).toBe(basis);
    expect(sorted(setup.settings)).toEqual(sorted(settings));
    expect(setup.recommended).toBe(sameAs(settings, PRESET_BOTH));
    // What "Run it" would write: nothing at all when the settings stay as they are.
    expect(setup.changes).toHaveLength(changed);
  });

  test('effectiveSetup names each field it would change, before → after', () => {
    expect(effectiveSetup(OWN_BOTH, null, 'run').changes).toEqual([
      { app: 'xpm', field: 'syncData', before: 'nothing', after: 'everything' },
      { app: 'gusto', field: 'syncData', before: 'client_name', after: 'everything' },
    ]);
  });

  test('import defaults: on for Gusto’s authorised companies, off for XPM’s many clients; a choice wins; nothing without a source', () => {
    expect([defaultImport('gusto'), defaultImport('xpm')]).toEqual([true, false]);
    expect([importChoice('xpm', null), importChoice('gusto', null), importChoice('gusto', false), importChoice('xpm', true), importChoice(null, true)]).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('doneSteps: which steps the step list marks done', () => {
  test.each([
    ['a new practice on step 1: none', 'practice', NOTHING_YET, []],
    ['this pass went past a step: it is done, whatever the practice has since undone', 'preview', NOTHING_YET, ['practice', 'connect', 'setup']],
    ['the first sync started: every step', 'done', NOTHING_YET, ['practice', 'connect', 'setup', 'preview', 'run']],
    ['a set-up practice whose finished wizard was opened again: every step', 'practice', SET_UP, ['practice', 'connect', 'setup', 'preview', 'run']],
    ['an app connected (its settings still the safe Nothing): details and connect', 'practice', { ...NOTHING_YET, appsConnected: true }, ['practice', 'connect']],
    ['settings chosen, no sync yet: up to the setup', 'practice', { ...SET_UP, syncRun: false }, ['practice', 'connect', 'setup']],
    ['a sync ran but no setting is chosen now: not the setup, nor what builds on it', 'practice', { ...SET_UP, settingsChosen: false }, ['practice', 'connect']],
    ['every app disconnected since: none by the practice’s state', 'practice', { ...SET_UP, appsConnected: false }, []],
    ['every app disconnected, mid-pass: what this pass did', 'setup', { ...SET_UP, appsConnected: false }, ['practice', 'connect']],
    ['on the Run step of a set-up practice: the Run step too', 'run', SET_UP, ['practice', 'connect', 'setup', 'preview', 'run']],
  ] as const)('%s', (_, stored, state, expected) => {
    expect(doneSteps(stored, state)).toEqual(onlyDone(...expected));
  });
});

describe('the step list once every step is done', () => {
  test('says when the first sync has not ended yet, or waits for review', () => {
    expect(allDoneText('queued')).toBe('All steps done: the first sync is about to start');
    expect(allDoneText('running')).toBe('All steps done: the first sync is running');
    expect(allDoneText('needs_review')).toBe('All steps done: the first sync waits for your review');
  });
  test('an ended first sync, or none, is just done', () => {
    for (const status of ['succeeded', 'partial', 'failed', 'cancelled', null] as const) expect(allDoneText(status)).toBe('All steps done');
  });
});
