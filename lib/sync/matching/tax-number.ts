/**
 * Tax and business numbers (ABN, TFN, EIN, IRD …) compared on their digits only, since
 * they are written with any spacing ("12 345 678 901", "12-3456789").
 *
 * XPM masks tax numbers on output ("*****6789"), so a masked value only tells us its last
 * visible digits: it can match a full number that ends with them, or another masked value
 * whose visible digits agree, but it is weaker evidence and reported as `masked`.
 */
export interface NormalizedTaxNumber {
  /** All digits, or for a masked value only the digits after the last mask character. */
  digits: string;
  masked: boolean;
}

const MASK = /[*•●xX#]/;
/** A masked value must show at least this many digits to be compared at all. */
export const MIN_VISIBLE_DIGITS = 3;

export function normalizeTaxNumber(raw: string | null | undefined): NormalizedTaxNumber | null {
  if (!raw) return null;
  const text = raw.trim();
  const masked = MASK.test(text);
  const visible = masked ? text.slice(lastMaskIndex(text) + 1) : text;
  const digits = visible.replace(/\D/g, '');
  if (digits === '') return null;
  if (masked && digits.length < MIN_VISIBLE_DIGITS) return null;
  return { digits, masked };
}

function lastMaskIndex(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (MASK.test(text.charAt(i))) return i;
  return -1;
}

/**
 * Whether two tax numbers are the same number as far as we can tell: equal digits when
 * both are whole; otherwise the whole (or longer) one ends with the other's visible digits.
 */
export function taxNumbersMatch(a: NormalizedTaxNumber | null, b: NormalizedTaxNumber | null): boolean {
  if (!a || !b) return false;
  if (!a.masked && !b.masked) return a.digits === b.digits;
  const [shorter, longer] = a.digits.length <= b.digits.length ? [a, b] : [b, a];
  // A whole number shorter than the other's visible digits cannot be the same number.
  if (!shorter.masked && shorter.digits.length < longer.digits.length) return false;
  return longer.digits.endsWith(shorter.digits);
}

/** Which of a business's two numbers a pair disagrees on (the other kind is not compared). */
export type DifferingNumber = 'tax_number' | 'business_number';

export interface NumberedRecord {
  taxNumber?: string | null;
  businessNumber?: string | null;
}

/**
 * The number two same-named records disagree on, or null: a tax number against a tax number,
 * a business number against a business number, each only when both sides carry one that can be
 * compared (a masked value with too few digits, or none, is no evidence either way). A tax number
 * is never compared with a business number: an XPM client's TFN and a Gusto company's EIN say
 * nothing about each other.
 *
 * Why: the one automatic link is an exact name (DESIGN §3 Matching), and "Kelly Family Trust"
 * can be two trusts. Different numbers prove they are different businesses, so the sync leaves
 * the pair to a person instead of overwriting one business's values with the other's.
 */
export function differingNumber(a: NumberedRecord, b: NumberedRecord): DifferingNumber | null {
  if (differ(a.taxNumber, b.taxNumber)) return 'tax_number';
  if (differ(a.businessNumber, b.businessNumber, { companyNumberInside: true })) return 'business_number';
  return null;
}

/**
 * A company's registration number (an Australian ACN, 9 digits) is the last digits of its
 * business number (its ABN, 11), and XPM gives the company number when it has no business
 * number (lib/providers/xpm/map-client.ts): so a whole business number ending with another whole
 * number of at least 9 digits is no evidence of two businesses.
 */
const COMPANY_NUMBER_DIGITS = 9;

function differ(a: string | null | undefined, b: string | null | undefined, options: { companyNumberInside?: boolean } = {}): boolean {
  const left = normalizeTaxNumber(a);
  const right = normalizeTaxNumber(b);
  if (left === null || right === null || taxNumbersMatch(left, right)) return false;
  if (options.companyNumberInside && !left.masked && !right.masked) {
    const [shorter, longer] = left.digits.length <= right.digits.length ? [left, right] : [right, left];
    if (shorter.digits.length >= COMPANY_NUMBER_DIGITS && longer.digits.endsWith(shorter.digits)) return false;
  }
  return true;
}
