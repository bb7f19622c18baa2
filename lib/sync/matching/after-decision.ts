import { isAutoLinkMatch, type DuplicateCheckable } from './duplicates';
import type { Candidate, PairKey } from './suggested-match';

/**
 * What an admin decided on the suggested-matches page, as written: pairs dismissed ("never
 * suggest again") and pairs linked.
 */
export interface PairDecision {
  dismissed: readonly PairKey[];
  linked: readonly PairKey[];
}

/**
 * The candidate pairs a fresh search would propose after `decision`, from those it proposed
 * before: a dismissed pair goes, and a link takes every pair of its client for that app and
 * every pair of its record (the database proposes neither side of a link again). Everything
 * else a candidate depends on is the pair's own two sides, unchanged by the decision.
 *
 * The suggestions are then selectSuggestions of what is left — not the old list less the
 * decided pairs: a pair shown only as the best of its client or record can have had a
 * runner-up behind it, which becomes the best and is suggested now (dismiss "Martin Super
 * Fund" / "Martinez Super Fund" and "Martin Super Fund" / "Martins Super Fund" may appear).
 *
 * Null when a candidate taken away had the same normalised name on both sides: such a pair
 * kept its client out of the probes altogether (find-suggestions.ts exactPartners), so the
 * candidates a fresh search finds for that client are not among these; work them out again.
 */
export function candidatesAfterDecision<C extends DuplicateCheckable, R extends DuplicateCheckable, T extends Candidate<C, R>>(
  candidates: readonly T[],
  decision: PairDecision,
): T[] | null {
  const dismissed = new Set(decision.dismissed.map(pairKey));
  const linkedClients = new Set(decision.linked.map(clientSide));
  const linkedRecords = new Set(decision.linked.map(recordSide));
  const kept: T[] = [];
  for (const candidate of candidates) {
    const gone = dismissed.has(pairKey(candidate)) || linkedClients.has(clientSide(candidate)) || linkedRecords.has(recordSide(candidate));
    if (!gone) kept.push(candidate);
    else if (isAutoLinkMatch(candidate.client, candidate.record)) return null;
  }
  return kept;
}

const pairKey = (p: PairKey) => `${p.clientId} ${p.app} ${p.externalId}`;
const clientSide = (p: PairKey) => `${p.clientId} ${p.app}`;
const recordSide = (p: PairKey) => `${p.app} ${p.externalId}`;
