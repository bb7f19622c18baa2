import { describe, expect, test } from 'vitest';
import { normalizeName } from '@/lib/sync/matching';
import { decideAutoLinks, pairKey } from './auto-link';

const record = (externalId: string, name: string) => ({ externalId, normalizedName: normalizeName(name) });

describe('decideAutoLinks: only an exact normalised-name match with one client links by itself', () => {
  test.each([
    ['same name', 'Blue Gum Bakery', 'Blue Gum Bakery'],
    ['legal form added', 'Blue Gum Bakery Pty Ltd', 'Blue Gum Bakery'],
    ['legal form punctuated', 'Blue Gum Bakery Pty. Ltd.', 'BLUE GUM BAKERY LIMITED'],
    ['Inc / LLC', 'Acme, Inc.', 'Acme LLC'],
    ['& / and', 'Jones & Partners', 'Jones and Partners'],
    ['case and spacing', '  jones   AND partners ', 'Jones & Partners'],
    ['punctuation', "Mike's Motors!", 'Mikes Motors'],
  ])('%s: %j links to %j', (_, app, here) => {
    expect(decideAutoLinks([record('r1', app)], [{ id: 'c1', name: here }])).toEqual({ links: [{ externalId: 'r1', clientId: 'c1' }], skipped: [], unmatched: [] });
  });

  test.each([
    ['a different word', 'Blue Gum Bakeries', 'Blue Gum Bakery'],
    ['an extra word', 'Blue Gum Bakery Group', 'Blue Gum Bakery'],
    ['a fuzzy neighbour', 'Northshore Dental', 'North Shore Dental'],
    ['a number', 'Blue Gum Bakery 2', 'Blue Gum Bakery'],
  ])('%s: %j does not link to %j (no client has its name: a run that imports would create one)', (_, app, here) => {
    expect(decideAutoLinks([record('r1', app)], [{ id: 'c1', name: here }])).toEqual({ links: [], skipped: [], unmatched: ['r1'] });
  });

  test('several clients with the name: skipped, for a person to choose', () => {
    const decided = decideAutoLinks(
      [record('r1', 'Harbour Dental')],
      [
        { id: 'c1', name: 'Harbour Dental Pty Ltd' },
        { id: 'c2', name: 'harbour dental' },
      ],
    );
    expect(decided).toEqual({ links: [], skipped: [{ externalId: 'r1', reason: 'several_clients' }], unmatched: [] });
  });

  test('several records with the name: none links (which one is the client is a person’s call)', () => {
    const decided = decideAutoLinks([record('r1', 'Harbour Dental'), record('r2', 'Harbour Dental Ltd')], [{ id: 'c1', name: 'Harbour Dental' }]);
    expect(decided).toEqual({
      links: [],
      skipped: [
        { externalId: 'r1', reason: 'several_records' },
        { externalId: 'r2', reason: 'several_records' },
      ],
      unmatched: [],
    });
  });

  test('several clients and several records with the name: the clients are the reason given', () => {
    const decided = decideAutoLinks(
      [record('r1', 'Harbour Dental'), record('r2', 'Harbour Dental Ltd')],
      [
        { id: 'c1', name: 'Harbour Dental' },
        { id: 'c2', name: 'Harbour Dental Inc' },
      ],
    );
    expect(decided.skipped.map((s) => s.reason)).toEqual(['several_clients', 'several_clients']);
    expect(decided.links).toEqual([]);
  });

  test('each record is decided on its own name', () => {
    const decided = decideAutoLinks(
      [record('r1', 'Alpha Co'), record('r2', 'Beta Inc'), record('r3', 'Gamma')],
      [
        { id: 'c1', name: 'Alpha' },
        { id: 'c2', name: 'Beta LLC' },
        { id: 'c3', name: 'Delta' },
      ],
    );
    expect(decided.links).toEqual([
      { externalId: 'r1', clientId: 'c1' },
      { externalId: 'r2', clientId: 'c2' },
    ]);
    expect(decided.skipped).toEqual([]);
    expect(decided.unmatched).toEqual(['r3']);
  });

  test('a name of punctuation only matches nothing', () => {
    expect(decideAutoLinks([record('r1', '!!!')], [{ id: 'c1', name: '???' }])).toEqual({ links: [], skipped: [], unmatched: ['r1'] });
  });

  test('a pair taken apart before (an Unlink, a Relink away, an undo) is skipped, not linked again by name', () => {
    const apart = new Set([pairKey('c1', 'r1')]);
    expect(
      decideAutoLinks(
        [record('r1', 'Kelly Family Trust'), record('r2', 'Wattle Dental')],
        [
          { id: 'c1', name: 'Kelly Family Trust' },
          { id: 'c2', name: 'Wattle Dental' },
        ],
        apart,
      ),
    ).toEqual({
      links: [{ externalId: 'r2', clientId: 'c2' }],
      skipped: [{ externalId: 'r1', reason: 'unlinked_before' }],
      unmatched: [],
    });
    // Another client of that name, or another record of it, is not held apart by this pair.
    expect(decideAutoLinks([record('r9', 'Kelly Family Trust')], [{ id: 'c1', name: 'Kelly Family Trust' }], apart).links).toEqual([{ externalId: 'r9', clientId: 'c1' }]);
  });

  describe('a same-named client with a different number is another business: skipped, never linked or imported', () => {
    const trust = (numbers: object) => ({ ...record('r1', 'Kelly Family Trust'), ...numbers });
    test.each([
      ['business numbers differ', { businessNumber: '32 577 062 306' }, { businessNumber: '16 318 978 323' }, 'business_number_differs'],
      ['tax numbers differ', { taxNumber: '123456788' }, { taxNumber: '123 456 789' }, 'tax_number_differs'],
      ['XPM’s masked tax number ends differently', { taxNumber: '*****6788' }, { taxNumber: '123 456 789' }, 'tax_number_differs'],
    ])('%s', (_, inApp, here, reason) => {
      expect(decideAutoLinks([trust(inApp)], [{ id: 'c1', name: 'Kelly Family Trust', ...here }])).toEqual({
        links: [],
        skipped: [{ externalId: 'r1', reason }],
        unmatched: [],
      });
    });

    test.each([
      ['the same number, written differently', { businessNumber: '16318978323' }, { businessNumber: '16 318 978 323' }],
      ['XPM’s masked tax number ends the same', { taxNumber: '*****6789' }, { taxNumber: '123 456 789' }],
      ['only the record has a number', { businessNumber: '32 577 062 306' }, {}],
      ['only the client has a number', {}, { businessNumber: '16 318 978 323' }],
      ['a tax number beside a business number', { taxNumber: '123456789' }, { businessNumber: '16 318 978 323' }],
    ])('%s: links', (_, inApp, here) => {
      expect(decideAutoLinks([trust(inApp)], [{ id: 'c1', name: 'Kelly Family Trust', ...here }]).links).toEqual([{ externalId: 'r1', clientId: 'c1' }]);
    });

    test('numbers are only compared once the name picks one client and one record', () => {
      const twoClients = decideAutoLinks(
        [trust({ businessNumber: '32 577 062 306' })],
        [
          { id: 'c1', name: 'Kelly Family Trust', businessNumber: '16 318 978 323' },
          { id: 'c2', name: 'Kelly Family Trust Pty Ltd' },
        ],
      );
      expect(twoClients.skipped).toEqual([{ externalId: 'r1', reason: 'several_clients' }]);
    });
  });
});
