import { findDuplicateCandidates, isAutoLinkMatch, type DuplicateCheckable, type DuplicateReason } from './duplicates';
import { differingNumber, normalizeTaxNumber, taxNumbersMatch } from './tax-number';
import { namesDifferOnlyBySlips } from './word-slips';

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

/**
 * A name alone must be at least this alike. Lower, whole-name trigrams pair every "Smith
 * Family Trust" with every "Jones Family Trust" (shared words dominate short names): on the
 * demo practice against XPM's 2,500 clients, 0.45 suggested 5,500 pairs, 0.6 about 700
 * before the mutual-best rule below. A one-letter slip in a long word stays above it
 * ("Valley Marketing" / "Valley Marekting" 0.62).
 */
export const NAME_ONLY_MIN_SIMILARITY = 0.6;

function sameWholeTaxNumber(a: DuplicateCheckable, b: DuplicateCheckable): boolean {
  const mine = [a.taxNumber, a.businessNumber].map(normalizeTaxNumber);
  const theirs = [b.taxNumber, b.businessNumber].map(normalizeTaxNumber);
  return mine.some((x) => theirs.some((y) => x !== null && y !== null && !x.masked && !y.masked && taxNumbersMatch(x, y)));
}

/**
 * The pair's confidence and why, or null when it is not a suggestion: the same normalised
 * name (runs link those by themselves), or evidence too weak to show a person —
 *
 * - the same email address, or the same whole tax number, stands on its own;
 * - a similar name stands on its own from NAME_ONLY_MIN_SIMILARITY, when the names differ
 *   only by slips (word-slips.ts): "Nguyen Superannuation Fund" is not "Smith Superannuation
 *   Fund", however much of the two names is alike;
 * - XPM's masked tax number (its last four digits: one pair in 10,000 shares them by
 *   chance) counts only beside a similar name or a shared business email domain;
 * - a shared business email domain alone never does;
 * - a different tax number, or business number, on both sides rules out everything but the
 *   same email address or the same whole tax number: a new user's trial bulk-confirmed "Carter &
 *   Sons Tours Inc." with XPM's "Carter & Sons Solar Limited" (alike names, different business
 *   numbers), and the next sync To XPM overwrote the other business.
 */
export function scoreSuggestedMatch(client: DuplicateCheckable, record: DuplicateCheckable): SuggestionScore | null {
  const [found] = findDuplicateCandidates(client, [record]);
  if (!found || found.reasons.includes('exact_name')) return null;
  const reasons = found.reasons.filter((r): r is SuggestionReason => r !== 'exact_name');
  const has = (reason: SuggestionReason) => reasons.includes(reason);
  const qualifies =
    has('same_email') ||
    (has('same_tax_number') && (sameWholeTaxNumber(client, record) || has('similar_name') || has('same_email_domain'))) ||
    (has('similar_name') && found.nameSimilarity >= NAME_ONLY_MIN_SIMILARITY && namesDifferOnlyBySlips(client.name, record.name));
  if (!qualifies) return null;
  if (differingNumber(client, record) && !has('same_email') && !sameWholeTaxNumber(client, record)) return null;
  // Floor, and never 100: "100%" would read as certain, and only an exact name is.
  return { confidence: Math.min(99, Math.floor(found.score * 100 + 1e-9)), reasons, nameSimilarity: found.nameSimilarity };
}

export interface Candidate<C extends DuplicateCheckable, R extends DuplicateCheckable> extends PairKey {
  client: C;
  record: R;
}

export type Scored<C extends DuplicateCheckable, R extends DuplicateCheckable> = Candidate<C, R> & SuggestionScore & RankedPair;

/**
 * From every candidate pair the database proposed, the suggestions a person should see,
 * best first:
 *
 * - a client or record with an exact-name partner is left out altogether: runs and the
 *   picker link it to that partner, and suggesting another would invite a wrong link;
 * - a pair whose only evidence is its name must be the best pair of both its client (for
 *   that app) and its record: "Martin Super Fund" is shown beside "Martinez Super Fund"
 *   only if nothing fits either of them better.
 */
export function selectSuggestions<C extends DuplicateCheckable, R extends DuplicateCheckable>(candidates: readonly Candidate<C, R>[]): Scored<C, R>[] {
  const exactClients = new Set<string>();
  const exactRecords = new Set<string>();
  const scored: Scored<C, R>[] = [];
  for (const candidate of candidates) {
    if (isAutoLinkMatch(candidate.client, candidate.record)) {
      exactClients.add(clientKey(candidate));
      exactRecords.add(recordKey(candidate));
      continue;
    }
    const score = scoreSuggestedMatch(candidate.client, candidate.record);
    if (score) scored.push({ ...candidate, ...score, clientName: candidate.client.name });
  }
  const live = scored.filter((s) => !exactClients.has(clientKey(s)) && !exactRecords.has(recordKey(s)));
  const bestOfClient = new Map<string, number>();
  const bestOfRecord = new Map<string, number>();
  for (const s of live) {
    bestOfClient.set(clientKey(s), Math.max(bestOfClient.get(clientKey(s)) ?? 0, s.confidence));
    bestOfRecord.set(recordKey(s), Math.max(bestOfRecord.get(recordKey(s)) ?? 0, s.confidence));
  }
  const nameOnly = (s: SuggestionScore) => s.reasons.every((r) => r === 'similar_name');
  return live
    .filter((s) => !nameOnly(s) || (s.confidence >= (bestOfClient.get(clientKey(s)) ?? 0) && s.confidence >= (bestOfRecord.get(recordKey(s)) ?? 0)))
    .sort(compareSuggestions);
}

const clientKey = (pair: PairKey) => `${pair.clientId} ${pair.app}`;
const recordKey = (pair: PairKey) => `${pair.app} ${pair.externalId}`;

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
  | 'record_taken'
  /**
   * As likely as another pair that shares its client or record (same confidence, same name
   * likeness): which one is right is a person's call, so neither is linked.
   */
  | 'tied'
  /** Its client or record has likelier pairs that tied (above): it waits for that choice. */
  | 'undecided';

export interface BulkConfirmPlan<T extends RankedPair> {
  link: T[];
  skipped: { pair: T; reason: SkipReason; instead: T }[];
}

/** Equal on everything that says which pair is likelier; what is left (names, ids) would be an arbitrary pick. */
const equallyLikely = (a: RankedPair, b: RankedPair) => a.confidence === b.confidence && a.nameSimilarity === b.nameSimilarity;

/**
 * Which pairs "confirm all at or above `minConfidence`" links. A client is linked once per
 * app and a record once, so where two pairs share a side the better one wins and the other
 * is reported as skipped, naming the pair that won. Where they are equally likely neither is
 * linked (a trial saw one of three equal pairs linked by alphabetical order): both are
 * skipped as tied, and their clients and records wait for a person, lower pairs included.
 */
export function planBulkConfirm<T extends RankedPair>(pairs: readonly T[], minConfidence: number): BulkConfirmPlan<T> {
  // The pair that holds each side: linked, or tied and so left for a person.
  const byClient = new Map<string, T>();
  const byRecord = new Map<string, T>();
  const linked = new Set<T>();
  const skipped: BulkConfirmPlan<T>['skipped'] = [];
  const hold = (pair: T) => {
    if (!byClient.has(clientKey(pair))) byClient.set(clientKey(pair), pair);
    if (!byRecord.has(recordKey(pair))) byRecord.set(recordKey(pair), pair);
  };
  for (const pair of pairs.filter((p) => p.confidence >= minConfidence).sort(compareSuggestions)) {
    const clientHolder = byClient.get(clientKey(pair));
    const recordHolder = byRecord.get(recordKey(pair));
    // Pairs come best first: a holder is at least as likely. A strictly likelier linked one
    // wins its side for good. Behind one left for a person (tied), this pair waits too, holds
    // its other side so that nothing weaker is linked there before that choice is made, and
    // an equally likely pair already linked there becomes a choice too — whichever of the two
    // the order (names, ids) put first, the outcome is the same.
    const holders = [clientHolder, recordHolder].filter((h): h is T => h !== undefined);
    const likelier = holders.filter((h) => !equallyLikely(h, pair));
    const taken = likelier.find((h) => linked.has(h));
    if (taken) skipped.push({ pair, reason: taken === clientHolder ? 'client_taken' : 'record_taken', instead: taken });
    else if (likelier.length > 0) {
      skipped.push({ pair, reason: 'undecided', instead: likelier[0]! });
      for (const holder of holders) if (!likelier.includes(holder) && linked.delete(holder)) skipped.push({ pair: holder, reason: 'tied', instead: pair });
      hold(pair);
    } else if (holders.length > 0) {
      const ties = holders;
      for (const holder of ties) {
        if (!linked.delete(holder)) continue;
        skipped.push({ pair: holder, reason: 'tied', instead: pair });
      }
      skipped.push({ pair, reason: 'tied', instead: ties[0]! });
      hold(pair);
    } else {
      linked.add(pair);
      hold(pair);
    }
  }
  // In the order they were taken: best first.
  return { link: pairs.filter((p) => linked.has(p)).sort(compareSuggestions), skipped };
}
