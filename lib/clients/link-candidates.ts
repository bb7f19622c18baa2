import type { PickerSearchResult } from '@/lib/dal/client-picker/search';
import type { AppId } from '@/lib/apps/ids';

/** A record of the app's directory that Link to… / Relink may choose: not linked to any client. */
export interface LinkCandidate {
  key: string;
  externalId: string;
  name: string;
  email: string | null;
  city: string | null;
  taxNumberEnding: string | null;
  isProspect: boolean;
}

export interface LinkCandidates {
  candidates: LinkCandidate[];
  /** Clients whose record of this app matched: that record is taken (one client per record). */
  linkedElsewhere: { key: string; name: string }[];
  /** The app's group was capped: narrowing the search shows others. */
  hasMore: boolean;
}

/**
 * The client picker's search answer, narrowed to one app for the client Sync section: the
 * picker lists a linked record as its client (in the practice group, with the app's badge),
 * so the app's own group holds exactly the records nobody has linked yet.
 */
export function linkCandidatesFor(result: PickerSearchResult | undefined, app: AppId, clientId: string): LinkCandidates {
  if (!result) return { candidates: [], linkedElsewhere: [], hasMore: false };
  const own = result.groups.find((g) => g.source === app);
  const candidates = (own?.entries ?? []).flatMap((entry) =>
    entry.external && entry.external.app === app
      ? [
          {
            key: entry.key,
            externalId: entry.external.externalId,
            name: entry.name,
            email: entry.email,
            city: entry.city,
            taxNumberEnding: entry.taxNumberEnding,
            isProspect: entry.isProspect,
          },
        ]
      : [],
  );
  const linkedElsewhere = result.groups
    .filter((g) => g.source === 'practice')
    .flatMap((g) => g.entries)
    .filter((entry) => entry.clientId !== null && entry.clientId !== clientId && entry.sources.includes(app))
    .map((entry) => ({ key: entry.key, name: entry.name }));
  return { candidates, linkedElsewhere, hasMore: own?.hasMore ?? false };
}
