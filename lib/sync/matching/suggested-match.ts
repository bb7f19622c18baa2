import { findDuplicateCandidates, type DuplicateCheckable, type DuplicateReason } from './duplicates';

/**
 * Suggested matches (issue 12): a client here and an app's directory record that are
 * probably the same business, for a person to confirm or dismiss (DESIGN §3 Matching: a
 * fuzzy match is only ever a suggestion).
 *
 * The evidence and its weight are the duplicate detector's (duplicates.ts), so the picker's
 * "possible duplicate" warning and this page never disagree about a pair. What this adds:
 * which pairs qualify, a confidence in whole percent, and how a bulk confirmation resolves
 * a client or record that would be claimed twice.
 */
export type SuggestionReason = Exclude<DuplicateReason, 'exact_name'>;

export interface SuggestionScore {
  /** 0…99, whole percent; only an exact normalised name (never suggested) would be 100. */
  confidence: number;
  /** Strongest first. */
  reasons: SuggestionReason[];
  /** Trigram similarity of the normalised names, 0…1. */
  nameSimilarity: number;
}

/** Evidence strong enough to suggest a pair on its own; a shared email domain is not. */
const QUALIFYING: ReadonlySet<SuggestionReason> = new Set(['similar_name', 'same_email', 'same_tax_number']);

/**
 * The pair's confidence and why, or null when it is not a suggestion: nothing in common,
 * only a shared email domain, or the same normalised name (runs link those by themselves).
 */
export function scoreSuggestedMatch(client: DuplicateCheckable, record: DuplicateCheckable): SuggestionScore | null {
  const [found] = findDuplicateCandidates(client, [record]);
  if (!found || found.reasons.includes('exact_name')) return null;
  const reasons = found.reasons.filter((r): r is SuggestionReason => r !== 'exact_name');
  if (!reasons.some((r) => QUALIFYING.has(r))) return null;
  // Floor, and never 100: "100%" would read as certain, and only an exact name is.
  return { confidence: Math.min(99, Math.floor(found.score * 100 + 1e-9)), reasons, nameSimilarity: found.nameSimilarity };
}

/** The thresholds an admin can pick for "confirm all above". */
export const BULK_CONFIDENCE_CHOICES = [90, 80, 70, 60, 50] as const;

export interface PairKey {
  clientId: string;
  app: string;
  externalId: string;
}

export interface RankedPair extends PairKey {
  confidence: number;
  nameSimilarity: number;
  /** Breaks the last ties, so the order never depends on the database's. */
  clientName: string;
}

/** Best first: confidence, then name likeness, then names, then ids. */
export function compareSuggestions(a: RankedPair, b: RankedPair): number {
  return (
    b.confidence - a.confidence ||
    b.nameSimilarity - a.nameSimilarity ||
    a.clientName.localeCompare(b.clientName) ||
    a.clientId.localeCompare(b.clientId) ||
    a.app.localeCompare(b.app) ||
    a.externalId.localeCompare(b.externalId)
  );
}

export type SkipReason =
  /** The client is already taken, for that app, by a better pair in the same confirmation. */
  | 'client_taken'
  /** The record is already taken by a better pair in the same confirmation. */
  | 'record_taken';

export interface BulkConfirmPlan<T extends RankedPair> {
  link: T[];
  skipped: { pair: T; reason: SkipReason; instead: T }[];
}

/**
 * Which pairs "confirm all at or above `minConfidence`" links. A client is linked once per
 * app and a record once, so where two pairs share a side the better one wins and the other
 * is reported as skipped, naming the pair that won.
 */
export function planBulkConfirm<T extends RankedPair>(pairs: readonly T[], minConfidence: number): BulkConfirmPlan<T> {
  const byClient = new Map<string, T>();
  const byRecord = new Map<string, T>();
  const plan: BulkConfirmPlan<T> = { link: [], skipped: [] };
  for (const pair of pairs.filter((p) => p.confidence >= minConfidence).sort(compareSuggestions)) {
    const clientKey = `${pair.clientId} ${pair.app}`;
    const recordKey = `${pair.app} ${pair.externalId}`;
    const clientWinner = byClient.get(clientKey);
    const recordWinner = byRecord.get(recordKey);
    if (clientWinner) plan.skipped.push({ pair, reason: 'client_taken', instead: clientWinner });
    else if (recordWinner) plan.skipped.push({ pair, reason: 'record_taken', instead: recordWinner });
    else {
      byClient.set(clientKey, pair);
      byRecord.set(recordKey, pair);
      plan.link.push(pair);
    }
  }
  return plan;
}
