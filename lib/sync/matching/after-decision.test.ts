import { describe, expect, test } from 'vitest';
import { candidatesAfterDecision } from './after-decision';
import { selectSuggestions } from './suggested-match';

type Side = { name: string; email?: string | null };
const pair = (clientId: string, client: Side, externalId: string, record: Side, app = 'xpm') => ({ clientId, app, externalId, client, record });

const kowhai = { name: 'Kowhai Landscaping Ltd' };
const harbour = { name: 'Harbour Dental Group' };
/** Two XPM records like Kowhai, one likelier; and Harbour's own twin. */
const candidates = [
  pair('kowhai', kowhai, 'x-best', { name: 'Kowhai Landscapng' }),
  pair('kowhai', kowhai, 'x-runner-up', { name: 'Kowhai Landscpaing Ltd' }),
  pair('harbour', harbour, 'x-harbour', { name: 'Harbour Dentl Group' }),
  pair('kowhai', kowhai, 'g-kowhai', { name: 'Kowhai Landscapng Ltd' }, 'gusto'),
];
const shown = (rows: ReturnType<typeof pair>[] | null) =>
  rows
    ? selectSuggestions(rows)
        .map((s) => `${s.clientId}-${s.externalId}`)
        .sort()
    : null;

describe('candidatesAfterDecision', () => {
  test('the list before any decision shows only the likelier of Kowhai’s two XPM records', () => {
    expect(shown(candidates)).toEqual(['harbour-x-harbour', 'kowhai-g-kowhai', 'kowhai-x-best']);
  });

  test('dismissing the likelier record brings the runner-up in: what working everything out again gives', () => {
    const after = candidatesAfterDecision(candidates, { dismissed: [{ clientId: 'kowhai', app: 'xpm', externalId: 'x-best' }], linked: [] });
    expect(after).toEqual(candidates.filter((c) => c.externalId !== 'x-best'));
    expect(shown(after)).toEqual(['harbour-x-harbour', 'kowhai-g-kowhai', 'kowhai-x-runner-up']);
  });

  test('a link takes every pair of its client for that app and of its record, and leaves the client’s other app alone', () => {
    const after = candidatesAfterDecision(candidates, { dismissed: [], linked: [{ clientId: 'kowhai', app: 'xpm', externalId: 'x-harbour' }] });
    expect(after!.map((c) => `${c.clientId}-${c.externalId}`)).toEqual(['kowhai-g-kowhai']);
  });

  test('several links at once (a bulk confirmation)', () => {
    const after = candidatesAfterDecision(candidates, {
      dismissed: [],
      linked: [
        { clientId: 'kowhai', app: 'xpm', externalId: 'x-best' },
        { clientId: 'harbour', app: 'xpm', externalId: 'x-harbour' },
      ],
    });
    expect(shown(after)).toEqual(['kowhai-g-kowhai']);
  });

  test('a decision on a pair nobody proposed changes nothing', () => {
    expect(candidatesAfterDecision(candidates, { dismissed: [{ clientId: 'nobody', app: 'xpm', externalId: 'x-none' }], linked: [] })).toEqual(candidates);
  });

  test('taking away an exact-name pair gives null: its client was never probed, so work it out again', () => {
    const exact = [...candidates, pair('tasman', { name: 'Tasman Freight Ltd' }, 'x-tasman', { name: 'Tasman Freight Limited' })];
    expect(candidatesAfterDecision(exact, { dismissed: [], linked: [{ clientId: 'harbour', app: 'xpm', externalId: 'x-tasman' }] })).toBeNull();
    expect(candidatesAfterDecision(exact, { dismissed: [{ clientId: 'tasman', app: 'xpm', externalId: 'x-tasman' }], linked: [] })).toBeNull();
    expect(candidatesAfterDecision(exact, { dismissed: [], linked: [{ clientId: 'tasman', app: 'gusto', externalId: 'g-tasman' }] })).not.toBeNull();
  });
});
