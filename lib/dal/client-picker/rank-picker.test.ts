import { describe, expect, test } from 'vitest';
import type { PickerRecord } from './search-query';
import { taxNumberEnding } from '@/lib/clients/tax-number';
import { PER_GROUP, rankPickerCandidates } from './search';

const record = (source: PickerRecord['source'], id: string, name: string, extra: Partial<PickerRecord> = {}): PickerRecord => ({
  source,
  id,
  name,
  linkedClientId: null,
  email: null,
  city: null,
  taxNumber: null,
  isProspect: false,
  ...extra,
});

describe('rankPickerCandidates', () => {
  test('groups by source in a fixed order: exact > prefix > later word > fuzzy within each', () => {
    const result = rankPickerCandidates(
      'harbour',
      [
        record('gusto', 'g1', 'Coastal Harbour Cafe'),
        record('xpm', 'x1', 'Harbor Engineering'),
        record('xpm', 'x2', 'Harbour Engineering'),
        record('practice', 'c1', 'The Harbourside Group'),
        record('practice', 'c2', 'Harbour'),
        record('practice', 'c3', 'Harbour Dental Pty Ltd'),
      ],
      ['xpm', 'gusto'],
    );
    expect(result.groups.map((g) => [g.source, g.entries.map((e) => e.name)])).toEqual([
      ['practice', ['Harbour', 'Harbour Dental Pty Ltd', 'The Harbourside Group']],
      ['xpm', ['Harbour Engineering', 'Harbor Engineering']],
      ['gusto', ['Coastal Harbour Cafe']],
    ]);
    expect(result.shown).toBe(6);
    expect(result.apps).toEqual(['xpm', 'gusto']);
  });

  test('a linked record is collapsed into its client: one entry, both badges, picking it picks the client', () => {
    const result = rankPickerCandidates(
      'pelican',
      [record('xpm', 'x9', 'Pelican Plumbing Pty Ltd', { linkedClientId: 'c9' }), record('practice', 'c9', 'Pelican Plumbing')],
      ['xpm'],
    );
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]!.entries).toEqual([
      expect.objectContaining({ key: 'client:c9', clientId: 'c9', external: null, name: 'Pelican Plumbing', sources: ['practice', 'xpm'] }),
    ]);
  });

  test('an unlinked external record is picked as that record', () => {
    const [entry] = rankPickerCandidates('kauri', [record('gusto', 'g7', 'Kauri Landscaping', { city: 'Austin', taxNumber: '12-3456789' })], ['gusto']).groups[0]!.entries;
    expect(entry).toMatchObject({ clientId: null, external: { app: 'gusto', externalId: 'g7' }, city: 'Austin', taxNumberEnding: '789', highlight: [[0, 5]] });
  });

  test(`at most ${PER_GROUP} per group, saying there are more`, () => {
    const many = Array.from({ length: 20 }, (_, i) => record('xpm', `x${i}`, `Summit ${String(i).padStart(2, '0')}`));
    const [group] = rankPickerCandidates('summit', many, ['xpm']).groups;
    expect(group!.entries).toHaveLength(PER_GROUP);
    expect(group).toMatchObject({ total: 20, hasMore: true });
  });
});

describe('taxNumberEnding', () => {
  test.each([
    ['51 824 753 556', '556'],
    ['*****4321', '321'],
    ['12', '12'],
    [null, null],
    ['', null],
  ])('%j → %j', (input, expected) => expect(taxNumberEnding(input)).toBe(expected));
});
