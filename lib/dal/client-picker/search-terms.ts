import { foldText, LEGAL_SUFFIXES, normalizeName } from '@/lib/sync/matching';

/**
 * What the picker's SQL needs from what the author typed. Pure, so the rules for short
 * queries, words and LIKE escaping are tested without a database.
 *
 * Directory records store `normalized_name` (normalizeName), so they are searched with the
 * normalised query; practice clients are searched on `lower(name)`, with the raw lowercase
 * text for the prefix match.
 */
export interface SearchTerms {
  /** Normalised query, compared with directory_records.normalized_name. */
  normalized: string;
  /** Lowercased query as typed (punctuation kept, spaces single), compared with lower(clients.name). */
  lowered: string;
  /** Folded query (lowercase, no punctuation). */
  folded: string;
  /**
   * Words every match must contain, longest first. Only words of 3+ characters can be
   * looked up in a trigram index; shorter ones are checked on the rows found.
   */
  words: string[];
  /** Words long enough to be worth a typo-tolerant (word similarity) lookup. */
  fuzzyWords: string[];
  /**
   * One- and two-character queries match name prefixes only, through a btree range on an
   * indexed expression: a trigram index cannot help with them, and a contains-match would
   * read most of the table. So does a query of joining words alone ("&", "the"): the
   * author is typing the start of a name such as "Anderson", and "contains 'and'" would
   * match a third of all names. And so does a query of legal forms alone ("Ltd", "Pty Ltd",
   * "Inc"): directory names are stored without them (normalizeName), so "contains 'ltd'"
   * could only ever find the practice's own clients — "Kelly & Sons Pty Ltd" from XPM never
   * — and the picker's "nothing matched" would be false; as the start of a name ("Inc" of
   * "Incite Media") they are found in every source alike.
   */
  short: boolean;
  /** Why the search is `short`, or 'within' when it is not: what "nothing matched" must say. */
  searched: NameSearch;
}

/**
 * How names were searched: within them (every word), or only their start — for a query of 1–2
 * characters, of joining words alone, or of legal forms alone.
 */
export type NameSearch = 'within' | 'start-short' | 'start-joining-words' | 'start-legal-forms';

/** Queries shorter than a trigram are served by the prefix (btree) path. */
export const MIN_TRIGRAM_QUERY_LENGTH = 3;
/** Typo tolerance for words this long: shorter words have too few trigrams to compare. */
export const MIN_FUZZY_WORD_LENGTH = 4;
export const MAX_QUERY_LENGTH = 100;
/** More words add index work but rarely narrow further. */
const MAX_WORDS = 4;
/**
 * Joining words ("&" normalises to "and") are in a great many names: as a "contains"
 * condition they make the trigram index return tens of thousands of rows and narrow
 * nothing, so they are left out of `words` when the query has other words.
 */
const JOINING_WORDS = new Set(['and', 'the', 'of', 'for']);

export function searchTerms(query: string): SearchTerms | null {
  const trimmed = query.trim().slice(0, MAX_QUERY_LENGTH);
  const folded = foldText(trimmed);
  if (folded === '') return null;
  // A query made only of a legal form ("pty") normalises to itself, never to nothing.
  const normalized = normalizeName(trimmed) || folded;
  const typedWords = [...new Set(normalized.split(' '))];
  const meaningful = typedWords.filter((w) => !JOINING_WORDS.has(w));
  const words = (meaningful.length > 0 ? meaningful : typedWords).sort((a, b) => b.length - a.length).slice(0, MAX_WORDS);
  const searched: NameSearch =
    folded.length < MIN_TRIGRAM_QUERY_LENGTH ? 'start-short' : meaningful.length === 0 ? 'start-joining-words' : onlyLegalForms(folded) ? 'start-legal-forms' : 'within';
  return {
    normalized,
    lowered: trimmed.toLowerCase().replace(/\s+/g, ' '),
    folded,
    words,
    fuzzyWords: words.filter((w) => w.length >= MIN_FUZZY_WORD_LENGTH),
    short: searched !== 'within',
    searched,
  };
}

/** Every word (joining words aside) is part of a legal form: "ltd", "Pty. Ltd.", "Co. Ltd.", "LLC Inc". */
function onlyLegalForms(folded: string): boolean {
  const words = folded.split(' ').filter((w) => w !== '' && !JOINING_WORDS.has(w));
  if (words.length === 0) return false;
  while (words.length > 0) {
    const suffix = LEGAL_SUFFIXES.find((s) => s.length <= words.length && s.every((w, i) => words[words.length - s.length + i] === w));
    if (!suffix) return false;
    words.splice(words.length - suffix.length);
  }
  return true;
}

/** LIKE treats % and _ as wildcards, and \ as the escape: the author means the characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A case-insensitive "contains" pattern for `lower(column) LIKE …` (trigram-indexed). Runs of
 * spaces in the term count as one, as they look on the page.
 */
export function likeContains(term: string): string {
  return `%${escapeLike(term.toLowerCase().replace(/\s+/g, ' '))}%`;
}

/** More words than this narrow a list search little, and each is a LIKE. */
const MAX_LIST_WORDS = 6;

/** Words that join others ("Carter and Sons", "Carter & Sons"): a name may write them either way. */
const LIST_JOINING_WORDS = new Set(['and', '&', '+']);

/**
 * A list search's words, each a "contains" pattern: a row matches when it has every one, in
 * any order and with any spacing, so "harbour  dental" (two spaces) and "dental harbour" find
 * "Harbour Dental Pty Ltd" (a name from an app may hold a double space the page never shows).
 * "and" and "&" are left out beside other words, so "carter and sons" finds "Carter & Sons";
 * past MAX_LIST_WORDS the longest words are kept (they narrow most).
 */
export function likeEveryWord(term: string): string[] {
  const typed = [
    ...new Set(
      term
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== ''),
    ),
  ];
  const meaningful = typed.filter((w) => !LIST_JOINING_WORDS.has(w));
  const words = meaningful.length > 0 ? meaningful : typed;
  const kept = new Set([...words].sort((a, b) => b.length - a.length).slice(0, MAX_LIST_WORDS));
  return words.filter((w) => kept.has(w)).map((w) => `%${escapeLike(w)}%`);
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
