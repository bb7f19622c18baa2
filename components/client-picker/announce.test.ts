import { expect, test } from 'vitest';
import type { PickerGroup } from '@/lib/dal/client-picker/search';
import { noMatchText, resultsAnnouncement } from './announce';

const group = (source: PickerGroup['source'], n: number, hasMore = false): PickerGroup => ({
  source,
  entries: Array.from({ length: n }, (_, i) => ({
    key: `${source}${i}`,
    clientId: null,
    external: null,
    name: 'x',
    sources: [source],
    email: null,
    city: null,
    taxNumberEnding: null,
    isProspect: false,
    highlight: [],
    match: 'prefix' as const,
  })),
  total: n,
  hasMore,
});

test.each([
  [[], 'No clients match “harb”. Press Enter to create a new client.'],
  [[group('practice', 1)], '1 match: 1 Practice Sync client. Use the up and down arrows to choose and Enter to pick.'],
  [
    [group('practice', 2), group('xpm', 8, true), group('gusto', 1)],
    '11 matches: 2 Practice Sync clients, 8 XPM clients and 1 Gusto company. Keep typing to see others. Use the up and down arrows to choose and Enter to pick.',
  ],
])('%#', (groups, text) => {
  expect(resultsAnnouncement('harb', groups, 'within')).toBe(text);
});

test.each([
  ['harb', 'within', 'No clients match “harb”. Press Enter to create a new client.'],
  ['an', 'start-short', 'No client’s name starts with “an”. Type at least 3 letters to search within names, or press Enter to create a new client.'],
  ['the', 'start-joining-words', 'No client’s name starts with “the”. Add another word to search within names, or press Enter to create a new client.'],
  [
    'ltd',
    'start-legal-forms',
    'No client’s name starts with “ltd”. Legal forms such as Pty Ltd, LLC and Inc are not searched within names: type part of the business name, or press Enter to create a new client.',
  ],
] as const)('nothing found for %j (searched %s) says what was searched', (query, searched, text) => {
  expect(noMatchText(query, searched)).toBe(text);
  // The announcement says the same as the page.
  expect(resultsAnnouncement(query, [], searched)).toBe(text);
});
