import { taxNumberEnding } from '@/lib/clients/tax-number';

/** What a skipped record's namesake can be told apart by, in the order it is preferred. */
export interface NamesakeFacts {
  email: string | null;
  city: string | null;
  phone: string | null;
  /** When the client was added, in words ("added 3 Dec 2026, 4:31 pm AEDT"): always there. */
  added: string;
}

const PREFERRED = ['email', 'city', 'phone', 'added'] as const;

const present = (value: string | null) => (value && value.trim() !== '' ? value.trim() : null);

/**
 * The detail shown beside each of a record's namesakes (the run page's "Clients with this
 * name"): the first of email, city, phone and when it was added that every one of them has
 * and no two share — so the detail is what tells them apart, not just the first field each
 * happens to have (two clients in Sydney would both read "Sydney"). When no field does, each
 * shows its own first value. One namesake alone shows its first value.
 */
export function namesakeDetails(namesakes: readonly NamesakeFacts[]): string[] {
  if (namesakes.length > 1) {
    for (const field of PREFERRED) {
      const values = namesakes.map((n) => present(n[field]));
      const distinct = new Set(values.map((v) => v?.toLowerCase()));
      if (values.every((v) => v !== null) && distinct.size === values.length) return values as string[];
    }
  }
  return namesakes.map((n) => PREFERRED.map((field) => present(n[field])).find((v) => v !== null) ?? n.added);
}

/**
 * A namesake's detail when the record was skipped because a number differs: the client's own
 * number is what the admin compares with the app's — "business number 12-3456789", or a tax
 * number by its ending only, as the client list shows it ("tax number ending 789"). Null for other reasons, or
 * when the client has no such number (then the usual detail stands).
 */
export function differingNumberDetail(reason: string, numbers: { taxNumber: string | null; businessNumber: string | null }): string | null {
  if (reason === 'business_number_differs') return present(numbers.businessNumber) ? `business number ${present(numbers.businessNumber)}` : null;
  if (reason !== 'tax_number_differs') return null;
  const ending = taxNumberEnding(numbers.taxNumber);
  return ending ? `tax number ending ${ending}` : null;
}
