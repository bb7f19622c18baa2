import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import type { AppId } from '@/lib/sync/canonical-client';
import { PRACTICE_SOURCE, type SearchRecord } from '@/lib/sync/matching';
import { escapeLike, prefixUpperBound, type SearchTerms } from './search-terms';

/**
 * The picker's candidate queries. A few rows per source and per match tier come back and
 * lib/sync/matching's ranker orders them. Every branch starts from an index and stops
 * early (LIMIT, and no ORDER BY on the trigram branches), because visiting thousands of
 * heap rows — a 3-letter query's contains-matches — costs far more than the index lookup,
 * most of all on PGlite:
 *
 * - prefix (every query): a btree range on (practice_id, lower(name)) for clients or
 *   (practice_id, normalized_name) for directory records, read in index order, so the exact
 *   match comes first among its prefixes — one- and two-character queries stop here;
 * - from 3 characters, a later word starts with the query (pg_trgm GIN, LIKE '% q%');
 * - only for sources that came back short: the query appears anywhere, or is close by word
 *   similarity (`<%`, typos such as "harbor"), the costly operator, in a second round trip.
 *
 * The server-only import is satisfied in the benchmark by the react-server condition.
 */
export type PickerSource = typeof PRACTICE_SOURCE | AppId;

export interface PickerRecord extends SearchRecord {
  source: PickerSource;
  email: string | null;
  city: string | null;
  taxNumber: string | null;
  isProspect: boolean;
}

/** Rows per source and per branch; the ranker shows fewer (PER_GROUP). */
export const CANDIDATES_PER_BRANCH = 12;
/** A source with fewer 'best' hits than this is searched again more loosely. */
const MIN_BEFORE_MORE = 8;

interface Row {
  id: string;
  name: string;
  source: PickerSource;
  email: string | null;
  city: string | null;
  tax_number: string | null;
  is_prospect: boolean;
  linked_client_id: string | null;
  linked_name: string | null;
  linked_email: string | null;
  linked_city: string | null;
  linked_tax_number: string | null;
}

interface Target {
  /** The searched expression, matching an index's expression exactly. */
  name: SQL;
  /** The query in the same form as `name`. */
  query: string;
  /** Query form for word similarity (no punctuation). */
  fuzzy: string;
  select: (filter: SQL, order: SQL | null, limit: number) => SQL;
}

type Phase = 'best' | 'more';

/**
 * Phase 'best': the name starts with the query (btree) and, from 3 characters, a later word
 * starts with it (GIN). Phase 'more', only for sources that came back short: the query
 * appears anywhere, or is close by word similarity (typos). Word similarity is the costly
 * operator, so it only runs when the cheap branches found too little.
 */
function branches(target: Target, terms: SearchTerms, phase: Phase, limit: number): SQL[] {
  const { name, query } = target;
  if (phase === 'more') {
    return [target.select(sql`(${name} like ${`%${escapeLike(query)}%`} or ${target.fuzzy} <% ${name})`, null, limit)];
  }
  const prefix = target.select(
    sql`${name} >= ${query} and ${name} < ${prefixUpperBound(query)} and starts_with(${name}, ${query})`,
    name,
    limit,
  );
  if (terms.short) return [prefix];
  return [prefix, target.select(sql`${name} like ${`% ${escapeLike(query)}%`}`, null, limit)];
}

function clientTarget(practiceId: string, terms: SearchTerms): Target {
  return {
    name: sql`lower(c.name)`,
    query: terms.lowered,
    fuzzy: terms.folded,
    select: (filter, order, limit) => sql`(select c.id::text as id, c.name, 'practice' as source, null::app_id as app,
        c.email, c.street_city as city, c.tax_number, false as is_prospect
      from clients c
      where c.practice_id = ${practiceId} and c.archived_at is null and ${filter}
      ${order ? sql`order by ${order}` : sql``} limit ${limit})`,
  };
}

function directoryTarget(practiceId: string, app: AppId, terms: SearchTerms): Target {
  return {
    name: sql`d.normalized_name`,
    query: terms.normalized,
    fuzzy: terms.normalized,
    select: (filter, order, limit) => sql`(select d.external_id as id, d.name, d.app::text as source, d.app,
        d.email, d.city, d.tax_number, d.is_prospect
      from directory_records d
      where d.practice_id = ${practiceId} and d.app = ${app} and not d.archived and ${filter}
      ${order ? sql`order by ${order}` : sql``} limit ${limit})`,
  };
}

async function runPhase(
  db: Database | Transaction,
  practiceId: string,
  terms: SearchTerms,
  phase: Phase,
  sources: readonly PickerSource[],
  limit: number,
): Promise<Row[]> {
  const hits = sources.flatMap((source) =>
    branches(source === PRACTICE_SOURCE ? clientTarget(practiceId, terms) : directoryTarget(practiceId, source, terms), terms, phase, limit),
  );
  // A linked record is shown as its client, so the client's own details come along.
  return queryRows<Row>(
    db,
    sql`with hits as (${sql.join(hits, sql` union all `)})
    select hits.id, hits.name, hits.source, hits.email, hits.city, hits.tax_number, hits.is_prospect,
      lc.id::text as linked_client_id, lc.name as linked_name, lc.email as linked_email,
      lc.street_city as linked_city, lc.tax_number as linked_tax_number
    from hits
    left join client_links l on hits.app is not null and l.practice_id = ${practiceId} and l.app = hits.app
      and l.external_id = hits.id and l.status = 'active'
    left join clients lc on lc.practice_id = l.practice_id and lc.id = l.client_id and lc.archived_at is null`,
  );
}

/**
 * Candidate records for `terms` in one practice, from its clients and the directories of
 * `apps`. A linked directory record brings its client along as a practice record, so the
 * ranker collapses the two into that client even when the client's own name did not match.
 */
export async function findPickerCandidates(
  db: Database | Transaction,
  practiceId: string,
  terms: SearchTerms,
  apps: readonly AppId[],
  limit = CANDIDATES_PER_BRANCH,
): Promise<PickerRecord[]> {
  const sources: PickerSource[] = [PRACTICE_SOURCE, ...apps];
  const rows = await runPhase(db, practiceId, terms, 'best', sources, limit);
  if (!terms.short) {
    const found = new Map<string, Set<string>>();
    for (const row of rows) found.set(row.source, (found.get(row.source) ?? new Set()).add(row.id));
    const short = sources.filter((source) => (found.get(source)?.size ?? 0) < MIN_BEFORE_MORE);
    if (short.length > 0) rows.push(...(await runPhase(db, practiceId, terms, 'more', short, limit)));
  }
  const records: PickerRecord[] = [];
  for (const row of rows) {
    records.push({
      id: row.id,
      name: row.name,
      source: row.source,
      linkedClientId: row.linked_client_id,
      email: row.email,
      city: row.city,
      taxNumber: row.tax_number,
      isProspect: row.is_prospect,
    });
    if (row.linked_client_id && row.linked_name !== null) {
      records.push({
        id: row.linked_client_id,
        name: row.linked_name,
        source: PRACTICE_SOURCE,
        linkedClientId: null,
        email: row.linked_email,
        city: row.linked_city,
        taxNumber: row.linked_tax_number,
        isProspect: false,
      });
    }
  }
  return records;
}
