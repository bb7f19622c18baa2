import { emailDomain, normalizeEmail } from './email';
import { normalizeName } from './normalize-name';
import { normalizeTaxNumber, taxNumbersMatch, type NormalizedTaxNumber } from './tax-number';
import { setSimilarity, trigrams } from './trigram';

/**
 * Duplicate detection for the client picker's "Create new client" warning and for
 * matching a picked external record to an existing client (DESIGN §3 Matching).
 *
 * Only an exact normalised name may link records without a person (`isAutoLinkMatch`,
 * `findAutoLinkTarget`); every other reason is a suggestion a person confirms.
 */
export type DuplicateReason = 'exact_name' | 'similar_name' | 'same_email' | 'same_email_domain' | 'same_tax_number';

/** What a record needs for duplicate detection; any other fields are carried through. */
export interface DuplicateCheckable {
  name: string;
  email?: string | null;
  /** Further addresses, e.g. the contacts' emails. */
  emails?: readonly (string | null | undefined)[] | null;
  taxNumber?: string | null;
  /** ABN / EIN / company number: compared like a tax number. */
  businessNumber?: string | null;
}

export interface DuplicateCandidate<T> {
  record: T;
  /** Strongest first. */
  reasons: DuplicateReason[];
  /** 0…1, higher is more likely the same client. */
  score: number;
  /** Trigram similarity of the normalised names, 0…1. */
  nameSimilarity: number;
}

export interface DuplicateOptions {
  /** Minimum trigram similarity of normalised names to suggest a match. Default 0.45. */
  similarNameThreshold?: number;
  /** At most this many candidates, best first. Default: all. */
  limit?: number;
}

export const DEFAULT_SIMILAR_NAME_THRESHOLD = 0.45;

/**
 * How much each reason alone says. Combined as independent evidence
 * (1 − Π(1 − w)), so two weak reasons outrank one, and nothing but an exact
 * name reaches 1.
 */
const WEIGHT: Readonly<Record<Exclude<DuplicateReason, 'similar_name'>, number>> = {
  exact_name: 1,
  same_tax_number: 0.9,
  same_email: 0.8,
  same_email_domain: 0.4,
};
/** A masked tax number shows only a few digits, so it is weaker evidence. */
const MASKED_TAX_WEIGHT = 0.6;
/** A similar name contributes its similarity scaled into this range. */
const SIMILAR_NAME_MAX_WEIGHT = 0.85;

const REASON_ORDER: readonly DuplicateReason[] = ['exact_name', 'same_tax_number', 'same_email', 'similar_name', 'same_email_domain'];

interface Prepared {
  name: string;
  grams: Set<string>;
  emails: Set<string>;
  domains: Set<string>;
  taxNumbers: NormalizedTaxNumber[];
}

function prepare(record: DuplicateCheckable): Prepared {
  const name = normalizeName(record.name);
  const rawEmails = [record.email, ...(record.emails ?? [])];
  const emails = new Set<string>();
  const domains = new Set<string>();
  for (const raw of rawEmails) {
    const email = normalizeEmail(raw);
    if (!email) continue;
    emails.add(email);
    const domain = emailDomain(email);
    if (domain) domains.add(domain);
  }
  const taxNumbers = [normalizeTaxNumber(record.taxNumber), normalizeTaxNumber(record.businessNumber)].filter((t): t is NormalizedTaxNumber => t !== null);
  return { name, grams: trigrams(name), emails, domains, taxNumbers };
}

/** True when the two names normalise to the same non-empty name: the one automatic link. */
export function isAutoLinkMatch(a: string | { name: string }, b: string | { name: string }): boolean {
  const left = normalizeName(typeof a === 'string' ? a : a.name);
  return left !== '' && left === normalizeName(typeof b === 'string' ? b : b.name);
}

export type AutoLinkTarget<T> =
  | { kind: 'none' }
  | { kind: 'unique'; record: T }
  /** More than one exact match: a person must choose; never link to one at random. */
  | { kind: 'ambiguous'; records: T[] };

export function findAutoLinkTarget<T extends { name: string }>(candidate: { name: string }, existing: readonly T[]): AutoLinkTarget<T> {
  const matches = existing.filter((record) => isAutoLinkMatch(candidate, record));
  const [first] = matches;
  if (!first) return { kind: 'none' };
  return matches.length === 1 ? { kind: 'unique', record: first } : { kind: 'ambiguous', records: matches };
}

export function findDuplicateCandidates<T extends DuplicateCheckable>(candidate: DuplicateCheckable, existing: readonly T[], opts: DuplicateOptions = {}): DuplicateCandidate<T>[] {
  const threshold = opts.similarNameThreshold ?? DEFAULT_SIMILAR_NAME_THRESHOLD;
  const me = prepare(candidate);
  const found: DuplicateCandidate<T>[] = [];

  for (const record of existing) {
    const other = prepare(record);
    const reasons: DuplicateReason[] = [];
    const weights: number[] = [];
    const nameSimilarity = me.name !== '' && me.name === other.name ? 1 : setSimilarity(me.grams, other.grams);

    if (me.name !== '' && me.name === other.name) {
      reasons.push('exact_name');
      weights.push(WEIGHT.exact_name);
    } else if (nameSimilarity >= threshold) {
      reasons.push('similar_name');
      weights.push(nameSimilarity * SIMILAR_NAME_MAX_WEIGHT);
    }

    const taxMatch = me.taxNumbers.flatMap((a) => other.taxNumbers.filter((b) => taxNumbersMatch(a, b)).map((b) => a.masked || b.masked));
    if (taxMatch.length > 0) {
      reasons.push('same_tax_number');
      weights.push(taxMatch.includes(false) ? WEIGHT.same_tax_number : MASKED_TAX_WEIGHT);
    }

    if (intersects(me.emails, other.emails)) {
      reasons.push('same_email');
      weights.push(WEIGHT.same_email);
    } else if (intersects(me.domains, other.domains)) {
      // Only when no address is shared: the same address already implies the same domain.
      reasons.push('same_email_domain');
      weights.push(WEIGHT.same_email_domain);
    }

    if (reasons.length === 0) continue;
    reasons.sort((x, y) => REASON_ORDER.indexOf(x) - REASON_ORDER.indexOf(y));
    const score = 1 - weights.reduce((miss, w) => miss * (1 - w), 1);
    found.push({ record, reasons, score, nameSimilarity });
  }

  found.sort((x, y) => y.score - x.score || y.nameSimilarity - x.nameSimilarity || x.record.name.localeCompare(y.record.name));
  return opts.limit === undefined ? found : found.slice(0, opts.limit);
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}
