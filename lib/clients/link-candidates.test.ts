import { describe, expect, test } from 'vitest';
import type { PickerEntry, PickerSearchResult } from '@/lib/dal/client-picker/search';
import { linkCandidatesFor } from './link-candidates';

const entry = (over: Partial<PickerEntry> & { key: string; name: string }): PickerEntry => ({
  clientId: null,
  external: null,
  sources: ['practice'],
  email: null,
  city: null,
  taxNumberEnding: null,
  isProspect: false,
  highlight: [],
  match: 'prefix',
  ...over,
});

const result: PickerSearchResult = {
  query: 'har',
  apps: ['xpm', 'gusto'],
  shown: 5,
  searched: 'within',
  groups: [
    {
      source: 'practice',
      total: 3,
      hasMore: false,
      entries: [
        entry({ key: 'c-self', name: 'Harbour Self', clientId: 'self', sources: ['practice', 'xpm'] }),
        entry({ key: 'c-other', name: 'Harbour Other', clientId: 'other', sources: ['practice', 'xpm'] }),
        entry({ key: 'c-plain', name: 'Harbour Plain', clientId: 'plain', sources: ['practice'] }),
      ],
    },
    {
      source: 'xpm',
      total: 9,
      hasMore: true,
      entries: [entry({ key: 'x-1', name: 'Harbour XPM', sources: ['xpm'], external: { app: 'xpm', externalId: 'uuid-1' }, email: 'a@b.example' })],
    },
    { source: 'gusto', total: 1, hasMore: false, entries: [entry({ key: 'g-1', name: 'Harbour Gusto', sources: ['gusto'], external: { app: 'gusto', externalId: 'co-1' } })] },
  ],
};

describe('linkCandidatesFor', () => {
  test.each([
    ['xpm', ['uuid-1'], ['Harbour Other'], true],
    ['gusto', ['co-1'], [], false],
  ] as const)('%s: its own unlinked records are offered; clients holding one of its records are named, the client itself is not', (app, ids, elsewhere, hasMore) => {
    const found = linkCandidatesFor(result, app, 'self');
    expect(found.candidates.map((c) => c.externalId)).toEqual(ids);
    expect(found.linkedElsewhere.map((c) => c.name)).toEqual(elsewhere);
    expect(found.hasMore).toBe(hasMore);
  });

  test('no answer yet: nothing offered', () => {
    expect(linkCandidatesFor(undefined, 'xpm', 'self')).toEqual({ candidates: [], linkedElsewhere: [], hasMore: false });
  });
});
