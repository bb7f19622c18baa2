import { describe, expect, test } from 'vitest';
import { escapeLike, likeContains, likeEveryWord, MIN_TRIGRAM_QUERY_LENGTH, prefixUpperBound, searchTerms } from './search-terms';

describe('searchTerms', () => {
  test.each([
    ['h', { normalized: 'h', lowered: 'h', folded: 'h', short: true }],
    ['Ha', { normalized: 'ha', lowered: 'ha', folded: 'ha', short: true }],
    ['Har', { normalized: 'har', lowered: 'har', folded: 'har', short: false }],
    ['  Harbour Dental Pty. Ltd. ', { normalized: 'harbour dental', lowered: 'harbour dental pty. ltd.', folded: 'harbour dental pty ltd', short: false }],
    ['Smith & Sons', { normalized: 'smith and sons', lowered: 'smith & sons', folded: 'smith and sons', short: false }],
    ['Pty', { normalized: 'pty', lowered: 'pty', folded: 'pty', short: true, searched: 'start-legal-forms' }],
    ['É', { normalized: 'e', lowered: 'é', folded: 'e', short: true }],
    ['Carter  Super', { normalized: 'carter super', lowered: 'carter super', folded: 'carter super', short: false }],
  ])('%j', (query, expected) => {
    expect(searchTerms(query)).toMatchObject(expected);
  });

  test.each([
    ['harb', ['harb'], ['harb']],
    ['Harbour Dental Pty. Ltd.', ['harbour', 'dental'], ['harbour', 'dental']],
    ['dental harbour', ['harbour', 'dental'], ['harbour', 'dental']],
    ['Smith & Sons', ['smith', 'sons'], ['smith', 'sons']],
    ['Nguyen & Anderson Dentists', ['anderson', 'dentists', 'nguyen'], ['anderson', 'dentists', 'nguyen']],
    ['Bank of the West', ['bank', 'west'], ['bank', 'west']],
    ['Food for Thought', ['thought', 'food'], ['thought', 'food']],
    ['Kea the Co-op', ['kea', 'co', 'op'], []],
    ['kea co op', ['kea', 'co', 'op'], []],
    ['a b c d e f g', ['abcdefg'], ['abcdefg']],
    ['one two three four five six', ['three', 'four', 'five', 'one'], ['three', 'four', 'five']],
  ])('%j: words %j, fuzzy words %j (longest first, at most 4)', (query, words, fuzzyWords) => {
    expect(searchTerms(query)).toMatchObject({ words, fuzzyWords });
  });

  test.each(['', '   ', '...', ' - '])('nothing searchable in %j', (query) => {
    expect(searchTerms(query)).toBeNull();
  });

  test('short means shorter than a trigram', () => {
    expect(MIN_TRIGRAM_QUERY_LENGTH).toBe(3);
    expect(searchTerms('ab')?.short).toBe(true);
    expect(searchTerms('ab c')?.short).toBe(false);
    // Single letters join up ("A.B." = "AB"), so "a b" is two characters.
    expect(searchTerms('a b')?.short).toBe(true);
  });

  test.each([
    ['&', 'and'],
    ['and', 'and'],
    ['The', 'the'],
    ['of the', 'of the'],
  ])('joining words alone (%j) are the start of a name: prefix only', (query, normalized) => {
    expect(searchTerms(query)).toMatchObject({ normalized, short: true });
  });

  // Directory names are stored without legal forms: "contains 'ltd'" never found "Kelly & Sons
  // Pty Ltd" from XPM, and the picker said no client matched. As a name's start they are found.
  test.each([
    ['ltd', 'ltd'],
    ['Pty. Ltd.', 'pty'],
    ['Co. Ltd.', 'co'],
    ['LLC', 'llc'],
    ['limited liability company', 'limited liability company'],
    ['inc ltd', 'inc'],
  ])('legal forms alone (%j) are the start of a name: prefix only', (query, normalized) => {
    expect(searchTerms(query)).toMatchObject({ normalized, short: true, searched: 'start-legal-forms' });
  });

  test.each([
    ['an', 'start-short'],
    ['A.B.', 'start-short'],
    ['the', 'start-joining-words'],
    ['of the', 'start-joining-words'],
    ['ltd', 'start-legal-forms'],
    ['kelly ltd', 'within'],
    ['ltd holdings', 'within'],
    ['inch', 'within'],
    ['harb', 'within'],
  ])('%j is searched %s', (query, searched) => {
    expect(searchTerms(query)).toMatchObject({ searched, short: searched !== 'within' });
  });

  test('a joining word inside a longer word still counts ("anderson", "theo")', () => {
    expect(searchTerms('Theo Anderson')).toMatchObject({ words: ['anderson', 'theo'], short: false });
  });

  test('very long queries are cut to the maximum', () => {
    expect(searchTerms('x'.repeat(500))?.lowered).toHaveLength(100);
  });
});

describe('list searches', () => {
  test.each([
    ['Harbour', '%harbour%'],
    ['654  3', '%654 3%'],
    ['a\tb', '%a b%'],
    ['100%_', '%100\\%\\_%'],
  ])('likeContains(%j) → %j', (input, expected) => expect(likeContains(input)).toBe(expected));

  test.each([
    ['carter  super', ['%carter%', '%super%']],
    ['Dental Harbour', ['%dental%', '%harbour%']],
    ['pty pty', ['%pty%']],
    ['', []],
    ['50%', ['%50\\%%']],
    ['a bb c dd e ff gggg h', ['%a%', '%bb%', '%c%', '%dd%', '%ff%', '%gggg%']],
    ['carter and sons', ['%carter%', '%sons%']],
    ['Carter & Sons', ['%carter%', '%sons%']],
    ['and', ['%and%']],
  ])('likeEveryWord(%j) → %j', (input, expected) => expect(likeEveryWord(input)).toEqual(expected));
});

describe('escapeLike', () => {
  test.each([
    ['50%', '50\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
    ['plain', 'plain'],
  ])('%j → %j', (input, expected) => expect(escapeLike(input)).toBe(expected));
});

describe('prefixUpperBound', () => {
  test.each([
    ['ha', 'hb'],
    ['h', 'i'],
    ['az', 'a{'],
    ['a9', 'a:'],
    ['', '\u{10FFFF}'],
  ])('%j → %j', (prefix, upper) => expect(prefixUpperBound(prefix)).toBe(upper));

  test('every string with the prefix sorts inside [prefix, upper) by code point', () => {
    for (const name of ['ha', 'harbour', 'ha zzz', 'ha\u{FFFF}']) {
      expect(name >= 'ha' && name < prefixUpperBound('ha')).toBe(true);
    }
    for (const name of ['h', 'hb', 'hbarbour', 'g']) {
      expect(name >= 'ha' && name < prefixUpperBound('ha')).toBe(false);
    }
  });
});
