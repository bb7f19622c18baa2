import { describe, expect, test } from 'vitest';
import { rankSearchResults, type MatchKind, type SearchRecord } from './rank-search';

interface Row extends SearchRecord {
  city?: string;
}

const practice = (id: string, name: string): Row => ({ id, name, source: 'practice' });
const xpm = (id: string, name: string, linkedClientId: string | null = null): Row => ({ id, name, source: 'xpm', linkedClientId });
const gusto = (id: string, name: string, linkedClientId: string | null = null): Row => ({ id, name, source: 'gusto', linkedClientId });

/** "source:name(match)" per entry, per group, for compact expectations. */
function summary(query: string, records: Row[], perGroup?: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of rankSearchResults(query, records, { perGroup }).groups) {
    out[group.source] = group.entries.map((e) => `${e.record.name}(${e.match})`);
  }
  return out;
}

describe('rankSearchResults: ordering within a group', () => {
  test.each<[string, string, Row[], string[]]>([
    [
      'exact > prefix > word-prefix > fuzzy',
      'harbour',
      [xpm('1', 'Dental on Harbour'), xpm('2', 'Harbourside Cafe'), xpm('3', 'Harbor Cafe'), xpm('4', 'The Harbour Pty Ltd'), xpm('5', 'Harbour Dental')],
      ['The Harbour Pty Ltd(exact)', 'Harbour Dental(prefix)', 'Harbourside Cafe(prefix)', 'Dental on Harbour(word_prefix)', 'Harbor Cafe(fuzzy)'],
    ],
    [
      'exact match ignores case, punctuation and legal form',
      'harbour dental pty. ltd.',
      [xpm('1', 'Harbour Dental Group'), xpm('2', 'HARBOUR DENTAL')],
      ['HARBOUR DENTAL(exact)', 'Harbour Dental Group(prefix)'],
    ],
    [
      'a one-letter query matches word starts',
      'd',
      [xpm('1', 'Harbour Dental'), xpm('2', 'Dunmore Motors'), xpm('3', 'Bayside Physio')],
      ['Dunmore Motors(prefix)', 'Harbour Dental(word_prefix)', 'Bayside Physio(fuzzy)'],
    ],
    [
      'a two-letter query',
      'ha',
      [xpm('1', 'Bayside Physio'), xpm('2', 'Harbour Dental'), xpm('3', 'Shaw Plumbing'), xpm('4', 'Ha')],
      ['Ha(exact)', 'Harbour Dental(prefix)', 'Shaw Plumbing(fuzzy)'],
    ],
    ['accents and & do not matter', 'cafe & co', [xpm('1', 'Café and Co'), xpm('2', 'Café Olé')], ['Café and Co(exact)', 'Café Olé(prefix)']],
    [
      'prefix ties break by closeness then name',
      'bay',
      [xpm('1', 'Bayside Physiotherapy'), xpm('2', 'Bayview Cafe'), xpm('3', 'Bayside Physio')],
      ['Bayview Cafe(prefix)', 'Bayside Physio(prefix)', 'Bayside Physiotherapy(prefix)'],
    ],
    [
      'fuzzy matches order by similarity and drop below the threshold',
      'jones acounting',
      [xpm('1', 'Jones Accountants'), xpm('2', 'Jones Accounting'), xpm('3', 'Zebra Motors')],
      ['Jones Accounting(fuzzy)', 'Jones Accountants(fuzzy)'],
    ],
    [
      'names alike but for case and accents tie on name and keep their id order',
      'cafe',
      [xpm('1', 'Ábc Cafe'), xpm('2', 'abc Cafe'), xpm('3', 'ABC CAFÉ')],
      ['Ábc Cafe(word_prefix)', 'abc Cafe(word_prefix)', 'ABC CAFÉ(word_prefix)'],
    ],
    ['a query inside a word is a fuzzy match even below the threshold', 'bour', [xpm('1', 'Harbour Dental')], ['Harbour Dental(fuzzy)']],
  ])('%s', (_name, query, records, expected) => {
    expect(summary(query, records).xpm).toEqual(expected);
  });
});

describe('rankSearchResults: groups, caps and collapsing', () => {
  test('groups by source in order practice, xpm, gusto; empty groups are left out', () => {
    const result = rankSearchResults('harbour', [gusto('g1', 'Harbour Dental'), xpm('x1', 'Harbour Dental'), xpm('x2', 'Harbour Motors')]);
    expect(result.groups.map((g) => g.source)).toEqual(['xpm', 'gusto']);
    expect(result.total).toBe(3);
  });

  test('caps each group (default 8) and keeps the uncapped count', () => {
    const records = Array.from({ length: 12 }, (_, i) => xpm(`x${i}`, `Harbour ${String(i).padStart(2, '0')}`));
    records.push(gusto('g1', 'Harbour Gusto'));
    const result = rankSearchResults('harbour', records);
    const [xpmGroup, gustoGroup] = result.groups;
    expect(xpmGroup?.entries).toHaveLength(8);
    expect(xpmGroup?.total).toBe(12);
    expect(xpmGroup?.hasMore).toBe(true);
    expect(gustoGroup?.entries).toHaveLength(1);
    expect(gustoGroup?.hasMore).toBe(false);
    expect(result.total).toBe(13);
    expect(rankSearchResults('harbour', records, { perGroup: 3 }).groups[0]?.entries).toHaveLength(3);
  });

  test('a linked external record is shown as its client, once, with both badges', () => {
    const result = rankSearchResults('harbour', [xpm('x1', 'Harbour Dental Pty Ltd', 'c1'), practice('c1', 'Harbour Dental'), xpm('x2', 'Harbour Motors')]);
    expect(result.groups.map((g) => g.source)).toEqual(['practice', 'xpm']);
    const [client] = result.groups[0]?.entries ?? [];
    expect(client).toMatchObject({ key: 'client:c1', clientId: 'c1', sources: ['practice', 'xpm'], match: 'prefix' });
    expect(client?.record).toEqual(practice('c1', 'Harbour Dental'));
    expect(client?.linked.map((r) => r.id)).toEqual(['x1']);
    expect(result.groups[1]?.entries.map((e) => e.record.id)).toEqual(['x2']);
    expect(result.total).toBe(2);
  });

  test('a client linked to both apps shows all three badges, once', () => {
    const result = rankSearchResults('harbour', [gusto('g1', 'Harbour Dental', 'c1'), xpm('x1', 'Harbour Dental', 'c1'), practice('c1', 'Harbour Dental')]);
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]?.entries).toHaveLength(1);
    expect(result.groups[0]?.entries[0]?.sources).toEqual(['practice', 'xpm', 'gusto']);
  });

  test('a client whose own name does not match is found through its linked record, and shown as the client', () => {
    const result = rankSearchResults('harbour', [practice('c1', 'HD Group'), xpm('x1', 'Harbour Dental', 'c1')]);
    const [entry] = result.groups[0]?.entries ?? [];
    expect(entry?.record.name).toBe('HD Group');
    expect(entry?.match).toBe('prefix');
    expect(entry?.sources).toEqual(['practice', 'xpm']);
  });

  test('a matching client brings the badge of a linked record that does not match', () => {
    const result = rankSearchResults('harbour', [practice('c1', 'Harbour Dental'), gusto('g1', 'HD Holdings', 'c1')]);
    expect(result.groups[0]?.entries[0]?.sources).toEqual(['practice', 'gusto']);
  });

  test('a linked record whose client is not in the results still collapses under the client', () => {
    const result = rankSearchResults('harbour', [xpm('x1', 'Harbour Dental', 'c9'), gusto('g1', 'Harbour Dental Pty Ltd', 'c9')]);
    expect(result.groups.map((g) => g.source)).toEqual(['practice']);
    const [entry] = result.groups[0]?.entries ?? [];
    expect(entry).toMatchObject({ key: 'client:c9', clientId: 'c9', sources: ['practice', 'xpm', 'gusto'] });
  });

  test("a client's linked apps give it their badges even when the linked records are not among the candidates", () => {
    const result = rankSearchResults('carter', [{ ...practice('c1', 'Carter Superannuation Fund'), linkedSources: ['gusto', 'xpm'] }, xpm('x2', 'Carter Bros')]);
    expect(result.groups[0]?.entries[0]).toMatchObject({ clientId: 'c1', sources: ['practice', 'xpm', 'gusto'] });
    expect(result.groups[1]?.entries.map((e) => e.record.id)).toEqual(['x2']);
    // The copy of the client a linked record brings along has no links of its own: both count.
    const broughtFirst = rankSearchResults('carter', [
      gusto('g1', 'Carter Super', 'c1'),
      practice('c1', 'Carter Super'),
      { ...practice('c1', 'Carter Super'), linkedSources: ['xpm'] },
    ]);
    expect(broughtFirst.groups[0]?.entries[0]?.sources).toEqual(['practice', 'xpm', 'gusto']);
  });

  test('the same record twice appears once', () => {
    const result = rankSearchResults('harbour', [xpm('x1', 'Harbour Dental'), xpm('x1', 'Harbour Dental')]);
    expect(result.total).toBe(1);
  });

  test('nothing matches: no groups', () => {
    expect(rankSearchResults('zzz', [xpm('x1', 'Harbour Dental')])).toEqual({ groups: [], total: 0 });
  });

  test('unknown sources follow the known ones, and groupOrder is configurable', () => {
    const records: Row[] = [{ id: 'q1', name: 'Harbour', source: 'qbo' }, xpm('x1', 'Harbour'), practice('c1', 'Harbour Co')];
    expect(rankSearchResults('harbour', records).groups.map((g) => g.source)).toEqual(['practice', 'xpm', 'qbo']);
    expect(rankSearchResults('harbour', records, { groupOrder: ['qbo', 'practice'] }).groups.map((g) => g.source)).toEqual(['qbo', 'practice', 'xpm']);
  });

  test('extra fields are carried through untouched', () => {
    const record: Row = { ...xpm('x1', 'Harbour Dental'), city: 'Sydney' };
    expect(rankSearchResults('harbour', [record]).groups[0]?.entries[0]?.record).toBe(record);
  });

  test.each<[string, MatchKind]>([
    ['Harbour Dental', 'exact'],
    ['harbour dent', 'prefix'],
    ['dental', 'word_prefix'],
    ['harbr dentl', 'fuzzy'],
  ])('query %j is a %s match for "Harbour Dental"', (query, match) => {
    expect(rankSearchResults(query, [practice('c1', 'Harbour Dental')]).groups[0]?.entries[0]?.match).toBe(match);
  });
});
