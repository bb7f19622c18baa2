import { differingNumber, foldText, normalizeEmail, type DifferingNumber } from '@/lib/sync/matching';
import { distinctTaxEndings } from './tax-number';

/**
 * What tells a picked XPM client or Gusto company apart from a client here that looks like it
 * (a similar name, the same email): the fields that say which business a record is. A user
 * trial linked XPM's "Hamilton Plumbing" (Hamilton NZ) to the practice's "Hamilton Plumbing"
 * (Perth) in one click, and the next sync planned to overwrite the client with XPM's values;
 * nothing on the question had said the two differ. Pure, so the editor and the save's check
 * (lib/dal/client-picker/adopt-directory-record.ts) read one rule.
 *
 * Only a field both sides have can differ: a missing value is no evidence either way. Values are
 * compared as the sync's matching compares them (tax and business numbers on their digits, an
 * XPM masked number on its visible ending; emails trimmed and lower-cased; cities folded; phones
 * on their digits, a country code or trunk zero aside), so "12 345 678" and "12345678" agree.
 */
export interface IdentityFacts {
  /** The whole number when known, else XPM's masked one ("*****4512"). */
  taxNumber: string | null;
  businessNumber: string | null;
  email: string | null;
  city: string | null;
  phone: string | null;
}

export type IdentityField = 'taxNumber' | 'businessNumber' | 'email' | 'city' | 'phone';

/**
 * One field on which the two differ, each side ready to show: a tax number by its ending only
 * (the plan goes to the browser, and the page need not hold the secret to tell two apart).
 */
export interface IdentityDifference {
  field: IdentityField;
  inApp: string;
  here: string;
}

export interface IdentityComparison {
  /** In the order a person checks them: the numbers first. Empty: nothing both have differs. */
  differences: IdentityDifference[];
  /**
   * Both carry a tax number (or both a business number) and they differ: probably another
   * business, so linking them takes a deliberate second step, in the editor and on the save.
   */
  conflict: DifferingNumber | null;
}

export function compareIdentity(record: IdentityFacts, client: IdentityFacts): IdentityComparison {
  const differences: IdentityDifference[] = [];
  if (differingNumber({ taxNumber: record.taxNumber }, { taxNumber: client.taxNumber })) {
    const [inApp, here] = distinctTaxEndings(record.taxNumber, client.taxNumber);
    differences.push({ field: 'taxNumber', inApp: `ending ${inApp ?? ''}`, here: `ending ${here ?? ''}` });
  }
  // Business numbers are public (an ABN, an EIN): shown whole.
  if (differingNumber({ businessNumber: record.businessNumber }, { businessNumber: client.businessNumber })) {
    differences.push({ field: 'businessNumber', inApp: shown(record.businessNumber), here: shown(client.businessNumber) });
  }
  if (differs(record.email, client.email, normalizeEmailLoosely)) differences.push({ field: 'email', inApp: shown(record.email), here: shown(client.email) });
  if (differs(record.city, client.city, normalizeCity)) differences.push({ field: 'city', inApp: shown(record.city), here: shown(client.city) });
  if (differs(record.phone, client.phone, phoneDigits, (a, b) => !(a.endsWith(b) || b.endsWith(a)))) {
    differences.push({ field: 'phone', inApp: shown(record.phone), here: shown(client.phone) });
  }
  return { differences, conflict: differingNumber(record, client) };
}

/** Whether linking the two needs the author's second, deliberate step: their numbers differ. */
export function linkNeedsConfirmation(comparison: Pick<IdentityComparison, 'conflict'>): boolean {
  return comparison.conflict !== null;
}

function differs(a: string | null, b: string | null, normalize: (value: string) => string, unequal = (x: string, y: string) => x !== y): boolean {
  const left = a === null ? '' : normalize(a);
  const right = b === null ? '' : normalize(b);
  return left !== '' && right !== '' && unequal(left, right);
}

function shown(value: string | null): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

/** normalizeEmail, or the trimmed lower-cased text of one it does not accept (still comparable). */
function normalizeEmailLoosely(email: string): string {
  return normalizeEmail(email) ?? email.trim().toLowerCase();
}

function normalizeCity(city: string): string {
  return foldText(city).replace(/\s+/g, ' ').trim();
}

/**
 * A phone's digits less any trunk zero: "+61 8 9000 1234" and "(08) 9000 1234" are one number,
 * the first being the second with its country code in front (so one ending with the other agrees).
 */
function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^0+/, '');
}
