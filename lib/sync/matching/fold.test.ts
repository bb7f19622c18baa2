import { describe, expect, test } from 'vitest';
import { foldAnyText, foldText } from './fold';

/** Every printable ASCII character: the set the fast path takes. */
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/** A small deterministic generator, so a failure names a string that can be replayed. */
function* randomStrings(count: number, alphabet: readonly string[], seed = 42): Generator<string> {
  // mulberry32: 32-bit integer arithmetic throughout, so every string differs.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  for (let n = 0; n < count; n++) {
    const length = next() % 24;
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[next() % alphabet.length];
    yield s;
  }
}

describe('foldText', () => {
  test.each([
    ['Harbour Dental Pty. Ltd.', 'harbour dental pty ltd'],
    ['Smith & Sons', 'smith and sons'],
    ["O'Brien's Café", 'obriens cafe'],
    ['L.L.C.', 'llc'],
    ['A.B.C. Holdings', 'abc holdings'],
    ['JB Hi-Fi', 'jb hi fi'],
    ['  P/L  ', 'pl'],
    ['Müller GmbH', 'muller gmbh'],
    ['Straße', 'strasse'],
    ['ﬁne Ｔｒａｄｅｓ', 'fine trades'],
    ['Tab\tand\nnewline', 'tab and newline'],
    ['', ''],
  ])('%s → %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  test('the ASCII path folds every printable character and pair exactly as the whole rule does', () => {
    for (const a of PRINTABLE) {
      expect(foldText(a), JSON.stringify(a)).toBe(foldAnyText(a));
      for (const b of PRINTABLE) expect(foldText(a + b), JSON.stringify(a + b)).toBe(foldAnyText(a + b));
    }
  });

  test('and 20,000 random name-like strings of letters, spaces and punctuation', () => {
    const alphabet = [...'abcXYZ019', ' ', ' ', '.', '&', "'", '`', '-', '/', ',', '(', ')'];
    const strings = [...randomStrings(20_000, alphabet)];
    expect(new Set(strings).size).toBeGreaterThan(15_000); // the generator really varies (short strings repeat)
    for (const s of strings) expect(foldText(s), JSON.stringify(s)).toBe(foldAnyText(s));
  });

  test('text with any character outside printable ASCII takes the whole rule', () => {
    for (const s of ['Café', 'a\u00a0b', 'x\u2019y', 'tab\there', 'ｆｕｌｌ']) expect(foldText(s)).toBe(foldAnyText(s));
    expect(foldText('O\u2019Brien')).toBe('obrien'); // a typographic apostrophe is not ASCII
  });
});
