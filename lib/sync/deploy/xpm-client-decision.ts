import type { DeploymentChoiceReason } from '@/db/schema/deployments';
import { differingNumber, isAutoLinkMatch, type NumberedRecord } from '@/lib/sync/matching';

/**
 * Which XPM client a proposal's workflow is deployed to, when its client exists only here
 * (issue 11, requirement 1; DESIGN §3 "Matching"). Pure: the caller gathers the candidates from
 * the XPM directory and from a live `client.api/search` (the directory may be minutes old).
 *
 * - exactly one live XPM client with the same normalised name → link it (and, if it is still a
 *   prospect, make it a client: accepting a first proposal means the practice won it) — unless
 *   both carry a tax number, or both a business number, and it differs: two businesses with one
 *   name, as far as we can tell, so an admin decides (the same rule as a sync run's auto-link);
 * - several → do not guess: an admin chooses;
 * - none → create the client in XPM.
 *
 * A same-name XPM client already linked to another client here is never taken over and never
 * silently duplicated: an admin decides (it is listed, marked as linked elsewhere).
 */
export interface XpmCandidate extends NumberedRecord {
  uuid: string;
  name: string;
  isProspect: boolean;
  /** Archived or deleted in XPM: never a match. */
  archived: boolean;
  /** The client here that this XPM client is linked to, if any. */
  linkedClientId: string | null;
  /** Evidence for a person choosing between candidates. */
  email?: string | null;
  city?: string | null;
}

export type XpmClientDecision =
  | { kind: 'link'; candidate: XpmCandidate; makeClient: boolean }
  | { kind: 'choose'; reason: DeploymentChoiceReason; candidates: XpmCandidate[] }
  | { kind: 'create' };

/**
 * The same XPM client may come from both sources: the live answer wins (fresher name, flags),
 * the directory's link stays (the live search knows nothing of links here).
 */
export function mergeCandidates(directory: readonly XpmCandidate[], live: readonly XpmCandidate[]): XpmCandidate[] {
  const byUuid = new Map(directory.map((c) => [c.uuid.toLowerCase(), c]));
  for (const fresh of live) {
    const known = byUuid.get(fresh.uuid.toLowerCase());
    byUuid.set(fresh.uuid.toLowerCase(), { ...fresh, linkedClientId: fresh.linkedClientId ?? known?.linkedClientId ?? null });
  }
  return [...byUuid.values()];
}

export function decideXpmClient(client: { id: string; name: string } & NumberedRecord, directory: readonly XpmCandidate[], live: readonly XpmCandidate[]): XpmClientDecision {
  const sameName = mergeCandidates(directory, live).filter((c) => !c.archived && isAutoLinkMatch(client.name, c.name));
  const ours = sameName.find((c) => c.linkedClientId === client.id);
  if (ours) return { kind: 'link', candidate: ours, makeClient: ours.isProspect }; // linked meanwhile (a retry)
  const free = sameName.filter((c) => c.linkedClientId === null);
  const [only] = free;
  if (free.length === 1 && only) {
    const differing = differingNumber(client, only);
    if (differing) return { kind: 'choose', reason: differing === 'tax_number' ? 'tax_number_differs' : 'business_number_differs', candidates: [only] };
    return { kind: 'link', candidate: only, makeClient: only.isProspect };
  }
  if (free.length > 1) return { kind: 'choose', reason: 'several_matches', candidates: free };
  if (sameName.length > 0) return { kind: 'choose', reason: 'linked_elsewhere', candidates: sameName };
  return { kind: 'create' };
}
