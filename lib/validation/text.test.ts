import { describe, expect, test } from 'vitest';
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
