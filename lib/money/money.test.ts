import { describe, expect, test } from 'vitest';
import { centsToDecimalString, lineTotalCents, parseMoney, sumCents } from './cents';
import { MoneyError, type MoneyErrorCode } from './errors';
import { formatAmountInput, formatMoney } from './format';

const MAX = Number.MAX_SAFE_INTEGER; // 9007199254740991

function codeOf(fn: () => unknown): MoneyErrorCode {
  try {
    fn();
  } catch (error) {
    if (error instanceof MoneyError) return error.code;
    throw error;
  }
  throw new Error('expected a MoneyError');
}

describe('parseMoney', () => {
  test.each([
    ['1,234.50', 123450],
    ['1,250.50', 125050],
    ['1,250', 125000],
    ['1,250.5', 125050],
    ['$1,250.50', 125050],
    [' 1,250.50 ', 125050],
    ['1,000,000.00', 100000000],
    ['999', 99900],
    ['999,999.99', 99999999],
    ['1234.5', 123450],
    ['1234', 123400],
    ['0', 0],
    ['0.00', 0],
    ['0.1', 10],
    ['0.01', 1],
    ['.5', 50],
    ['5.', 500],
    ['  42.00  ', 4200],
    ['$1,000', 100000],
    ['$ 9.99', 999],
    ['1,234,567.89', 123456789],
    ['007.10', 710],
    ['90,071,992,547,409.91', MAX],
  ])('%s → %i cents', (input, cents) => {
    expect(parseMoney(input)).toBe(cents);
  });

  test.each([
    ['', 'empty', 'Enter an amount.'],
    ['   ', 'empty', 'Enter an amount.'],
    ['-1', 'negative', "The amount can't be negative."],
    ['-0.01', 'negative', "The amount can't be negative."],
    ['(5.00)', 'negative', "The amount can't be negative."],
    ['1.234', 'too_many_decimals', 'The amount can have at most 2 decimal places.'],
    ['0.001', 'too_many_decimals', 'The amount can have at most 2 decimal places.'],
    ['abc', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1.2.3', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1,23.40', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['12,34', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1,2500', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1,,250', 'invalid', 'The amount must be a number, like 1,234.50.'],
    [',250', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1,250,', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1250,50', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1.250,50', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1 250.50', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['1,250.505', 'too_many_decimals', 'The amount can have at most 2 decimal places.'],
    ['1e5', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['.', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['$', 'empty', 'Enter an amount.'],
    ['12 34', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['NaN', 'invalid', 'The amount must be a number, like 1,234.50.'],
    ['90,071,992,547,409.92', 'too_large', 'The amount is too large.'],
    ['99999999999999999999', 'too_large', 'The amount is too large.'],
  ])('refuses %j (%s)', (input, code, message) => {
    expect(() => parseMoney(input)).toThrow(message);
    expect(codeOf(() => parseMoney(input))).toBe(code);
  });
});

describe('lineTotalCents', () => {
  test.each([
    // quantity, unit price (cents), total (cents)
    [1, 10000, 10000],
    ['1', 10000, 10000],
    [1.5, 22000, 33000], // 1.5 hours at $220
    ['1.5', 22000, 33000],
    [0, 99999, 0],
    [2, 0, 0],
    // 0.1 + 0.2 style cases: exact, never 0.30000000000000004
    [0.1, 3, 0], // 0.3 cents → 0 (below half)
    [0.3, 10, 3],
    ['0.3', 10, 3],
    [0.1, 30, 3],
    [0.2, 15, 3],
    [1.15, 100, 115], // 1.15 * 100 is 114.99999999999999 in floats
    [1.01, 100, 101],
    [4.35, 100, 435], // 4.35 * 100 = 434.99999999999994 in floats
    [0.07, 100, 7], // 0.07 * 100 = 7.000000000000001 in floats
    [0.29, 100, 29],
    // half-up rounding to whole cents
    [0.5, 1, 1], // 0.5 cent → 1
    [0.49, 1, 0], // 0.49 cent → 0
    [0.51, 1, 1],
    [1.5, 1, 2], // 1.5 → 2
    [2.5, 1, 3], // half up, not banker's (which gives 2)
    [0.25, 2, 1], // 0.5 → 1
    [0.33, 333, 110], // 109.89 → 110
    [0.01, 49, 0], // 0.49 → 0
    [0.01, 50, 1], // 0.5 → 1
    [3.33, 1999, 6657], // 6656.67 → 6657
    // large values stay exact
    [1, MAX, MAX],
    ['100', 90071992547409, 9007199254740900],
    ['0.01', MAX, 90071992547410], // 90071992547409.91 → …10
  ])('%s × %i cents = %i cents', (quantity, price, total) => {
    expect(lineTotalCents(quantity, price)).toBe(total);
  });

  test.each([
    [-1, 100, 'negative'],
    ['-1', 100, 'negative'],
    [1, -100, 'negative'],
    [1.234, 100, 'too_many_decimals'],
    ['1.234', 100, 'too_many_decimals'],
    [1e-7, 100, 'too_many_decimals'],
    [1e21, 100, 'too_large'],
    [Number.NaN, 100, 'invalid'],
    [Number.POSITIVE_INFINITY, 100, 'invalid'],
    ['', 100, 'empty'],
    ['two', 100, 'invalid'],
    [1, 1.5, 'not_integer'],
    [1, MAX + 1, 'too_large'],
    [2, MAX, 'too_large'],
  ] as const)('refuses %s × %s (%s)', (quantity, price, code) => {
    expect(codeOf(() => lineTotalCents(quantity, price))).toBe(code);
  });

  test('quantity messages name the quantity', () => {
    expect(() => lineTotalCents('x', 100)).toThrow('The quantity must be a number, like 1.5.');
    expect(() => lineTotalCents('1.234', 100)).toThrow('The quantity can have at most 2 decimal places.');
  });
});

describe('sumCents', () => {
  test.each([
    [[], 0],
    [[10, 20], 30], // the cents of 0.1 + 0.2 = 0.3, exactly
    [[1, 2, 3, 4], 10],
    [[500, -200], 300], // discounts may be negative lines
    [[MAX - 1, 1], MAX],
  ])('%j → %i', (values, total) => {
    expect(sumCents(values)).toBe(total);
  });

  test.each([
    [[MAX, 1], 'too_large'],
    [[0.1, 0.2], 'not_integer'],
    [[Number.NaN], 'not_integer'],
    [[10, 2 ** 60], 'too_large'],
  ])('refuses %j (%s)', (values, code) => {
    expect(codeOf(() => sumCents(values))).toBe(code);
  });

  test('line totals add up without float drift', () => {
    const lines = Array.from({ length: 10 }, () => lineTotalCents('0.1', 100)); // ten lines of 0.1 × $1
    expect(sumCents(lines)).toBe(100);
  });
});

describe('centsToDecimalString', () => {
  test.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [123450, '1234.50'],
    [-5, '-0.05'],
    [MAX, '90071992547409.91'],
  ])('%i → %s', (cents, text) => {
    expect(centsToDecimalString(cents)).toBe(text);
  });
});

describe('formatMoney', () => {
  test.each([
    [123450, undefined, undefined, '$1,234.50'],
    [0, undefined, undefined, '$0.00'],
    [5, undefined, undefined, '$0.05'],
    [100, undefined, undefined, '$1.00'],
    [-2500, undefined, undefined, '-$25.00'],
    [MAX, undefined, undefined, '$90,071,992,547,409.91'], // exact: cents/100 as a float would print .90
    [123450, 'USD', 'en-US', '$1,234.50'],
    [123450, 'NZD', 'en-NZ', '$1,234.50'],
    [123450, 'USD', 'en-AU', 'USD 1,234.50'],
    [123450, 'EUR', 'de-DE', '1.234,50 €'],
  ])('%i %s %s → %s', (cents, currency, locale, text) => {
    // Intl separates some currency symbols with a no-break space; compare with plain spaces.
    expect(formatMoney(cents, currency, locale).replace(/\u00a0/g, ' ')).toBe(text);
  });

  // The app's own currency is formatted without Intl (see format.ts): it must read exactly as Intl's.
  test('AUD in en-AU reads exactly as Intl formats it', () => {
    const intl = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const amounts = [0, 1, -1, 99, 100, 999_99, 1_000_00, -1_000_00, 12_345_67, 999_999_99, 1_000_000_00, -123_456_789_01, MAX, -MAX];
    for (let digits = 1; digits <= 16; digits++) amounts.push(Number('7'.repeat(digits)), -Number('3'.repeat(digits)));
    for (const cents of amounts) expect(formatMoney(cents), String(cents)).toBe(intl.format(centsToDecimalString(cents) as unknown as number));
  });

  test('refuses non-integer cents', () => {
    expect(codeOf(() => formatMoney(1.5))).toBe('not_integer');
  });
});

describe('formatAmountInput: an amount as a money field shows it', () => {
  test.each([
    [0, '0.00'],
    [5, '0.05'],
    [99_999, '999.99'],
    [100_000, '1,000.00'],
    [125_050, '1,250.50'],
    [100_000_000, '1,000,000.00'],
    [-125_050, '-1,250.50'],
    [MAX, '90,071,992,547,409.91'],
  ])('%i cents → %s', (cents, text) => {
    expect(formatAmountInput(cents)).toBe(text);
  });

  test('every amount reads back exactly, and matches the total shown beside it, separators and all', () => {
    // Every cent to $2,000, then every power of ten and its neighbours to the safe-integer limit.
    const edges = Array.from({ length: 16 }, (_, i) => 10 ** i).flatMap((p) => [p - 1, p, p + 1]);
    for (const cents of [...Array.from({ length: 200_001 }, (_, i) => i), ...edges, MAX]) {
      const text = formatAmountInput(cents);
      if (parseMoney(text) !== cents || formatMoney(cents) !== `$${text}`) {
        expect({ cents, text, parsed: parseMoney(text), shown: formatMoney(cents) }).toEqual({ cents, text, parsed: cents, shown: `$${text}` });
      }
    }
  });

  test('refuses non-integer cents', () => {
    expect(codeOf(() => formatAmountInput(1.5))).toBe('not_integer');
  });
});
