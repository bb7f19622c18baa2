import { describe, expect, test } from 'vitest';
import { editDistance, namesDifferOnlyBySlips } from './word-slips';

describe('namesDifferOnlyBySlips', () => {
  test.each([
    // a, b, expected
    ['a letter swapped', 'Valley Marketing LLC', 'Valley Marekting LLC', true],
    ['two letters swapped in a long word', 'Kowhai Landscaping', 'Kowhai Landscpaing', true],
    ['a letter left out', 'Summit Peak Consulting', 'Summit Peak Consluting', true],
    ['a letter doubled', 'Harbour Dental', 'Harbour Denntal', true],
    ['the last letter doubled', 'Summit Peak Consulting', 'Summitt Peak Consulting', true],
    ['one letter more on a longer word', 'The Clark Family Trust', 'Clarke Family Trust', true],
    ['a changed ending', 'Summit Peak Consulting', 'Summit Peak Consultants', true],
    ['a plural', 'Martin Super Fund', 'Martin Super Funds', true],
    ['another ending of the same word', 'Northwind Traders', 'Northwind Trading', true],
    ['a short form of a word', 'Acme Intl Freight', 'Acme International Freight', true],
    ['brothers, shortened', 'Nelson Bros Motors', 'Nelson Brothers Motors', true],
    ['a shortened word', 'Henderson Super Fund', 'Henderson Superannuation Fund', true],
    ['words run together', 'Bluegum Physiotherapy', 'Blue Gum Physiotherapy Pty Ltd', true],
    ['a word added by the longer name', 'Summit Consulting', 'Summit Peak Consulting', true],
    ['an initial for a word', 'J Smith Plumbing', 'John Smith Plumbing', true],
    ['legal forms and punctuation are not words of the name', 'Smith & Sons Pty. Ltd.', 'Smith and Sons', true],
    ['the same name', 'Acme Widgets', 'Acme Widgets', true],
    ['in either order of arguments', 'Summit Peak Consultants', 'Summit Peak Consulting', true],
    ['another family name', 'Nguyen Superannuation Fund', 'Smith Superannuation Fund', false],
    ['another partner', 'Henderson & Roberts Partners', 'Henderson & Chen Partners', false],
    ['names that begin alike, then differ', 'Roberts Family Trust', 'Robinson Family Trust', false],
    ['a family name that grows is another family', 'Harris Family Trust', 'Harrison Family Trust', false],
    ['another family that grows by -son', 'Williams Super Fund', 'Williamson Super Fund', false],
    ['another family that grows by -ez', 'Martin Super Fund', 'Martinez Super Fund', false],
    ['another family that grows by a letter', 'Tran Family Trust', 'Trang Family Trust', false],
    ['another family with the same beginning', 'Thomas Family Trust', 'Thompson Family Trust', false],
    ['each word against a word of its own', 'Smith & Smith Lawyers', 'Smith & Jones Lawyers', false],
    ['short names that differ wholly', 'Lee Retirement Fund', 'Ryan Retirement Fund', false],
    ['a short word one letter off is another word', 'Tan Family Trust', 'Tao Family Trust', false],
    ['numbers are never misspelt', 'Unit 4 Holdings', 'Unit 5 Holdings', false],
    ['a longer number is another number', 'Level 12 Holdings', 'Level 120 Holdings', false],
    ['a word of the shorter name missing from the longer', 'Acme Plumbing', 'Acme Electrical Services', false],
    ['an initial that starts no word there', 'K Smith Plumbing', 'John Smith Plumbing', false],
    ['an empty name', '', 'Acme', false],
    ['a name of punctuation only', '&&', 'Acme', false],
  ])('%s: “%s” / “%s”', (_, a, b, expected) => {
    expect(namesDifferOnlyBySlips(a, b)).toBe(expected);
    expect(namesDifferOnlyBySlips(b, a)).toBe(expected);
  });
});

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['ab', 'abc', 1],
    ['abcd', 'abdc', 1], // neighbours swapped: one edit
    ['marketing', 'marekting', 1],
    ['kitten', 'sitting', 3],
  ])('%s → %s: %i', (a, b, expected) => {
    expect(editDistance(a, b, 5)).toBe(expected);
  });

  test('stops at the limit: anything past it is limit + 1', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('nguyen', 'smith', 2)).toBe(3);
  });
});
