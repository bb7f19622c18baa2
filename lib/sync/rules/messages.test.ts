import { describe, expect, test } from 'vitest';
import { CAPABILITIES } from './capabilities';
import { describeDisconnect, describeSettingsEffect, joinNames, sourceChangedConcurrentlyReason } from './messages';
import { state } from './test-states';

describe('describeSettingsEffect (the preview\'s "what it means for the clients")', () => {
  test.each([
    ['gusto=E/F', 37, 'Gusto will overwrite every mapped field and the contacts of 37 linked clients here, daily at 06:00.'],
    ['gusto=C/F', 1, 'Gusto will overwrite the name of 1 linked client here, daily at 06:00.'],
    ['xpm=E/T', 12, 'Practice Sync will send every mapped field and the contacts of 12 linked clients to XPM whenever they change.'],
    ['xpm=C/T', 2, 'Practice Sync will send the name of 2 linked clients to XPM whenever they change.'],
    ['xpm=C/T', 0, 'No clients are linked to XPM yet. Once clients are linked, Practice Sync will send the name of linked clients to XPM whenever they change.'],
    [
      'gusto=E/F',
      0,
      'No clients are linked to Gusto yet. Each sync links clients whose names match exactly; then Gusto will overwrite every mapped field and the contacts of linked clients here, daily at 06:00.',
    ],
    ['xpm=N/F', 5, "No client data will flow between XPM and Practice Sync; XPM's clients stay in the client picker and links are kept."],
    ['gusto=N/F', 5, "No client data will flow between Gusto and Practice Sync; Gusto's companies stay in the client picker and links are kept."],
  ])('%s with %i linked', (spec, linked, text) => {
    const [settings] = state(spec);
    if (!settings) throw new Error('no settings');
    expect(describeSettingsEffect(CAPABILITIES, settings, linked)).toBe(text);
  });
});

describe('describeSettingsEffect when the scheduled sync is due', () => {
  test.each([
    [
      'gusto=E/F',
      0,
      'first',
      'No clients are linked to Gusto yet. Each sync links clients whose names match exactly; then Gusto will overwrite every mapped field and the contacts of linked clients here, daily at 06:00. The first sync starts within a few minutes.',
    ],
    ['xpm=C/F', 3, 'next', 'XPM will overwrite the name of 3 linked clients here, every 15 minutes. The next sync starts within a few minutes.'],
    ['gusto=E/F', 37, null, 'Gusto will overwrite every mapped field and the contacts of 37 linked clients here, daily at 06:00.'],
    // Nothing flows in, so nothing starts: no sentence about a sync.
    ['gusto=N/F', 5, 'first', "No client data will flow between Gusto and Practice Sync; Gusto's companies stay in the client picker and links are kept."],
    ['xpm=E/T', 12, 'first', 'Practice Sync will send every mapped field and the contacts of 12 linked clients to XPM whenever they change.'],
  ] as const)('%s with %i linked, due %s', (spec, linked, runDue, text) => {
    const [settings] = state(spec);
    if (!settings) throw new Error('no settings');
    expect(describeSettingsEffect(CAPABILITIES, settings, linked, runDue)).toBe(text);
  });
});

describe('other sentences', () => {
  test('disconnecting the source says it frees the source role', () => {
    expect(describeDisconnect(CAPABILITIES, 'gusto', true)).toBe(
      'Gusto is your client source. Disconnecting it frees the source role: no app sends client data here until you choose one. Clients and their links to Gusto are kept.',
    );
    expect(describeDisconnect(CAPABILITIES, 'xpm', false)).toBe('Clients and their links to XPM are kept.');
  });

  test('a concurrent source change', () => {
    expect(sourceChangedConcurrentlyReason(CAPABILITIES, 'gusto')).toBe('Gusto became the client source a moment ago — review and try again.');
  });

  test.each([
    [[], ''],
    [['XPM'], 'XPM'],
    [['XPM', 'Gusto'], 'XPM and Gusto'],
    [['A', 'B', 'C'], 'A, B and C'],
  ])('joinNames(%j) = %j', (names, text) => {
    expect(joinNames(names)).toBe(text);
  });
});
