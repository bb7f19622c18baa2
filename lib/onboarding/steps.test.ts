import { describe, expect, test } from 'vitest';
import { allDoneText, defaultImport, effectiveSetup, firstSyncApp, importChoice, stepAfterConnect, stepNumber, stepToShow } from './steps';

describe('onboarding wizard steps', () => {
  test.each([
    ['the stored step when nothing is asked', 'setup', undefined, 'setup'],
    ['an earlier step the admin went back to', 'setup', 'practice', 'practice'],
    ['the stored step itself', 'preview', 'preview', 'preview'],
    ['never a later step (its earlier steps are not done)', 'connect', 'run', 'connect'],
    ['never an unknown one', 'connect', 'admin', 'connect'],
    ['only the summary once the first sync started', 'done', 'practice', 'done'],
  ] as const)('stepToShow: %s', (_, stored, asked, shown) => {
    expect(stepToShow(stored, asked)).toBe(shown);
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
  ] as const)('effectiveSetup without a choice is the recommended preset — %s', (_, apps, settings, source) => {
    const setup = effectiveSetup(apps, null);
    expect(setup.recommended).toBe(true);
    expect(setup.settings).toEqual(expect.arrayContaining(settings.map((s) => ({ ...s }))));
    expect(setup.settings).toHaveLength(settings.length);
    expect(firstSyncApp(setup.settings)).toBe(source);
  });

  test('effectiveSetup keeps the admin’s choice while it covers the connected apps, and falls back to the preset when they changed', () => {
    const chosen = [{ app: 'xpm' as const, syncData: 'client_name' as const, direction: 'from_app' as const }];
    expect(effectiveSetup(['xpm'], chosen)).toEqual({ settings: chosen, recommended: false });
    expect(effectiveSetup(['xpm', 'gusto'], chosen).recommended).toBe(true);
    expect(effectiveSetup(['xpm'], [{ app: 'xpm', syncData: 'everything', direction: 'from_app' }]).recommended).toBe(true);
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
