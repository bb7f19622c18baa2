import { describe, expect, test } from 'vitest';
import { highlightAfterResults } from './highlight-after-results';

describe('highlightAfterResults: where the highlight goes when results arrive', () => {
  const listed = ['harbour-dental', 'harbour-cafe', 'create-new-client'];

  test('not moved by the author → the best match', () => {
    expect(highlightAfterResults({ current: 'create-new-client', chosenWithArrows: false, best: 'harbour-dental', listed })).toBe('harbour-dental');
  });

  test('moved with the arrows to an entry still listed → kept (late results do not take it back)', () => {
    expect(highlightAfterResults({ current: 'create-new-client', chosenWithArrows: true, best: 'harbour-dental', listed })).toBe('create-new-client');
    expect(highlightAfterResults({ current: 'harbour-cafe', chosenWithArrows: true, best: 'harbour-dental', listed })).toBe('harbour-cafe');
  });

  test('moved with the arrows to an entry the new results no longer list → the best match', () => {
    expect(highlightAfterResults({ current: 'harbour-bakery', chosenWithArrows: true, best: 'harbour-dental', listed })).toBe('harbour-dental');
  });

  test('nothing highlighted yet → the best match, even after an arrow key', () => {
    expect(highlightAfterResults({ current: '', chosenWithArrows: true, best: 'harbour-dental', listed: [...listed, ''] })).toBe('harbour-dental');
  });

  test('nothing to pick (no text) → nothing highlighted', () => {
    expect(highlightAfterResults({ current: '', chosenWithArrows: false, best: '', listed: [] })).toBe('');
  });
});
