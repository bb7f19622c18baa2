import { numberToHundredths, parseHundredths, toSafeNumber } from './decimal';
import { MoneyError } from './errors';

/**
 * Money is a whole number of cents in a plain `number`, always a safe integer. Every
 * entry point checks that, so a float can never sneak into a total.
 */
export type Cents = number;

const AMOUNT = { a: 'an amount', the: 'The amount', example: '1,234.50' };
const QUANTITY = { a: 'a quantity', the: 'The quantity', example: '1.5' };
const LINE_TOTAL = { a: 'a line total', the: 'The line total', example: '1,234.50' };
const TOTAL = { a: 'a total', the: 'The total', example: '1,234.50' };

export function assertCents(value: number, what = 'The amount'): Cents {
  if (!Number.isSafeInteger(value)) {
    throw Number.isInteger(value) ? new MoneyError('too_large', `${what} is too large.`) : new MoneyError('not_integer', `${what} must be a whole number of cents.`);
  }
  return value;
}

/** "1,234.50" → 123450. Non-negative, at most two decimals; see parseHundredths for the accepted forms. */
export function parseMoney(input: string): Cents {
  if (typeof input !== 'string') throw new MoneyError('invalid', 'The amount must be text, like 1,234.50.');
  return toSafeNumber(parseHundredths(input, AMOUNT), AMOUNT);
}

/**
 * quantity × unit price, exact. The quantity may have up to two decimals (1.5 hours), so
 * the product is in hundredths of a cent; it is rounded half up to whole cents
 * (0.5 of a cent → 1 cent). Integer (BigInt) arithmetic throughout: no float ever rounds.
 */
export function lineTotalCents(quantity: string | number, unitPriceCents: Cents): Cents {
  const hundredthsOfUnit = typeof quantity === 'number' ? numberToHundredths(quantity, QUANTITY) : parseHundredths(quantity, QUANTITY);
  assertCents(unitPriceCents, 'The unit price');
  if (unitPriceCents < 0) throw new MoneyError('negative', "The unit price can't be negative.");
  const hundredthsOfCent = hundredthsOfUnit * BigInt(unitPriceCents);
  const rounded = (hundredthsOfCent + 50n) / 100n; // both non-negative, so this is half up
  return toSafeNumber(rounded, LINE_TOTAL);
}

/** Sum of cents, refusing non-integers and totals past the safe-integer range. */
export function sumCents(values: readonly Cents[]): Cents {
  let total = 0n;
  values.forEach((value, index) => {
    assertCents(value, `Amount ${index + 1}`);
    total += BigInt(value);
  });
  return toSafeNumber(total, TOTAL);
}

/** 123450 → "1234.50": the exact decimal text, for form inputs and APIs. */
export function centsToDecimalString(cents: Cents): string {
  assertCents(cents);
  const negative = cents < 0;
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
