import { describe, expect, test } from 'vitest';
import { trigrams, trigramSimilarity } from './trigram';

describe('trigramSimilarity matches PostgreSQL pg_trgm similarity()', () => {
  // Expected values were produced by pg_trgm itself (PGlite 0.5, `select similarity(a, b)`);
  // pg_trgm returns float4, hence the 6-digit comparison.
  test.each([
    ['word', 'two words', 0.36363637],
    ['abc', 'abc', 1],
    ['abc', 'xyz', 0],
    ['', '', 0],
    ['a', 'a', 1],
    ['a', '', 0],
    ['harbour dental', 'harbour dentistry', 0.5714286],
    ['Harbour Dental', 'HARBOUR DENTAL', 1],
    ['smith plumbing', 'jones plumbing', 0.42857143],
    ['abc pty ltd', 'xyz pty ltd', 0.5],
    ['hello', 'hallo', 0.33333334],
    ['Smith & Sons', 'Smith and Sons', 0.71428573],
    ['foo-bar', 'foo bar', 1],
    ['foo_bar', 'foo bar', 1],
    ['aaaa', 'aaa', 1], // a set: repeated trigrams count once
    ['ab', 'ba', 0],
    ["o'brien", 'obrien', 0.5],
    ['12 345 678', '12345678', 0.33333334],
    ['café', 'cafe', 0.42857143],
    ['Jones Accounting', 'Jones Accountants', 0.59090906],
    ['harb', 'harbour dental', 0.25],
    ['x', 'harbour dental', 0],
    ['harbour', 'harbour dental', 0.53333336],
    ['résumé', 'resume', 0.16666667],
  ])('similarity(%j, %j) = %f', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 6);
    expect(trigramSimilarity(b, a)).toBeCloseTo(expected, 6); // symmetric
  });

  test('trigrams of a word are padded with two spaces before and one after, like show_trgm', () => {
    expect([...trigrams('word')].sort()).toEqual(['  w', ' wo', 'ord', 'rd ', 'wor']);
    expect([...trigrams('a')].sort()).toEqual(['  a', ' a ']);
    expect([...trigrams('Two, words')].sort()).toEqual(['  t', '  w', ' tw', ' wo', 'ds ', 'ord', 'rds', 'two', 'wo ', 'wor']);
  });

  test('a character outside the BMP (two UTF-16 units) counts as one, as in pg_trgm', () => {
    expect([...trigrams('𝔸𝔹')].sort()).toEqual(['  𝔸', ' 𝔸𝔹', '𝔸𝔹 ']);
    expect(trigramSimilarity('𝔸𝔹 harbour', '𝔸𝔹 harbour')).toBe(1);
  });
});
