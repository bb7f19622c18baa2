import { describe, expect, test } from 'vitest';
import { distinctTaxEndings, fieldChangeShown, maskedTaxNumberEnding, taxNumberEnding, taxNumberShown } from './tax-number';

describe('taxNumberEnding', () => {
  test.each([
    ['*****6635', '635'],
    ['•••635', '635'],
    ['123 456 635', '635'],
    ['**', null],
    [null, null],
    ['', null],
  ])('%s → %s', (value, expected) => {
    expect(taxNumberEnding(value)).toBe(expected);
  });
});

describe('maskedTaxNumberEnding', () => {
  test.each([
    ['no whole number: the masked ending', null, '*****6635', '635'],
    ['a blank number is no number', '  ', '*****6635', '635'],
    ['a whole number: no ending', '123 456 789', '*****6635', null],
    ['nothing masked kept', null, null, null],
  ])('%s', (_, taxNumber, masked, expected) => {
    expect(maskedTaxNumberEnding(taxNumber, masked)).toBe(expected);
  });
});

describe('taxNumberShown', () => {
  test.each([
    ['the whole number wins over a masked ending', '123 456 635', '635', '123 456 635'],
    ['only a masked ending: "ending 635"', null, '635', 'ending 635'],
    ['a blank number is no number', '  ', '635', 'ending 635'],
    ['nothing known', null, null, null],
  ])('%s', (_, taxNumber, ending, expected) => {
    expect(taxNumberShown(taxNumber, ending)).toBe(expected);
  });
});

describe('distinctTaxEndings', () => {
  test.each([
    ['endings differ in three digits: three', '123 456 789', '*****6788', ['789', '788']],
    ['the same last three, a different fourth: four', '123 455 789', '*****6789', ['5789', '6789']],
    ['whole numbers differing only further in: four digits, no more (a secret)', '111 222 333', '999 222 333', ['2333', '2333']],
    ['never more than both show', '99 123 456 789', '*****6789', ['6789', '6789']],
    ['a side with too few digits: each its own ending', '**', '123 456 789', [null, '789']],
    ['no number', null, '123 456 789', [null, '789']],
  ] as const)('%s', (_, a, b, expected) => {
    expect(distinctTaxEndings(a, b)).toEqual(expected);
  });
});

describe('fieldChangeShown: a run or preview shows a masked tax number by its ending, as the client list does', () => {
  test.each([
    ["XPM's masked number before ours: its three-digit ending", { field: 'taxNumber', before: '*****6789', after: '123 456 111' }, { before: 'ending 789', after: '123 456 111' }],
    [
      'the same last three as ours: four, so the change does not read as none',
      { field: 'taxNumber', before: '*****6789', after: '123 455 789' },
      { before: 'ending 6789', after: '123 455 789' },
    ],
    ['masked after (never sent, but never spelled out either)', { field: 'taxNumber', before: null, after: '*****6789' }, { before: null, after: 'ending 789' }],
    ['whole numbers as they are', { field: 'taxNumber', before: '123 456 789', after: '123 456 111' }, { before: '123 456 789', after: '123 456 111' }],
    ['a mask showing too few digits stays as it is', { field: 'taxNumber', before: '****', after: '1234' }, { before: '****', after: '1234' }],
    ['another field is never touched', { field: 'name', before: '*****6789', after: 'Acme' }, { before: '*****6789', after: 'Acme' }],
  ])('%s', (_, change, expected) => {
    expect(fieldChangeShown(change)).toEqual({ field: change.field, ...expected });
  });
});
