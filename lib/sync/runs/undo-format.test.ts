import { describe, expect, test } from 'vitest';
import { runKindText, undoCountColumns, undoCountsSummary, undoOutcomeText } from './undo-format';

const ZERO = { updated: 0, unchanged: 0, skipped: 0, failed: 0 };

describe('runKindText', () => {
  test('a sync says its direction; an undo says it is one, and of which sync', () => {
    expect(runKindText({ app: 'xpm', direction: 'from_app', trigger: 'manual' })).toBe('From XPM');
    expect(runKindText({ app: 'gusto', direction: 'from_app', trigger: 'schedule' })).toBe('From Gusto');
    expect(runKindText({ app: 'xpm', direction: 'to_app', trigger: 'edit' })).toBe('To XPM');
    expect(runKindText({ app: 'xpm', direction: 'from_app', trigger: 'undo' })).toBe('Undo of a sync from XPM');
    expect(runKindText({ app: 'gusto', direction: 'from_app', trigger: 'undo' })).toBe('Undo of a sync from Gusto');
    expect(runKindText({ app: 'xpm', direction: 'to_app', trigger: 'undo' })).toBe('Undo of a sync to XPM');
  });

  test.each([
    [1, 'Undo of a sync from Gusto'],
    [2, 'Undo of an undo of a sync from Gusto'],
    [3, 'Undo of an undo of an undo of a sync from Gusto'],
  ])('an undo %i deep says what it undid: %s', (undoDepth, text) => {
    expect(runKindText({ app: 'gusto', direction: 'from_app', trigger: 'undo', undoDepth })).toBe(text);
  });

  test('an undo of an undo says so in its outcome too (Last sync, progress)', () => {
    expect(undoOutcomeText('gusto', 'from_app', 'succeeded', { ...ZERO, updated: 1 }, 2)).toBe('Undo of an undo of a sync from Gusto succeeded: 1 client changed back.');
    expect(undoOutcomeText('xpm', 'to_app', 'running', ZERO, 2)).toBe('Undo of an undo of a sync to XPM is running: nothing changed back yet.');
  });
});

describe('undoCountColumns', () => {
  test('an undo shows only the counts it keeps; To XPM its changes were sent back', () => {
    expect(undoCountColumns('from_app')).toEqual([
      { key: 'updated', label: 'Changed back' },
      { key: 'unchanged', label: 'Already as before' },
      { key: 'skipped', label: 'Left alone' },
      { key: 'failed', label: 'Failed' },
    ]);
    expect(undoCountColumns('to_app').map((c) => c.label)).toEqual(['Sent back', 'Already as before', 'Left alone', 'Failed']);
  });
});

describe('undoCountsSummary', () => {
  test('names each count above zero, in order, with thousands separators and the right plural', () => {
    expect(undoCountsSummary('xpm', 'from_app', 'succeeded', { ...ZERO, updated: 2360 })).toBe('2,360 clients changed back');
    expect(undoCountsSummary('xpm', 'from_app', 'succeeded', { ...ZERO, updated: 1 })).toBe('1 client changed back');
    expect(undoCountsSummary('gusto', 'from_app', 'succeeded', { updated: 3, unchanged: 1, skipped: 2, failed: 1 })).toBe(
      '3 clients changed back, 1 client already as before, 2 clients left alone (changed since), 1 client failed',
    );
    expect(undoCountsSummary('xpm', 'to_app', 'succeeded', { ...ZERO, updated: 2, skipped: 1 })).toBe('2 clients sent back to XPM, 1 client left alone (changed since)');
  });

  test('all zero: nothing to change back; failed, nothing was changed back; running, nothing yet', () => {
    expect(undoCountsSummary('xpm', 'from_app', 'succeeded', ZERO)).toBe('nothing to change back');
    expect(undoCountsSummary('xpm', 'from_app', 'failed', ZERO)).toBe('nothing was changed back');
    expect(undoCountsSummary('xpm', 'to_app', 'running', ZERO)).toBe('nothing changed back yet');
  });

  test('while it runs, its counts are so far', () => {
    expect(undoCountsSummary('xpm', 'to_app', 'running', { ...ZERO, updated: 3 })).toBe('3 clients sent back to XPM so far');
    expect(undoCountsSummary('gusto', 'from_app', 'queued', { ...ZERO, skipped: 1 })).toBe('1 client left alone (changed since) so far');
  });
});

describe('undoOutcomeText', () => {
  test.each([
    ['succeeded', { ...ZERO, updated: 87 }, 'Undo of a sync from XPM succeeded: 87 clients changed back.'],
    ['partial', { ...ZERO, updated: 5, failed: 2 }, 'Undo of a sync from XPM finished with errors: 5 clients changed back, 2 clients failed.'],
    ['failed', ZERO, 'Undo of a sync from XPM failed: nothing was changed back.'],
    ['failed', { ...ZERO, updated: 4 }, 'Undo of a sync from XPM failed after 4 clients changed back.'],
    ['succeeded', ZERO, 'Undo of a sync from XPM succeeded: nothing to change back.'],
  ] as const)('%s with %o', (status, counts, words) => {
    expect(undoOutcomeText('xpm', 'from_app', status, counts)).toBe(words);
  });

  test('To XPM: what was sent back', () => {
    expect(undoOutcomeText('xpm', 'to_app', 'succeeded', { ...ZERO, updated: 1 })).toBe('Undo of a sync to XPM succeeded: 1 client sent back to XPM.');
  });

  test('a running or waiting undo says so, never "records read"', () => {
    expect(undoOutcomeText('gusto', 'from_app', 'running', { ...ZERO, updated: 2 })).toBe('Undo of a sync from Gusto is running: 2 clients changed back so far.');
    expect(undoOutcomeText('xpm', 'to_app', 'queued', ZERO)).toBe('Undo of a sync to XPM is waiting to start.');
  });
});
