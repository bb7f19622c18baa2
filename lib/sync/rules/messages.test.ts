import { describe, expect, test } from 'vitest';
import { CAPABILITIES } from './capabilities';
import { evaluateOptions } from './evaluate-options';
import { describeDisconnect, describeSettingsEffect, joinNames, reasonForReadOnly, sourceChangedConcurrentlyReason } from './messages';
import { allStates, appSubsets, describeState, isValidState, state } from './test-states';

describe('describeSettingsEffect (the preview\'s "what it means for the clients")', () => {
  test.each([
    ['gusto=E/F', 37, 'Gusto will overwrite every mapped field and the contacts of 37 linked clients here, daily at 06:00.'],
    ['gusto=C/F', 1, 'Gusto will overwrite the name of 1 linked client here, daily at 06:00.'],
    ['xpm=E/T', 12, 'Practice Sync will send every mapped field and the contacts of 12 linked clients to XPM whenever they change.'],
    ['xpm=C/T', 2, 'Practice Sync will send the name of 2 linked clients to XPM whenever they change.'],
    ['xpm=E/F', 2360, 'XPM will overwrite every mapped field and the contacts of 2,360 linked clients here, every 15 minutes.'],
    ['xpm=C/T', 0, 'No clients are linked to XPM yet. Once clients are linked, Practice Sync will send the name of linked clients to XPM whenever they change.'],
    [
      'gusto=E/F',
      0,
      'No clients are linked to Gusto yet. Each sync links clients with the same name (ignoring case, punctuation and endings like Ltd) and no different tax or business number; then Gusto will overwrite every mapped field and the contacts of linked clients here, daily at 06:00.',
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
      'No clients are linked to Gusto yet. Each sync links clients with the same name (ignoring case, punctuation and endings like Ltd) and no different tax or business number; then Gusto will overwrite every mapped field and the contacts of linked clients here, daily at 06:00. The first sync starts within a few minutes.',
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

describe('reasonForReadOnly (a refused option as an author reads it)', () => {
  test.each([
    [
      "Gusto is your client source. Set Gusto's Sync data to Nothing, or make Xero Practice Manager the source instead.",
      "Gusto is your client source. A practice admin can set Gusto's Sync data to Nothing, or make Xero Practice Manager the source instead.",
    ],
    [
      "Gusto is your client source, and Xero Practice Manager is set to From XPM. Set Gusto's Sync data to Nothing, switch Xero Practice Manager to To XPM, or make Xero Practice Manager the source instead.",
      "Gusto is your client source, and Xero Practice Manager is set to From XPM. A practice admin can set Gusto's Sync data to Nothing, switch Xero Practice Manager to To XPM, or make Xero Practice Manager the source instead.",
    ],
    // A capability has no remedy: nobody can change it, so it reads the same.
    ['Gusto can only send client data to Practice Sync.', 'Gusto can only send client data to Practice Sync.'],
  ])('%s', (reason, text) => {
    expect(reasonForReadOnly(reason)).toBe(text);
  });

  test('every reason the settings can show: an author is never told to do what only an admin can', () => {
    const seen = new Set<string>();
    for (const apps of appSubsets(CAPABILITIES))
      for (const s of allStates(CAPABILITIES, apps).filter(isValidState))
        for (const card of apps) {
          const { syncData, direction } = evaluateOptions(s, card);
          for (const option of [...syncData, ...direction]) {
            if (!option.reason) continue;
            seen.add(option.reason);
            const text = reasonForReadOnly(option.reason);
            // No sentence opens with an instruction; the why is kept word for word.
            expect(text, `${describeState(s)} ${card} ${option.label}`).not.toMatch(/(^|\. )(Set|Make|Switch|Choose)\b/);
            expect(text.startsWith(option.reason.split('. ')[0]!)).toBe(true);
          }
        }
    // Both kinds were met: a remedy to address, and a capability with none.
    expect([...seen].some((r) => r.includes('. Set '))).toBe(true);
    expect([...seen].some((r) => !r.includes('. '))).toBe(true);
  });
});
