import { describe, expect, test } from 'vitest';
import { normalizeTaxNumber, taxNumbersMatch } from './tax-number';

describe('normalizeTaxNumber', () => {
  test.each([
    ['12 345 678 901', { digits: '12345678901', masked: false }],
    ['12-3456789', { digits: '123456789', masked: false }],
    ['ABN 51 824 753 556', { digits: '51824753556', masked: false }],
    ['*****6789', { digits: '6789', masked: true }],
    ['***-**-6789', { digits: '6789', masked: true }],
    ['XXXXX6789', { digits: '6789', masked: true }],
    ['•••• 6789', { digits: '6789', masked: true }],
    ['12*****89', null], // two visible trailing digits is not enough to compare
    ['*********', null],
    ['', null],
    ['   ', null],
    ['n/a', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeTaxNumber(input)).toEqual(expected);
  });
});

describe('taxNumbersMatch', () => {
  test.each([
    ['12 345 678 901', '12345678901', true],
    ['12-3456789', '123456789', true],
    ['12 345 678 901', '12 345 678 902', false],
    // masked: only the visible digits compare
    ['*****6789', '123456789', true],
    ['123456789', '*****6789', true],
    ['*****6789', '123456788', false],
    ['*****6789', '***6789', true],
    ['****56789', '*****6789', true],
    ['****56789', '****46789', false],
    // a whole number shorter than the other's visible digits is another number
    ['6789', '****56789', false],
    [null, '123', false],
    ['123', null, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(taxNumbersMatch(normalizeTaxNumber(a), normalizeTaxNumber(b))).toBe(expected);
  });
});
