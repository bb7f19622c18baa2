import { describe, expect, test } from 'vitest';
import { type Answered, bulkChoiceLabel, type CountedPair, type Listed, pairsTakenByLinking, shownTally, snapshotIncludes, withoutPairs } from './decision-tally';

describe('snapshotIncludes: a transaction is in a snapshot as PostgreSQL decides it', () => {
  test.each([
    ['ended before xmin', '100:105:', '99', true],
    ['at xmin, ended since (not in progress)', '100:105:', '100', true],
    ['between xmin and xmax, not in progress', '100:105:101,103', '102', true],
    ['in progress when the snapshot was taken', '100:105:101,103', '103', false],
    ['at xmax: began after the snapshot', '100:105:', '105', false],
    ['after xmax', '100:105:', '240', false],
    ['64-bit ids (epoch and xid), beyond a double’s precision', '9007199254740993:9007199254740995:', '9007199254740994', true],
    ['64-bit ids, the next one not yet begun', '9007199254740993:9007199254740995:', '9007199254740995', false],
    ['an unreadable snapshot includes nothing', '', '1', false],
    ['an unreadable id is in no snapshot', '100:105:', 'x', false],
  ])('%s', (_, snapshot, xid, expected) => {
    expect(snapshotIncludes(snapshot, xid)).toBe(expected);
  });
});

const pair = (key: string, confidence: number): CountedPair => ({ key, confidence });

describe('withoutPairs takes pairs off the total and off each threshold they reach', () => {
  const tally = { total: 5, atOrAbove: { 90: 1, 70: 3, 50: 4 } };
  test.each([
    ['nothing taken', [], { total: 5, atOrAbove: { 90: 1, 70: 3, 50: 4 } }],
    ['a 92% pair leaves every threshold', [pair('a', 92)], { total: 4, atOrAbove: { 90: 0, 70: 2, 50: 3 } }],
    ['a 70% pair leaves 70 and below', [pair('b', 70)], { total: 4, atOrAbove: { 90: 1, 70: 2, 50: 3 } }],
    ['a 40% pair leaves only the total', [pair('c', 40)], { total: 4, atOrAbove: { 90: 1, 70: 3, 50: 4 } }],
    ['two pairs', [pair('a', 92), pair('c', 40)], { total: 3, atOrAbove: { 90: 0, 70: 2, 50: 3 } }],
    ['never below zero', [pair('a', 95), pair('d', 91)], { total: 3, atOrAbove: { 90: 0, 70: 1, 50: 2 } }],
  ])('%s', (_, pairs, expected) => {
    expect(withoutPairs(tally, pairs)).toEqual(expected);
  });
});

describe('shownTally: the newer of the page and the last answer, less the pairs still being decided', () => {
  // The page was drawn under snapshot 100:105 with 3 pairs; the first decision (xid 104, in
  // progress then) left 2, the second (xid 107) left 1.
  const listedBefore: Listed = { asOf: '100:105:104', total: 3, atOrAbove: { 90: 2, 50: 3 } };
  const listedAfterFirst: Listed = { asOf: '106:106:', total: 2, atOrAbove: { 90: 1, 50: 2 } };
  const listedAfterBoth: Listed = { asOf: '108:108:', total: 1, atOrAbove: { 90: 0, 50: 1 } };
  const first: Answered = { xid: '104', tally: { total: 2, atOrAbove: { 90: 1, 50: 2 } } };
  const second: Answered = { xid: '107', tally: { total: 1, atOrAbove: { 90: 0, 50: 1 } } };

  test.each([
    ['nothing decided: the page', listedBefore, null, [], { total: 3, atOrAbove: { 90: 2, 50: 3 } }],
    ['a decision sent: its pair is off at once', listedBefore, null, [pair('p1', 95)], { total: 2, atOrAbove: { 90: 1, 50: 2 } }],
    ['answered, the refresh not drawn yet: the answer', listedBefore, first, [], { total: 2, atOrAbove: { 90: 1, 50: 2 } }],
    ['answered, the second sent: the answer less the second pair', listedBefore, first, [pair('p2', 93)], { total: 1, atOrAbove: { 90: 0, 50: 1 } }],
    // The trial's stale "2 likely pairs": the first decision's refresh drawn after the second was answered.
    ['the first refresh drawn after the second answer: the second answer still', listedAfterFirst, second, [], { total: 1, atOrAbove: { 90: 0, 50: 1 } }],
    ['the refresh that includes the last answer: the page', listedAfterBoth, second, [], { total: 1, atOrAbove: { 90: 0, 50: 1 } }],
    [
      'the page newer still (another admin added a pair): the page',
      { ...listedAfterBoth, asOf: '110:110:', total: 2, atOrAbove: { 90: 1, 50: 2 } },
      second,
      [],
      { total: 2, atOrAbove: { 90: 1, 50: 2 } },
    ],
    ['a failed decision leaves no pending pair: the count is back', listedAfterFirst, first, [], { total: 2, atOrAbove: { 90: 1, 50: 2 } }],
  ])('%s', (_, listed, answered, pending, expected) => {
    expect(shownTally(listed, answered, pending)).toEqual(expected);
  });
});

describe('pairsTakenByLinking: every pair sharing a side with a linked pair leaves the list', () => {
  const row = (key: string, clientId: string, app: string, externalId: string) => ({ key, clientId, app, externalId });
  const rows = [
    row('c1-x1', 'c1', 'xpm', 'x1'),
    row('c1-x2', 'c1', 'xpm', 'x2'), // the same client, another XPM record
    row('c2-x1', 'c2', 'xpm', 'x1'), // the same record, another client
    row('c1-g1', 'c1', 'gusto', 'g1'), // the same client in another app: still free there
    row('c3-x3', 'c3', 'xpm', 'x3'),
  ];
  test.each([
    ['one pair', [rows[0]!], ['c1-x1', 'c1-x2', 'c2-x1']],
    ['a pair with nothing shared', [rows[4]!], ['c3-x3']],
    ['several (a bulk confirmation)', [rows[3]!, rows[4]!], ['c1-g1', 'c3-x3']],
    ['a pair not on this page still takes its sides’ pairs here', [row('c9-x2', 'c9', 'xpm', 'x2')], ['c1-x2']],
  ])('%s', (_, linked, expected) => {
    expect(pairsTakenByLinking(linked, rows).map((r) => r.key)).toEqual(expected);
  });
});

describe('bulkChoiceLabel: a threshold counts what confirming it would link', () => {
  const tally = { total: 6, atOrAbove: { 90: 3, 70: 4, 50: 6 }, linkable: { 90: 1, 70: 4, 50: 5 } };
  test.each([
    ['some pairs share a side: links fewer than reach it', 90, tally, '90% confidence (links 1 of 3 pairs)'],
    ['all would be linked', 70, tally, '70% confidence (4 pairs)'],
    ['one left for a person', 50, tally, '50% confidence (links 5 of 6 pairs)'],
    ['nothing reaches it', 80, { total: 0, atOrAbove: { 80: 0 }, linkable: { 80: 0 } }, '80% confidence (0 pairs)'],
    ['none of them can be linked', 90, { total: 2, atOrAbove: { 90: 2 }, linkable: { 90: 0 } }, '90% confidence (links 0 of 2 pairs)'],
    ['no linkable counts (an older answer): the pairs', 90, { total: 3, atOrAbove: { 90: 3 } }, '90% confidence (3 pairs)'],
  ])('%s', (_name, choice, t, label) => {
    expect(bulkChoiceLabel(choice, t)).toBe(label);
  });

  test('a pair being decided takes the linkable count no higher than the pairs left; the server’s answer says the rest', () => {
    expect(withoutPairs(tally, [pair('a', 95), pair('b', 92)])).toEqual({ total: 4, atOrAbove: { 90: 1, 70: 2, 50: 4 }, linkable: { 90: 1, 70: 2, 50: 4 } });
    expect(withoutPairs(tally, [pair('c', 40)]).linkable).toEqual(tally.linkable);
  });
});
