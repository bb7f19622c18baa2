import { describe, expect, test } from 'vitest';
import { type Listed, shownTally } from './decision-tally';
import { initialReview, pairsLeftWords, type ReviewEvent, reviewReducer, type ReviewState } from './review-state';

const listed: Listed = { asOf: '100:101:', total: 3, atOrAbove: { 90: 2, 50: 3 } };
const run = (events: readonly ReviewEvent[]) => events.reduce(reviewReducer, initialReview);
const shown = (state: ReviewState) =>
  shownTally(
    listed,
    state.answered,
    state.pending.flatMap((p) => p.pairs),
  ).total;
const ok = { tone: 'success', text: 'Dismissed.' } as const;

describe('the review’s counts and status, decision by decision', () => {
  test.each<[string, ReviewEvent[], { shown: number; hidden: string[]; status: ReviewState['status'] }]>([
    ['nothing decided', [], { shown: 3, hidden: [], status: null }],
    ['a decision sent: off the count, still drawn (pending)', [{ type: 'sent', id: 1, pairs: [{ key: 'a', confidence: 95 }] }], { shown: 2, hidden: [], status: null }],
    [
      'answered: the server’s count, the pair (and those its link took) hidden, the count said once',
      [
        { type: 'sent', id: 1, pairs: [{ key: 'a', confidence: 95 }] },
        { type: 'answered', id: 1, answer: { xid: '102', tally: { total: 1, atOrAbove: { 90: 1, 50: 1 } } }, hide: ['a', 'a2'], status: ok },
      ],
      { shown: 1, hidden: ['a', 'a2'], status: { ...ok, left: 1 } },
    ],
    [
      'two sent, the first answered: its status counts the second as gone too',
      [
        { type: 'sent', id: 1, pairs: [{ key: 'a', confidence: 95 }] },
        { type: 'sent', id: 2, pairs: [{ key: 'b', confidence: 60 }] },
        { type: 'answered', id: 1, answer: { xid: '102', tally: { total: 2, atOrAbove: { 90: 1, 50: 2 } } }, hide: ['a'], status: ok },
      ],
      { shown: 1, hidden: ['a'], status: { ...ok, left: 1 } },
    ],
    [
      'failed: the pair is back in the count, and the status says why',
      [
        { type: 'sent', id: 1, pairs: [{ key: 'a', confidence: 95 }] },
        { type: 'failed', id: 1, text: 'Nothing changed.' },
      ],
      { shown: 3, hidden: [], status: { tone: 'error', text: 'Nothing changed.' } },
    ],
    [
      'the second fails after the first was answered: the first stays counted, the second comes back',
      [
        { type: 'sent', id: 1, pairs: [{ key: 'a', confidence: 95 }] },
        { type: 'sent', id: 2, pairs: [{ key: 'b', confidence: 60 }] },
        { type: 'answered', id: 1, answer: { xid: '102', tally: { total: 2, atOrAbove: { 90: 1, 50: 2 } } }, hide: ['a'], status: ok },
        { type: 'failed', id: 2, text: 'Nothing changed.' },
      ],
      { shown: 2, hidden: ['a'], status: { tone: 'error', text: 'Nothing changed.' } },
    ],
  ])('%s', (_, events, expected) => {
    const state = run(events);
    expect({ shown: shown(state), hidden: [...state.hidden], status: state.status }).toEqual(expected);
  });
});

describe('pairsLeftWords', () => {
  test.each([
    [0, 'No likely pairs left.'],
    [1, '1 likely pair left.'],
    [2, '2 likely pairs left.'],
    [2360, '2,360 likely pairs left.'],
  ])('%d', (left, words) => {
    expect(pairsLeftWords(left)).toBe(words);
  });
});
