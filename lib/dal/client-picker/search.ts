import 'server-only';
import type { Database, Transaction } from '@/db';
import type { AppId } from '@/lib/sync/canonical-client';
import { highlightRanges, type MatchKind, PRACTICE_SOURCE, rankSearchResults } from '@/lib/sync/matching';
import { taxNumberEnding } from '@/lib/clients/tax-number';
import type { Member } from '../session';
import { connectedApps } from './connected-apps';
import { findPickerCandidates, type PickerRecord, type PickerSource } from './search-query';
import { type NameSearch, searchTerms } from './search-terms';
import { getDb } from '@/db';

/** Entries shown per group; the author narrows the query to see others. */
export const PER_GROUP = 8;

/** One row of the picker, small and ready to render: nothing the browser does not show. */
export interface PickerEntry {
  /** Stable React/cmdk key. */
  key: string;
  /** The practice client this entry stands for (also for linked external records). */
  clientId: string | null;
  /** For an unlinked external record: which record picking it will create a client from. */
  external: { app: AppId; externalId: string } | null;
  name: string;
  /** Badges, in group order: 'practice', 'xpm', 'gusto'. */
  sources: PickerSource[];
  email: string | null;
  city: string | null;
  /** The last digits of the tax number, enough to tell similar names apart. */
  taxNumberEnding: string | null;
  isProspect: boolean;
  /** Ranges of `name` to highlight, [start, end). */
  highlight: [number, number][];
  /** How well the name matched: the picker highlights the best entry of any group. */
  match: MatchKind;
}

export interface PickerGroup {
  source: PickerSource;
  entries: PickerEntry[];
  /** Matches in this group before the per-group cap (a lower bound when hasMore). */
  total: number;
  hasMore: boolean;
}

export interface PickerSearchResult {
  query: string;
  groups: PickerGroup[];
  /** Entries shown across groups. */
  shown: number;
  /** Apps whose directories were searched; empty means no app is connected. */
  apps: AppId[];
  /** Within names or only at their start (and why): "nothing matched" says which. */
  searched: NameSearch;
}

function toEntry(query: string, entry: { key: string; record: PickerRecord; clientId: string | null; sources: string[]; match: MatchKind }): PickerEntry {
  const { record } = entry;
  return {
    key: entry.key,
    clientId: entry.clientId,
    external: entry.clientId === null && record.source !== PRACTICE_SOURCE ? { app: record.source, externalId: record.id } : null,
    name: record.name,
    sources: entry.sources as PickerSource[],
    email: record.email,
    city: record.city,
    taxNumberEnding: taxNumberEnding(record.taxNumber),
    isProspect: record.isProspect,
    highlight: highlightRanges(record.name, query).map(([start, end]) => [start, end]),
    match: entry.match,
  };
}

/** Ranks candidates into capped groups. Separate from the query so the benchmark can time both. */
export function rankPickerCandidates(query: string, records: readonly PickerRecord[], apps: AppId[]): PickerSearchResult {
  // The database already filtered by trigram word similarity; every candidate may stay.
  const ranked = rankSearchResults(query, records, { perGroup: PER_GROUP, minSimilarity: 0 });
  const groups = ranked.groups.map((group) => ({
    source: group.source as PickerSource,
    entries: group.entries.map((entry) => toEntry(query, entry)),
    total: group.total,
    hasMore: group.hasMore,
  }));
  return { query, groups, shown: groups.reduce((n, g) => n + g.entries.length, 0), apps, searched: searchTerms(query)?.searched ?? 'within' };
}

/** The whole search for one practice, given a database: what the route handler and the benchmark run. */
export async function searchPractice(db: Database | Transaction, practiceId: string, query: string): Promise<PickerSearchResult> {
  const terms = searchTerms(query);
  if (!terms) return { query, groups: [], shown: 0, apps: await connectedApps(db, practiceId), searched: 'within' };
  // Which apps are connected is asked within the search's own statement: one round trip fewer.
  const { apps, records } = await findPickerCandidates(db, practiceId, terms, 'connected');
  return rankPickerCandidates(query, records, apps);
}

/** The member's practice only: the practice comes from the session, never the request. */
export async function searchClientPicker(member: Member, query: string): Promise<PickerSearchResult> {
  return searchPractice(await getDb(), member.practiceId, query);
}
