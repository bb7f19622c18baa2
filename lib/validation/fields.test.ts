import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { externalRecordId, optionalText, requiredText, searchText } from './fields';

const CONTROL = 'Name cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.';

function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('free text fields refuse control characters with a message naming the field', () => {
  test.each([['Acme\u0000'], ['\u0000'], ['Ac\u0000me'], ['Acme\u0007Ltd'], ['Acme\u001b[31m'], ['Acme\u007f'], ['Acme\tLtd'], ['Acme\nLtd']])('%j', (value) => {
    expect(messages(requiredText(200, 'Name'), value)).toContain(CONTROL);
    expect(messages(optionalText(200, 'Name'), value)).toContain(CONTROL);
  });

  test('tabs and line breaks are allowed where the text is multi-line, other controls are not', () => {
    expect(requiredText(200, 'Notes', { multiline: true }).parse('one\ttwo\r\nthree')).toBe('one\ttwo\r\nthree');
    expect(messages(requiredText(200, 'Notes', { multiline: true }), 'one\u0000two')).toEqual([CONTROL.replace('Name', 'Notes')]);
  });

  test('ordinary text still passes, trimmed, including the whitespace that trimming removes', () => {
    expect(requiredText(200, 'Name').parse('  Café Ōtautahi  ')).toBe('Café Ōtautahi');
    expect(requiredText(200, 'Name').parse('Acme\t')).toBe('Acme');
    expect(optionalText(200, 'Name').parse('')).toBeNull();
    expect(optionalText(200, 'Name').parse(undefined)).toBeNull();
  });

  test('an external record id with a NUL is not a record id', () => {
    expect(externalRecordId.safeParse('abc\u0000').success).toBe(false);
    expect(externalRecordId.parse(' abc ')).toBe('abc');
  });
});

describe('search text drops control characters instead of refusing', () => {
  test.each([
    [undefined, ''],
    ['', ''],
    [' acme ', 'acme'],
    ['\u0000', ''],
    ['ac\u0000me', 'acme'],
    ['\u0000 acme \u0000', 'acme'],
    ['smith\tjones', 'smith jones'],
    ['x'.repeat(101), ''],
    [42, ''],
    [['a', 'b'], ''],
  ])('%j → %j', (value, expected) => {
    expect(searchText(100).parse(value)).toBe(expected);
  });
});
