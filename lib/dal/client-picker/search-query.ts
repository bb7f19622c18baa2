import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { type Database, isEmbedded, queryRowsPrepared, queryRowsWithSettings, type Transaction } from '@/db';
import type { AppId } from '@/lib/sync/canonical-client';
import { PRACTICE_SOURCE, type SearchRecord } from '@/lib/sync/matching';
import { APP_IDS, isAppId } from '@/lib/apps/ids';
import { connectedAppsSubquery, connectedBadges, inAppOrder } from './connected-apps';
import { linkedAppsOf } from './linked-apps';
import { escapeLike, MIN_FUZZY_WORD_LENGTH, prefixUpperBound, type SearchTerms } from './search-terms';

/**
 * The picker's candidate queries. A few rows per source and per match tier come back and
 * lib/sync/matching's ranker orders them. Every branch starts from an index and stops
 * early (LIMIT, and no ORDER BY on the trigram branches): visiting thousands of heap rows
 * (a short query's contains-matches) or scoring every row by trigram similarity costs far
 * more than the index lookup, most of all on PGlite.
 *
 * - prefix (every query): a btree range on (practice_id, lower(name)) for clients or
 *   (practice_id, normalized_name) for directory records, read in index order, so the exact
 *   match comes first among its prefixes — one- and two-character queries stop here;
 * - from 3 characters, the name contains every word of the query (pg_trgm GIN, LIKE);
 * - only for sources that found nothing: word similarity (`<%`, typos such as "harbor"),
 *   the costly operator, in a second round trip.
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
/** Fewer candidates than this (across sources) and empty sources are searched for typos. */
const FEW_RESULTS = 8;

interface Row {
  /** Only with 'connected' directories: the apps the practice has connected. */
  connected_apps?: string[];
  /** Null only on the one row of a 'connected' phase that found nothing. */
  id: string | null;
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
  /** Only on a client's row: the apps it has active links to. */
  client_apps: string[] | null;
  /** The same for the client a linked record brings along (`linked_client_id`). */
  linked_client_apps: string[] | null;
}

type Phase = 'best' | 'more';

const isHit = (row: Row): row is Row & { id: string } => row.id !== null;

/**
 * The name starts with `query`: a btree range, and the exact test. The values are hidden from
 * the planner (opaque) so that every search is costed alike. PostgreSQL keeps one generic plan
 * for a prepared statement only if it looks no costlier than the plans made for each search's
 * values; with the values in sight the two were costed differently (a known range "harb" to
 * "harc" made each search's plan look cheaper), so each search was planned afresh: 0.9–1.2 ms
 * of PostgreSQL's CPU, as much as running it (pg_stat_statements during `npm run bench`), and
 * on PGlite 1.4 ms against 0.9 ms of running it. The plan is the same either way: the
 * (practice, name) index read in order until the LIMIT.
 */
function prefixFilter(name: SQL, query: string): SQL {
  return sql`${name} >= ${opaque(query)} and ${name} < ${opaque(prefixUpperBound(query))} and starts_with(${name}, ${opaque(query)})`;
}

/**
 * A value the planner cannot see. pg_trgm's selectivity estimate applies the operator to
 * every histogram and most-common value of the column, which on PGlite costs more than the
 * search itself (20 ms of planning for a three-word similarity); an InitPlan's value is
 * only known at run time, where the trigram index uses it all the same.
 */
function opaque(value: string): SQL {
  return sql`(select ${value}::text)`;
}

/**
 * Every word appears in the name (any order, any position). Words of 3+ characters are
 * LIKE patterns the trigram index answers; shorter ones are only checked on those rows
 * (a pattern without a trigram would make the index return everything).
 */
function wordsFilter(name: SQL, words: readonly string[]): SQL | null {
  const indexed = words.filter((w) => w.length >= 3);
  if (indexed.length === 0) return null;
  return sql.join(
    words.map((w) => (w.length >= 3 ? sql`${name} like ${opaque(`%${escapeLike(w)}%`)}` : sql`strpos(${name}, ${w}) > 0`)),
    sql` and `,
  );
}

/**
 * Every long word is close to a word of the name (pg_trgm word similarity: typos), and
 * every short word appears in it as typed: a short word has too few trigrams to compare,
 * yet leaving it out would let "zzz brand new" match "Grand …" on "brand" alone. A
 * three-letter word is a LIKE the trigram index answers together with the similarity,
 * so it narrows the candidates before any row is read.
 */
function fuzzyFilter(name: SQL, terms: SearchTerms): SQL {
  return sql.join(
    terms.words.map((w) => {
      if (w.length >= MIN_FUZZY_WORD_LENGTH) return sql`${opaque(w)} <% ${name}`;
      if (w.length >= 3) return sql`${name} like ${opaque(`%${escapeLike(w)}%`)}`;
      return sql`strpos(${name}, ${w}) > 0`;
    }),
    sql` and `,
  );
}

/**
 * A branch's LIMIT, written into the statement rather than sent as a parameter. PostgreSQL
 * plans a prepared statement for its values five times, then keeps one generic plan only if
 * that plan looks no costlier; with `limit $n` the generic plan must assume a tenth of the
 * table, so it never looked cheaper, and every search was planned afresh (1.2 ms of
 * PostgreSQL's CPU for a statement whose execution took 1.3 ms: pg_stat_statements during
 * `npm run bench`). The limits are few constants, so the statement texts stay few.
 */
function literalLimit(limit: number): SQL {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`a branch limit must be a positive whole number, not ${limit}`);
  return sql.raw(String(limit));
}

const CLIENT_COLUMNS = sql`c.id::text as id, c.name, 'practice' as source, null::app_id as app,
  c.email, c.street_city as city, c.tax_number, false as is_prospect`;
const DIRECTORY_COLUMNS = sql`d.external_id as id, d.name, d.app::text as source, d.app,
  d.email, d.city, d.tax_number, d.is_prospect`;

function clientPrefixBranch(practiceId: string, terms: SearchTerms, limit: number): SQL {
  const name = sql`lower(c.name)`;
  return sql`(select ${CLIENT_COLUMNS} from clients c
    where c.practice_id = ${practiceId} and c.archived_at is null and ${prefixFilter(name, terms.lowered)}
    order by ${name} limit ${literalLimit(limit)})`;
}

/**
 * On PGlite (embedded, in WebAssembly) lower() + LIKE or a similarity on every client of
 * the practice costs many times the trigram index lookup, yet a practice's few thousand
 * clients look cheap to the planner. There `(practice_id = …) is true` hides practice_id
 * from the btree so that, with sequential scans off (runPhase), only the trigram index is
 * left. On PostgreSQL the plain predicate stays: its planner's choice is sound, and hiding
 * practice_id from a shared multi-practice table would be the expensive mistake.
 */
function clientTrigramBranch(practiceId: string, filter: SQL, limit: number, embedded: boolean): SQL {
  const practice = embedded ? sql`(c.practice_id = ${practiceId}) is true` : sql`c.practice_id = ${practiceId}`;
  return sql`(select ${CLIENT_COLUMNS} from clients c
    where ${practice} and c.archived_at is null and ${filter}
    limit ${literalLimit(limit)})`;
}

/**
 * `gate`, when given, is a condition on the `connected` CTE alone (see runPhase): PostgreSQL
 * evaluates it once, before the branch, and skips the branch's scan entirely when it is false.
 */
function directoryBranch(practiceId: string, apps: readonly AppId[], filter: SQL, order: SQL | null, limit: number, gate: SQL | null = null): SQL {
  const app =
    apps.length === 1
      ? sql`d.app = ${appLiteral(apps[0]!)}`
      : sql`d.app in (${sql.join(
          apps.map((a) => appLiteral(a)),
          sql`, `,
        )})`;
  return sql`(select ${DIRECTORY_COLUMNS} from directory_records d
    where ${gate ? sql`${gate} and ` : sql``}d.practice_id = ${practiceId} and ${app} and not d.archived and ${filter}
    ${order ? sql`order by ${order}` : sql``} limit ${literalLimit(limit)})`;
}

/**
 * An app written into the statement, not sent as a parameter: with the app unknown, a generic
 * plan for the words branch intersected the trigram matches with every record of the practice
 * (a bitmap of 50,000 rows) where one for a known app does not. Only APP_IDS pass.
 */
function appLiteral(app: AppId): SQL {
  if (!isAppId(app)) throw new Error(`not an app: ${String(app)}`);
  return sql.raw(`'${app}'::app_id`);
}

/**
 * The connected apps, as the `connected` CTE found them: an array value (the cast), which
 * `= any(…)` needs; in parentheses alone it would be read as a subquery.
 */
const CONNECTED_APPS = sql`(select apps from connected)::app_id[]`;

/** The branch runs only if `app` is connected. */
function ifConnected(app: AppId): SQL {
  return sql`${app}::app_id = any(${CONNECTED_APPS})`;
}

/** The branch runs only if exactly `apps` are connected. */
function ifConnectedExactly(apps: readonly AppId[]): SQL {
  const array = sql`array[${sql.join(
    apps.map((a) => sql`${a}`),
    sql`, `,
  )}]::app_id[]`;
  return sql`${CONNECTED_APPS} @> ${array} and ${CONNECTED_APPS} <@ ${array}`;
}

/** Every non-empty subset of APP_IDS, each in APP_IDS order. */
const APP_SUBSETS: readonly (readonly AppId[])[] = APP_IDS.reduce<AppId[][]>((subsets, app) => [...subsets, ...subsets.map((s) => [...s, app]), [app]], []);

/**
 * Whose directories a phase searches: the apps given, or 'connected' — whichever apps the
 * practice has connected (not disconnected), found by the phase's own statement. Asked in a
 * statement of their own, they cost each search a round trip: a socket write, an answer to
 * parse and a pooled connection taken and given back, about a twentieth of the app's CPU per
 * search on PostgreSQL with two instances sharing the cores (npm run bench, /proc). The phase
 * then has a branch for every app, and for the words branch one for every set of apps, each
 * gated on the connections, so that exactly the branches the apps given would have had run,
 * with the same limits. The price: PostgreSQL plans the gated-off branches too (about 0.15 ms).
 */
export type Directories = readonly AppId[] | 'connected';

/**
 * Phase 'best': the name starts with the query (btree, per source, in name order) and,
 * from 3 characters, contains every word of it (one trigram lookup per table).
 * Phase 'more', only for sources that found nothing: typo-tolerant word similarity, the
 * costly operator; for clients (no normalised column, so no index-friendly form of a
 * multi-word comparison) only for a single word.
 */
function branches(practiceId: string, terms: SearchTerms, phase: Phase, clients: boolean, directories: Directories, limit: number, embedded: boolean): SQL[] {
  const clientName = sql`lower(c.name)`;
  const dirName = sql`d.normalized_name`;
  const out: SQL[] = [];
  // Per app, and for all the apps at once (the words branches), with the gate it needs.
  const eachApp: [AppId, SQL | null][] = directories === 'connected' ? APP_IDS.map((app) => [app, ifConnected(app)]) : directories.map((app) => [app, null]);
  const allApps: [readonly AppId[], SQL | null][] =
    directories === 'connected' ? APP_SUBSETS.map((apps) => [apps, ifConnectedExactly(apps)]) : directories.length > 0 ? [[directories, null]] : [];
  if (phase === 'more') {
    if (clients && terms.fuzzyWords.length === 1) out.push(clientTrigramBranch(practiceId, fuzzyFilter(clientName, terms), limit, embedded));
    if (terms.fuzzyWords.length > 0) {
      for (const [apps, gate] of allApps) out.push(directoryBranch(practiceId, apps, fuzzyFilter(dirName, terms), null, limit * apps.length, gate));
    }
    return out;
  }
  if (clients) out.push(clientPrefixBranch(practiceId, terms, limit));
  for (const [app, gate] of eachApp) out.push(directoryBranch(practiceId, [app], prefixFilter(dirName, terms.normalized), dirName, limit, gate));
  if (terms.short) return out;
  const clientWords = wordsFilter(clientName, terms.words);
  if (clients && clientWords) out.push(clientTrigramBranch(practiceId, clientWords, limit, embedded));
  const dirWords = wordsFilter(dirName, terms.words);
  if (dirWords) for (const [apps, gate] of allApps) out.push(directoryBranch(practiceId, apps, dirWords, null, limit * apps.length, gate));
  return out;
}

/**
 * One statement. With 'connected' directories every row also carries the connected apps, and
 * there is always a row: when nothing matched, one with the apps and no hit (id null).
 */
async function runPhase(
  db: Database | Transaction,
  practiceId: string,
  terms: SearchTerms,
  phase: Phase,
  clients: boolean,
  directories: Directories,
  limit: number,
): Promise<Row[]> {
  const embedded = isEmbedded(db);
  const hits = branches(practiceId, terms, phase, clients, directories, limit, embedded);
  if (hits.length === 0) return [];
  // A linked record is shown as its client, so the client's own details come along.
  const withLinks = sql`hits
    left join client_links l on hits.app is not null and l.practice_id = ${practiceId} and l.app = hits.app
      and l.external_id = hits.id and l.status = 'active'
    left join clients lc on lc.practice_id = l.practice_id and lc.id = l.client_id and lc.archived_at is null`;
  const columns = sql`hits.id, hits.name, hits.source, hits.email, hits.city, hits.tax_number, hits.is_prospect,
      lc.id::text as linked_client_id, lc.name as linked_name, lc.email as linked_email,
      lc.street_city as linked_city, lc.tax_number as linked_tax_number,
      case when hits.app is null then ${linkedAppsOf(practiceId, sql`hits.id::uuid`)} end as client_apps,
      case when lc.id is not null then ${linkedAppsOf(practiceId, sql`lc.id`)} end as linked_client_apps`;
  // The first CASE keeps a directory row's id (not a uuid) from ever reaching the cast: only a
  // client row has no app. A brought-along client (lc) needs its links too, or a client found
  // through one linked record lacked the other app's badge; the second CASE probes only for one.
  const union = sql.join(hits, sql` union all `);
  const query =
    directories === 'connected'
      ? sql`with connected as (${connectedAppsSubquery(practiceId)}), hits as (${union})
    select connected.apps::text[] as connected_apps, ${columns} from connected left join (${withLinks}) on true`
      : sql`with hits as (${union}) select ${columns} from ${withLinks}`;
  // Prepared (on each connection, or in PGlite's worker): the same few statement shapes run on
  // every keystroke.
  if (!embedded) return queryRowsPrepared<Row>(db, query);
  // Every branch is meant to start from an index (see clientTrigramBranch): on PGlite this
  // one statement runs with sequential scans off.
  return queryRowsWithSettings<Row>(db, query, { enable_seqscan: 'off' }, { prepare: true });
}

/**
 * Candidate records for `terms` in one practice, from its clients and the directories of
 * `directories` (see Directories), and the apps whose directories those were. A linked
 * directory record brings its client along as a practice record, so the ranker collapses the
 * two into that client even when the client's own name did not match.
 */
export async function findPickerCandidates(
  db: Database | Transaction,
  practiceId: string,
  terms: SearchTerms,
  directories: Directories,
  limit = CANDIDATES_PER_BRANCH,
): Promise<{ apps: AppId[]; records: PickerRecord[] }> {
  const found = await runPhase(db, practiceId, terms, 'best', true, directories, limit);
  const apps = directories === 'connected' ? inAppOrder(found[0]?.connected_apps ?? []) : [...directories];
  const rows = found.filter(isHit);
  if (!terms.short) {
    const sources: PickerSource[] = [PRACTICE_SOURCE, ...apps];
    const seen = new Set(rows.map((row) => row.source));
    // Typo tolerance only when the author sees little: it is the costly search.
    const empty = sources.filter((source) => !seen.has(source));
    const fewFound = rows.length < FEW_RESULTS;
    if (fewFound && empty.length > 0 && terms.fuzzyWords.length > 0) {
      const emptyApps = empty.filter((s): s is AppId => s !== PRACTICE_SOURCE);
      rows.push(...(await runPhase(db, practiceId, terms, 'more', empty.includes(PRACTICE_SOURCE), emptyApps, limit)).filter(isHit));
    }
  }
  const records: PickerRecord[] = [];
  for (const row of rows) {
    records.push({
      id: row.id,
      name: row.name,
      source: row.source,
      linkedClientId: row.linked_client_id,
      linkedSources: connectedBadges(row.client_apps, apps),
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
        linkedSources: connectedBadges(row.linked_client_apps, apps),
      });
    }
  }
  return { apps, records };
}
