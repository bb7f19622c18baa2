/**
 * Trigram similarity with PostgreSQL pg_trgm's `similarity()` semantics, so a score
 * computed here for a suggestion agrees with the `%` / `similarity()` the database uses
 * to find candidates (DESIGN §3 Matching):
 *
 * - words are runs of letters and digits; everything else separates words;
 * - each word is lowercased and padded with two spaces before and one after;
 * - the trigrams of all padded words form a SET (duplicates count once);
 * - similarity = |A ∩ B| / |A ∪ B|, and 0 when either side has no trigrams.
 *
 * e.g. similarity('word', 'two words') = 4 / 11 = 0.363636…
 * Characters are compared as code points; pg_trgm hashes multi-byte trigrams, which can
 * only differ from this in a vanishingly rare hash collision.
 */
const WORDS = /[\p{L}\p{N}]+/gu;
const SURROGATE = /[\uD800-\uDFFF]/;

export function trigrams(text: string): Set<string> {
  const result = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORDS)) {
    const padded = `  ${match[0]} `;
    if (!SURROGATE.test(padded)) {
      // Every UTF-16 unit is a code point: slice the string itself. The picker ranks every
      // candidate of every search this way, and the array per word was most of its cost.
      for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
      continue;
    }
    const chars = Array.from(padded); // code points, not UTF-16 units
    for (let i = 0; i + 3 <= chars.length; i++) result.add(chars.slice(i, i + 3).join(''));
  }
  return result;
}

export function trigramSimilarity(a: string, b: string): number {
  return setSimilarity(trigrams(a), trigrams(b));
}

/** The same measure over precomputed sets, for comparing one query against many records. */
export function setSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const t of small) if (large.has(t)) common++;
  return common / (a.size + b.size - common);
}
