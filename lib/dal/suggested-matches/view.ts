import 'server-only';
import { appShortLabel } from '@/lib/apps/registry';
import { highlightRanges, normalizeTaxNumber, taxNumbersMatch, type SuggestionReason } from '@/lib/sync/matching';
import { taxNumberEnding } from '@/lib/clients/tax-number';
import type { Suggestion } from './find-suggestions';

/**
 * A suggestion as the page shows it: both sides' evidence, never a whole row. Tax numbers
 * only ever appear as "ending 635" (XPM masks them; the page need not show more).
 */
export interface SuggestionSideView {
  name: string;
  /** Ranges of `name` the other side's name shares, [start, end). */
  highlight: [number, number][];
  email: string | null;
  taxNumberEnding: string | null;
}

export interface SuggestionView {
  /** `clientId|app|externalId`: stable across pages and reloads. */
  key: string;
  clientId: string;
  app: Suggestion['app'];
  externalId: string;
  confidence: number;
  reasons: SuggestionReason[];
  /** Why, in words, strongest first. */
  why: string[];
  client: SuggestionSideView;
  record: SuggestionSideView & { appLabel: string; city: string | null };
}

export const suggestionKey = (pair: { clientId: string; app: string; externalId: string }) => `${pair.clientId}|${pair.app}|${pair.externalId}`;

/** The numbers that matched, one from each side; else each side's first number. */
function taxEvidence(s: Suggestion): { client: string | null; record: string | null } {
  const mine = [s.client.taxNumber, s.client.businessNumber];
  const theirs = [s.record.taxNumber, s.record.businessNumber];
  for (const a of mine)
    for (const b of theirs) if (taxNumbersMatch(normalizeTaxNumber(a), normalizeTaxNumber(b))) return { client: taxNumberEnding(a), record: taxNumberEnding(b) };
  return { client: taxNumberEnding(mine.find(Boolean) ?? null), record: taxNumberEnding(theirs.find(Boolean) ?? null) };
}

function reasonWords(s: Suggestion, tax: { record: string | null }): string[] {
  return s.reasons.map((reason) => {
    switch (reason) {
      case 'similar_name':
        return `Names ${Math.round(s.nameSimilarity * 100)}% alike`;
      case 'same_email':
        return 'Same email address';
      case 'same_tax_number':
        return tax.record ? `Same tax number (ending ${tax.record})` : 'Same tax number';
      case 'same_email_domain':
        return 'Email at the same business domain';
    }
  });
}

export function toSuggestionView(s: Suggestion): SuggestionView {
  const tax = taxEvidence(s);
  return {
    key: suggestionKey(s),
    clientId: s.clientId,
    app: s.app,
    externalId: s.externalId,
    confidence: s.confidence,
    reasons: s.reasons,
    why: reasonWords(s, tax),
    client: { name: s.client.name, highlight: highlightRanges(s.client.name, s.record.name).map(([a, b]) => [a, b]), email: s.client.email, taxNumberEnding: tax.client },
    record: {
      name: s.record.name,
      highlight: highlightRanges(s.record.name, s.client.name).map(([a, b]) => [a, b]),
      email: s.record.email,
      taxNumberEnding: tax.record,
      appLabel: appShortLabel(s.app),
      city: s.record.city,
    },
  };
}
