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
