import { describe, expect, it, test } from 'vitest';
import { hasControlCharacters, stripControlCharacters } from './text';

describe('control characters', () => {
  test.each([
    ['Acme Pty Ltd', false, false],
    ['Café Ōtautahi — 日本', false, false],
    ['a\u0000b', true, true],
    ['\u0001', true, true],
    ['a\u0008b', true, true],
    ['a\u000bb', true, true], // vertical tab
    ['a\u000cb', true, true], // form feed
    ['a\u001bb', true, true], // escape
    ['a\u001fb', true, true],
    ['a\u007fb', true, true], // DEL
    ['a\tb', true, false],
    ['a\nb', true, false],
    ['a\r\nb', true, false],
    ['a\u00a0b', false, false], // no-break space is text, not a control
    ['a\u3000b', false, false],
  ])('%j: single-line refuses %s, multi-line refuses %s', (value, singleLine, multiline) => {
    expect(hasControlCharacters(value)).toBe(singleLine);
    expect(hasControlCharacters(value, { multiline: true })).toBe(multiline);
  });

  test.each([
    ['harbour', 'harbour'],
    ['\u0000harbour', 'harbour'],
    ['har\u0000bour\u0000', 'harbour'],
    ['smith\tjones', 'smith jones'],
    ['smith\r\njones', 'smith  jones'],
    ['\u0001\u001f\u007f', ''],
    ['100%_ \u00e9', '100%_ \u00e9'],
  ])('search text %j becomes %j', (value, expected) => {
    expect(stripControlCharacters(value)).toBe(expected);
  });
});

describe('invisible characters that disguise a name', () => {
  it.each([
    ['a right-to-left override', 'Bob\u202eevil'],
    ['a left-to-right isolate', 'Ad\u2066min'],
    ['a zero-width space', 'Ad\u200bmin'],
    ['a byte-order mark', '\ufeffAlex'],
    ['a C1 control', 'Alex\u0085'],
    ['a line separator', 'Alex\u2028Admin'],
  ])('%s is refused', (_name, value) => {
    expect(hasControlCharacters(value)).toBe(true);
    expect(stripControlCharacters(value)).not.toBe(value);
  });

  it.each([
    ['accents', 'Café Olé'],
    ['an emoji joined by a zero-width joiner', 'Dev 👩‍💻 Team'],
    ['a non-Latin script', 'مطعم البحر'],
  ])('%s is kept', (_name, value) => {
    expect(hasControlCharacters(value)).toBe(false);
    expect(stripControlCharacters(value)).toBe(value);
  });
});
