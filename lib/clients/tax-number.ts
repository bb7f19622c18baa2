import { normalizeTaxNumber } from '@/lib/sync/matching/tax-number';

/**
 * How a client's tax number is shown when we may know only part of it. XPM masks tax numbers
 * ("*****6635"), so a client created from an XPM record knows only the ending: it is shown as
 * "ending 635" (the picker's words), never as the masked string, which reads like a number.
 */

/** The last three digits of a tax number, whole or masked; null when it shows too few. */
export function taxNumberEnding(taxNumber: string | null | undefined): string | null {
  const digits = normalizeTaxNumber(taxNumber)?.digits;
  return digits ? digits.slice(-3) : null;
}

/**
 * Two tax numbers' endings to show side by side, each long enough to differ where the two
 * differ within the digits both show: "ending 789" beside "ending 789" for two numbers that
 * differ in their fourth-last digit would read as the same number (XPM's masked form shows four).
 * From three digits up to four, never more than both show: the page is not to spell out a tax
 * number, so two that differ only further in still read alike. Null for a side with too few digits.
 */
const MOST_ENDING_DIGITS = 4;

export function distinctTaxEndings(a: string | null | undefined, b: string | null | undefined): [string | null, string | null] {
  const left = normalizeTaxNumber(a)?.digits;
  const right = normalizeTaxNumber(b)?.digits;
  if (!left || !right) return [taxNumberEnding(a), taxNumberEnding(b)];
  const most = Math.min(left.length, right.length, MOST_ENDING_DIGITS);
  let length = Math.min(3, most);
  while (length < most && left.slice(-length) === right.slice(-length)) length++;
  return [left.slice(-length), right.slice(-length)];
}

const isWhole = (taxNumber: string | null): taxNumber is string => taxNumber !== null && taxNumber.trim() !== '';

/** The ending of a kept masked number, only when we do not hold the whole one (which wins). */
export function maskedTaxNumberEnding(taxNumber: string | null, taxNumberMasked: string | null): string | null {
  return isWhole(taxNumber) ? null : taxNumberEnding(taxNumberMasked);
}

/** The whole number when we have it, else "ending 635" from the masked form, else null. */
export function taxNumberShown(taxNumber: string | null, maskedEnding: string | null): string | null {
  if (isWhole(taxNumber)) return taxNumber;
  return maskedEnding ? `ending ${maskedEnding}` : null;
}

/**
 * A field change as a run's page or a preview shows it. A push knows XPM's tax number only masked
 * ("*****6789", its "before"): shown as its ending, "ending 789" as the client list says it, never
 * as the masked string, which shows a fourth digit and reads like a number. The ending grows to
 * four digits only where the other value ends in the same three (distinctTaxEndings), so a change
 * never reads as none. Other fields, and whole numbers, as they are.
 */
export function fieldChangeShown<C extends { field: string; before: string | null; after: string | null }>(change: C): C {
  if (change.field !== 'taxNumber') return change;
  const shown = (value: string | null, other: string | null): string | null => {
    if (!normalizeTaxNumber(value)?.masked) return value;
    const [ending] = distinctTaxEndings(value, other);
    return ending ? `ending ${ending}` : value;
  };
  return { ...change, before: shown(change.before, change.after), after: shown(change.after, change.before) };
}
