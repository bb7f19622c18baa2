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
