import { describe, expect, test } from 'vitest';
import type { PickerEntry, PickerGroup } from '@/lib/dal/client-picker/search';
import type { MatchKind } from '@/lib/sync/matching';
import { bestEntry } from './best-entry';

const entry = (key: string, match: MatchKind): PickerEntry => ({
  key,
  clientId: null,
  external: null,
  name: key,
  sources: ['xpm'],
  email: null,
  city: null,
  taxNumberEnding: null,
  isProspect: false,
  highlight: [],
  match,
});
const group = (source: PickerGroup['source'], ...entries: PickerEntry[]): PickerGroup => ({ source, entries, total: entries.length, hasMore: false });

describe('bestEntry: what Enter picks', () => {
  test('nothing matched → nothing', () => {
    expect(bestEntry([])).toBeNull();
  });

  test('an exact XPM name beats a fuzzy practice client shown above it', () => {
    const groups = [group('practice', entry('Bluegum Physiotherapy', 'fuzzy')), group('xpm', entry('Bluegum Legal', 'exact'))];
    expect(bestEntry(groups)?.key).toBe('Bluegum Legal');
  });

  test.each<[MatchKind, MatchKind, string]>([
    ['exact', 'prefix', 'first'],
    ['prefix', 'exact', 'second'],
    ['prefix', 'word_prefix', 'first'],
    ['word_prefix', 'prefix', 'second'],
    ['fuzzy', 'word_prefix', 'second'],
    ['prefix', 'prefix', 'first'], // equal: the first on screen
    ['fuzzy', 'fuzzy', 'first'],
  ])('%s (shown first) vs %s → the %s', (first, second, winner) => {
    const groups = [group('practice', entry('first', first)), group('gusto', entry('second', second))];
    expect(bestEntry(groups)?.key).toBe(winner);
  });

  test('within a group too, the first of the best tier', () => {
    expect(bestEntry([group('xpm', entry('a', 'fuzzy'), entry('b', 'prefix'), entry('c', 'prefix'))])?.key).toBe('b');
  });
});
