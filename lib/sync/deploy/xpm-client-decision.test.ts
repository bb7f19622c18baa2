import { describe, expect, test } from 'vitest';
import { decideXpmClient, mergeCandidates, type XpmCandidate } from './xpm-client-decision';

const CLIENT = { id: 'local-1', name: 'Bluegum Bakery' };
const candidate = (uuid: string, name: string, extra: Partial<XpmCandidate> = {}): XpmCandidate => ({
  uuid,
  name,
  isProspect: false,
  archived: false,
  linkedClientId: null,
  ...extra,
});

describe('decideXpmClient', () => {
  test('no XPM client of that name → create it in XPM', () => {
    expect(decideXpmClient(CLIENT, [candidate('a', 'Bluegum Bakehouse'), candidate('b', 'Blue Gum Bakery Cafe')], [])).toEqual({ kind: 'create' });
    expect(decideXpmClient(CLIENT, [], [])).toEqual({ kind: 'create' });
  });

  test.each([
    ['a legal form', 'Bluegum Bakery Pty Ltd'],
    ['another legal form and case', 'BLUEGUM BAKERY LIMITED'],
    ['punctuation and spacing', 'Bluegum  Bakery, Pty. Ltd.'],
  ])('one exact normalised match (%s) → link it', (_label, name) => {
    const match = candidate('a', name);
    expect(decideXpmClient(CLIENT, [match, candidate('b', 'Bluegum Bakehouse')], [])).toEqual({ kind: 'link', candidate: match, makeClient: false });
  });

  test('a match found only by the live search (the directory is minutes old) links too', () => {
    const fresh = candidate('new', 'Bluegum Bakery Ltd');
    expect(decideXpmClient(CLIENT, [], [fresh])).toEqual({ kind: 'link', candidate: fresh, makeClient: false });
  });

  test('a matched prospect becomes a client: the practice has won it', () => {
    const prospect = candidate('a', 'Bluegum Bakery', { isProspect: true });
    expect(decideXpmClient(CLIENT, [prospect], [])).toEqual({ kind: 'link', candidate: prospect, makeClient: true });
  });

  test('several exact matches → an admin chooses, never a guess', () => {
    const one = candidate('a', 'Bluegum Bakery Pty Ltd');
    const two = candidate('b', 'Bluegum Bakery Limited');
    expect(decideXpmClient(CLIENT, [one], [two])).toEqual({ kind: 'choose', reason: 'several_matches', candidates: [one, two] });
  });

  test('archived or deleted XPM clients are never matched', () => {
    expect(decideXpmClient(CLIENT, [candidate('a', 'Bluegum Bakery', { archived: true })], [])).toEqual({ kind: 'create' });
    const live = candidate('b', 'Bluegum Bakery');
    expect(decideXpmClient(CLIENT, [candidate('a', 'Bluegum Bakery', { archived: true }), live], [])).toEqual({ kind: 'link', candidate: live, makeClient: false });
  });

  test('the live answer overrides the directory: archived since, or renamed since', () => {
    expect(decideXpmClient(CLIENT, [candidate('a', 'Bluegum Bakery')], [candidate('a', 'Bluegum Bakery', { archived: true })])).toEqual({ kind: 'create' });
    const renamed = candidate('a', 'Bluegum Bakery');
    expect(decideXpmClient(CLIENT, [candidate('a', 'Old Name Ltd')], [renamed])).toEqual({ kind: 'link', candidate: renamed, makeClient: false });
  });

  test('an XPM client already linked to another client here is neither taken over nor silently duplicated', () => {
    const taken = candidate('a', 'Bluegum Bakery', { linkedClientId: 'local-2' });
    expect(decideXpmClient(CLIENT, [taken], [])).toEqual({ kind: 'choose', reason: 'linked_elsewhere', candidates: [taken] });
    const free = candidate('b', 'Bluegum Bakery Ltd');
    expect(decideXpmClient(CLIENT, [taken, free], [])).toEqual({ kind: 'link', candidate: free, makeClient: false });
  });

  test('already linked to this client (a retried deployment) → that link, even among several', () => {
    const ours = candidate('a', 'Bluegum Bakery', { linkedClientId: 'local-1' });
    expect(decideXpmClient(CLIENT, [ours, candidate('b', 'Bluegum Bakery Ltd')], [])).toEqual({ kind: 'link', candidate: ours, makeClient: false });
  });

  describe('a same-name XPM client with another tax or business number may be another business: an admin decides', () => {
    const trust = { id: 'local-1', name: 'Kelly Family Trust', taxNumber: null, businessNumber: '16 318 978 323' };
    test.each([
      ['business number', { businessNumber: '32 577 062 306' }, trust, 'business_number_differs'],
      ['masked tax number', { taxNumber: '*****2333' }, { ...trust, taxNumber: '111 222 999' }, 'tax_number_differs'],
    ] as const)('the %s differs → choose, with that one candidate', (_label, numbers, client, reason) => {
      const namesake = candidate('a', 'Kelly Family Trust', numbers);
      expect(decideXpmClient(client, [namesake], [])).toEqual({ kind: 'choose', reason, candidates: [namesake] });
    });

    test.each([
      ['the same number, spaced differently', { businessNumber: '16318978323' }],
      ['no number in XPM', {}],
      ['a masked tax number against no tax number here', { taxNumber: '*****2333' }],
    ])('%s → link', (_label, numbers) => {
      const namesake = candidate('a', 'Kelly Family Trust', numbers);
      expect(decideXpmClient(trust, [namesake], [])).toEqual({ kind: 'link', candidate: namesake, makeClient: false });
    });

    test('the live answer’s number counts: changed in XPM since the directory was read', () => {
      const stale = candidate('a', 'Kelly Family Trust', { businessNumber: '16 318 978 323' });
      const fresh = candidate('a', 'Kelly Family Trust', { businessNumber: '32 577 062 306' });
      expect(decideXpmClient(trust, [stale], [fresh])).toMatchObject({ kind: 'choose', reason: 'business_number_differs' });
    });

    test('already linked to this client (a retry, or an admin chose it) → that link, whatever the numbers', () => {
      const ours = candidate('a', 'Kelly Family Trust', { businessNumber: '32 577 062 306', linkedClientId: 'local-1' });
      expect(decideXpmClient(trust, [ours], [])).toEqual({ kind: 'link', candidate: ours, makeClient: false });
    });
  });

  test('an empty name matches nothing', () => {
    expect(decideXpmClient({ id: 'x', name: '  ' }, [candidate('a', ''), candidate('b', ' ')], [])).toEqual({ kind: 'create' });
  });
});

describe('mergeCandidates', () => {
  test('one per XPM client (uuid in any case); the live copy wins but keeps the directory’s link', () => {
    const merged = mergeCandidates([candidate('ABC', 'Old', { linkedClientId: 'local-9' }), candidate('d', 'D')], [candidate('abc', 'New', { isProspect: true })]);
    expect(merged).toEqual([candidate('abc', 'New', { isProspect: true, linkedClientId: 'local-9' }), candidate('d', 'D')]);
  });
});
