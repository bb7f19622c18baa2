import { foldText, normalizeName } from '@/lib/sync/matching';

/**
 * What the picker's SQL needs from what the author typed. Pure, so the rules for short
 * queries and LIKE escaping are tested without a database.
 *
 * Directory records store `normalized_name` (normalizeName), so they are searched with the
 * normalised query; practice clients are searched on `lower(name)`, with the raw lowercase
 * text for containment and the folded text for trigram similarity.
 */
export interface SearchTerms {
  /** Normalised query, compared with directory_records.normalized_name. */
  normalized: string;
  /** Lowercased query as typed (punctuation kept), compared with lower(clients.name). */
  lowered: string;
  /** Folded query (no punctuation): used for trigram similarity against either. */
  folded: string;
  /**
   * One- and two-character queries match name prefixes only, through a btree range on an
   * indexed expression: a trigram index cannot help with them, and a contains-match would
   * read most of the table.
   */
  short: boolean;
}

/** Queries shorter than a trigram are served by the prefix (btree) path. */
export const MIN_TRIGRAM_QUERY_LENGTH = 3;
export const MAX_QUERY_LENGTH = 100;

export function searchTerms(query: string): SearchTerms | null {
  const trimmed = query.trim().slice(0, MAX_QUERY_LENGTH);
  const folded = foldText(trimmed);
  if (folded === '') return null;
  // A query made only of a legal form ("pty") normalises to itself, never to nothing.
  const normalized = normalizeName(trimmed) || folded;
  return { normalized, lowered: trimmed.toLowerCase(), folded, short: folded.length < MIN_TRIGRAM_QUERY_LENGTH };
}

/** LIKE treats % and _ as wildcards, and \ as the escape: the author means the characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The smallest string greater than every string that starts with `prefix`, for a range
 * `name >= prefix AND name < upper` that a plain btree answers under any collation (the
 * planner only turns LIKE 'x%' into a range for C collation or text_pattern_ops).
 * The caller still checks `starts_with`, so an unusual collation can never add false hits.
 */
export function prefixUpperBound(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop();
  if (last === undefined) return '\u{10FFFF}';
  const code = last.codePointAt(0) ?? 0;
  return chars.join('') + String.fromCodePoint(Math.min(code + 1, 0x10ffff));
}
