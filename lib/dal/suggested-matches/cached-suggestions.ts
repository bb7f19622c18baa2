import 'server-only';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';
import { processWide } from '@/lib/providers/process-wide';
import { findSuggestions, type Suggestion } from './find-suggestions';

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
 */
const MAX_PRACTICES = 200;

interface Entry {
  fingerprint: string;
  suggestions: Promise<Suggestion[]>;
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
  const [row] = await queryRows<{ fingerprint: string; as_of: string }>(
    db,
    sql`select concat_ws('|',
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from clients where practice_id = ${practiceId}),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from client_links where practice_id = ${practiceId}),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from directory_records where practice_id = ${practiceId}),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from dismissed_match_suggestions where practice_id = ${practiceId}),
          (select string_agg(app || ':' || status, ',' order by app) from connections where practice_id = ${practiceId})
        ) as fingerprint, pg_current_snapshot()::text as as_of`,
  );
  return { fingerprint: row?.fingerprint ?? '', asOf: row?.as_of ?? '' };
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
  if (hit?.fingerprint === fingerprint) return { suggestions: await hit.suggestions, asOf };
  // The promise is kept, so requests arriving together share one computation; a failure is not kept.
  const suggestions = findSuggestions(db, practiceId);
  entries.delete(practiceId);
  entries.set(practiceId, { fingerprint, suggestions });
  while (entries.size > MAX_PRACTICES) entries.delete(entries.keys().next().value!);
  suggestions.catch(() => {
    if (entries.get(practiceId)?.suggestions === suggestions) entries.delete(practiceId);
  });
  return { suggestions: await suggestions, asOf };
}

/** Tests and benchmarks: forget every practice's answer. */
export function clearSuggestionsCache(): void {
  cache().clear();
}
