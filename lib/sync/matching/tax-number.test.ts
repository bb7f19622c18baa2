import { describe, expect, test } from 'vitest';
import { differingNumber, normalizeTaxNumber, taxNumbersMatch } from './tax-number';

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

describe('differingNumber: same-kind numbers that prove two same-named records are different businesses', () => {
  test.each([
    // the trial's pair: one trust's ABN here, another's in XPM
    [{ businessNumber: '16 318 978 323' }, { businessNumber: '32 577 062 306' }, 'business_number'],
    [{ businessNumber: '16 318 978 323' }, { businessNumber: '16318978323' }, null],
    [{ taxNumber: '123 456 789' }, { taxNumber: '123-456-788' }, 'tax_number'],
    [{ taxNumber: '123 456 789' }, { taxNumber: '123456789' }, null],
    // XPM masks tax numbers: only the visible digits are evidence
    [{ taxNumber: '123 456 789' }, { taxNumber: '*****6789' }, null],
    [{ taxNumber: '123 456 789' }, { taxNumber: '*****6788' }, 'tax_number'],
    [{ taxNumber: '*****6789' }, { taxNumber: '*****6788' }, 'tax_number'],
    [{ taxNumber: '123 456 789' }, { taxNumber: '*******89' }, null], // two digits: no evidence
    // a missing or unreadable number on either side is no evidence
    [{ taxNumber: '123456789' }, {}, null],
    [{}, { businessNumber: '16 318 978 323' }, null],
    [{ taxNumber: null, businessNumber: null }, { taxNumber: '123', businessNumber: '456' }, null],
    [{ businessNumber: 'n/a' }, { businessNumber: '16 318 978 323' }, null],
    [{}, {}, null],
    // an ABN holds its company's ACN as its last 9 digits: XPM may give the ACN alone
    [{ businessNumber: '51 824 753 556' }, { businessNumber: '824 753 556' }, null],
    [{ businessNumber: '51 824 753 556' }, { businessNumber: '824 753 557' }, 'business_number'],
    // …but a short number inside a longer one is chance, not a company number
    [{ businessNumber: '51 824 753 556' }, { businessNumber: '3556' }, 'business_number'],
    // a tax number is never compared with a business number
    [{ taxNumber: '123456789' }, { businessNumber: '987654321' }, null],
    [{ businessNumber: '12-3456789' }, { taxNumber: '98-7654321' }, null],
    // both kinds given: the tax number is named first; agreeing on one does not excuse the other
    [{ taxNumber: '111111111', businessNumber: '22 222 222 222' }, { taxNumber: '111111112', businessNumber: '33 333 333 333' }, 'tax_number'],
    [{ taxNumber: '111111111', businessNumber: '22 222 222 222' }, { taxNumber: '111 111 111', businessNumber: '33 333 333 333' }, 'business_number'],
    [{ taxNumber: '111111111', businessNumber: '22 222 222 222' }, { taxNumber: '*****1111', businessNumber: '22222222222' }, null],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(differingNumber(a, b)).toBe(expected);
    expect(differingNumber(b, a)).toBe(expected); // symmetric
  });
});
