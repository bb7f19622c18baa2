import { MoneyError } from './errors';

/**
 * Reads a non-negative decimal with at most two fractional digits as an exact count of
 * hundredths (a BigInt), so "0.10" + "0.20" is 30 hundredths, never 0.30000000000000004.
 * Shared by prices (hundredths = cents) and quantities (1.5 hours = 150 hundredths).
 *
 * Accepted: digits with optional thousands separators in groups of three ("1,234,567.5"),
 * an optional leading "$", surrounding spaces, ".5" and "5." Refused with a clear code:
 * empty, negative, more than two decimals, anything else.
 */
const PLAIN = /^(\d+)?(?:\.(\d*))?$/;
const GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

/** How a value is named in messages: "Enter a quantity." / "The quantity can't be negative." */
export interface Subject {
  a: string;
  the: string;
  example: string;
}

export function parseHundredths(input: string, what: Subject): bigint {
  const text = input.trim().replace(/^\$\s*/, '');
  if (text === '') throw new MoneyError('empty', `Enter ${what.a}.`);
  if (/^[-−(]/.test(text)) throw new MoneyError('negative', `${what.the} can't be negative.`);

  const match = PLAIN.exec(text) ?? GROUPED.exec(text);
  const whole = match?.[1]?.replace(/,/g, '') ?? '';
  const fraction = match?.[2] ?? '';
  if (!match || (whole === '' && fraction === '')) {
    throw new MoneyError('invalid', `${what.the} must be a number, like ${what.example}.`);
  }
  if (fraction.length > 2) {
    throw new MoneyError('too_many_decimals', `${what.the} can have at most 2 decimal places.`);
  }
  return BigInt(whole || '0') * 100n + BigInt(fraction.padEnd(2, '0'));
}

/**
 * A JavaScript number as exact hundredths. Uses the number's shortest round-trip decimal
 * text (1.15 → "1.15"), so values typed as 1.15 are not read as 1.149999….
 */
export function numberToHundredths(value: number, what: Subject): bigint {
  if (!Number.isFinite(value)) throw new MoneyError('invalid', `${what.the} must be a number.`);
  if (value < 0) throw new MoneyError('negative', `${what.the} can't be negative.`);
  const text = String(value);
  if (/e/i.test(text)) {
    // Exponent notation: tiny fractions (1e-7) have too many decimals; huge values are too large.
    throw value < 1 ? new MoneyError('too_many_decimals', `${what.the} can have at most 2 decimal places.`) : new MoneyError('too_large', `${what.the} is too large.`);
  }
  return parseHundredths(text, what);
}

/** Converts a BigInt back to a number, refusing anything past Number.MAX_SAFE_INTEGER. */
export function toSafeNumber(value: bigint, what: Subject): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError('too_large', `${what.the} is too large.`);
  }
  return Number(value);
}
