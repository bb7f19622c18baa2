import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import { processWide } from '@/lib/providers/process-wide';
import { candidatesAfterDecision, type PairDecision, selectSuggestions } from '@/lib/sync/matching';
import { findCandidates, type Suggestion, type SuggestionCandidate } from './find-suggestions';

/**
 * Suggested matches, worked out once per state of what they are made from (issue 12).
 *
 * Working them out is a trigram probe per unlinked client plus the matcher in code (about
 * 200 ms for the demo practice on PGlite), and three pages ask for them: the review page,
 * the Dashboard's "ambiguous matches" figures and the Integrations notice. The answer depends
 * only on the practice's clients, links, directory records, dismissed pairs and connections,
 * so it is kept under a fingerprint of them for the practice, read in one statement: each
 * connection's status (only connected apps' records are suggested; token refreshes, which
 * update connections all day, do not matter) and, for the other four tables, how many rows
 * and the sum of their row versions' transaction ids (`xmin`). Any insert, update or delete of one of those rows, by any write path, changes one
 * of the two — an update writes a row version stamped with a later transaction — with no
 * write path having to remember to say so, and no reliance on clocks (timestamps written by
 * several app instances can go backwards). Freezing keeps `xmin` as it was, so nothing
 * changes the fingerprint but a write.
 *
 * The fingerprint is read before the suggestions, so a cached answer is never older than its
 * key: a write landing between the two leaves a newer answer under the older key, which the
 * next reader's fingerprint no longer matches. The cache is per process (in `processWide`,
 * so Next's duplicate module copies share it) and keyed by the database's state, so several
 * app instances on one PostgreSQL stay correct, each with its own copy.
 *
 * A decision on the review page (dismiss, confirm, confirm many) changes the fingerprint, and
 * working everything out again took the page's Confirm and Dismiss 2.5–6 s each under load
 * (a user trial). So the pairs the database proposed are kept too, and a decision is applied
 * to them (carryDecision) when nothing but the decision changed since they were found: the
 * decision's transaction reads the fingerprint with and without the rows it wrote
 * (decisionFingerprints), and the cached answer is carried over only if the fingerprint
 * without them is the cached one.
 */
const MAX_PRACTICES = 200;

interface Worked {
  /** What the database proposed (findCandidates): a decision is applied to these. */
  candidates: readonly SuggestionCandidate[];
  suggestions: Suggestion[];
}

interface Entry {
  fingerprint: string;
  worked: Promise<Worked>;
}

const cache = () => processWide('dal.suggestedMatches', () => new Map<string, Entry>());

export async function suggestionsFingerprint(db: Database, practiceId: string): Promise<string> {
  return (await readFingerprint(db, practiceId)).fingerprint;
}

/**
 * The fingerprint, and the database snapshot it was read under: the same statement, so a
 * transaction is in the snapshot exactly when its writes are in the fingerprint (and so in the
 * suggestions kept under it). The page uses it to tell whether a decision it sent is counted yet.
 */
async function readFingerprint(db: Database, practiceId: string): Promise<{ fingerprint: string; asOf: string }> {
  const [row] = await queryRows<{ fingerprint: string; as_of: string }>(db, sql`select ${fingerprintOf(practiceId)} as fingerprint, pg_current_snapshot()::text as as_of`);
  return { fingerprint: row?.fingerprint ?? '', asOf: row?.as_of ?? '' };
}

/** No rows left out of the fingerprint. */
const ALL_ROWS = { links: sql`true`, dismissals: sql`true` };

/**
 * The fingerprint's expression. `keep` can leave some rows of links and dismissed pairs out
 * (decisionFingerprints: those a decision wrote); by default every row counts.
 */
function fingerprintOf(practiceId: string, keep: { links: SQL; dismissals: SQL } = ALL_ROWS): SQL {
  return sql`concat_ws('|',
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from clients where practice_id = ${practiceId}),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from client_links where practice_id = ${practiceId} and ${keep.links}),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from directory_records where practice_id = ${practiceId}),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from dismissed_match_suggestions where practice_id = ${practiceId} and ${keep.dismissals}),
          (select string_agg(app || ':' || status, ',' order by app) from connections where practice_id = ${practiceId})
        )`;
}

/** The fingerprint after a decision, and without the rows it wrote: see carryDecision. */
export interface DecisionFingerprints {
  after: string;
  without: string;
}

/** Rows not among `pairs` (client_id, app, external_id). */
function notAmong(pairs: PairDecision['linked']): SQL {
  if (pairs.length === 0) return sql`true`;
  const json = JSON.stringify(pairs.map((p) => ({ client_id: p.clientId, app: p.app, external_id: p.externalId })));
  return sql`(client_id, app::text, external_id) not in (select p.client_id, p.app, p.external_id from jsonb_to_recordset(${json}::jsonb) as p(client_id uuid, app text, external_id text))`;
}

/**
 * Read in a decision's transaction after its writes: the fingerprint as it will be once the
 * decision commits, and as it is without the link and dismissal rows the decision inserted —
 * exactly those (the caller says which it inserted: a pair already dismissed or linked is not
 * one). If anything else changed since the cached answer was worked out — another admin's
 * decision, a sync, an edit, or a row this decision updated rather than inserted — the second
 * is not the cached answer's fingerprint, and carryDecision keeps nothing. Under READ
 * COMMITTED the statement sees whatever committed before it, so a write that lands between
 * the decision's own statements is seen here too.
 */
export async function decisionFingerprints(tx: Transaction, practiceId: string, written: PairDecision): Promise<DecisionFingerprints> {
  const keep = { links: notAmong(written.linked), dismissals: notAmong(written.dismissed) };
  const [row] = await queryRows<{ after: string; without: string }>(tx, sql`select ${fingerprintOf(practiceId)} as after, ${fingerprintOf(practiceId, keep)} as without`);
  return { after: row?.after ?? '', without: row?.without ?? '' };
}

/**
 * After a decision committed: the practice's cached answer, with the decision applied to its
 * candidates, kept under the fingerprint the decision left — when the cached answer was
 * worked out from exactly the state before the decision (its fingerprint is `without`).
 * Otherwise, or when the decision took away a pair that kept a client from being probed
 * (candidatesAfterDecision gives null), nothing is kept and the next reader works it out.
 */
export async function carryDecision(practiceId: string, fingerprints: DecisionFingerprints, decision: PairDecision): Promise<void> {
  const entries = cache();
  const before = entries.get(practiceId);
  if (!before || before.fingerprint !== fingerprints.without || fingerprints.after === fingerprints.without) return;
  const worked = await before.worked.catch(() => null);
  const candidates = worked && candidatesAfterDecision(worked.candidates, decision);
  // Someone may have worked out a newer answer meanwhile: never put an older one over it.
  if (!candidates || entries.get(practiceId) !== before) return;
  entries.set(practiceId, { fingerprint: fingerprints.after, worked: Promise.resolve({ candidates, suggestions: selectSuggestions(candidates) as Suggestion[] }) });
}

/** Every suggested match of the practice, as findSuggestions gives them; treat the array as read-only. */
export async function cachedSuggestions(db: Database, practiceId: string): Promise<Suggestion[]> {
  return (await cachedSuggestionsAsOf(db, practiceId)).suggestions;
}

/** The suggestions with the snapshot of what they were made from (readFingerprint). */
export async function cachedSuggestionsAsOf(db: Database, practiceId: string): Promise<{ suggestions: Suggestion[]; asOf: string }> {
  const entries = cache();
  const { fingerprint, asOf } = await readFingerprint(db, practiceId);
  const hit = entries.get(practiceId);
  if (hit?.fingerprint === fingerprint) return { suggestions: (await hit.worked).suggestions, asOf };
  // The promise is kept, so requests arriving together share one computation; a failure is not kept.
  const worked = workOut(db, practiceId);
  entries.delete(practiceId);
  entries.set(practiceId, { fingerprint, worked });
  while (entries.size > MAX_PRACTICES) entries.delete(entries.keys().next().value!);
  worked.catch(() => {
    if (entries.get(practiceId)?.worked === worked) entries.delete(practiceId);
  });
  return { suggestions: (await worked).suggestions, asOf };
}

async function workOut(db: Database, practiceId: string): Promise<Worked> {
  const candidates = await findCandidates(db, practiceId);
  return { candidates, suggestions: selectSuggestions(candidates) as Suggestion[] };
}

/** Tests and benchmarks: forget every practice's answer. */
export function clearSuggestionsCache(): void {
  cache().clear();
}
