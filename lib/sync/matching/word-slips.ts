import { normalizeName } from './normalize-name';

/**
 * Whether two names differ only by slips: every word of the name with fewer words stands in
 * the other as it is, or slightly misspelt ("Marekting" for "Marketing"), with a changed
 * ending ("Consultants" for "Consulting"), run together ("Bluegum" for "Blue Gum"), or as its
 * initial. Words the longer name adds are allowed ("Summit Consulting" / "Summit Peak
 * Consulting").
 *
 * Why: whole-name trigram similarity is dominated by the words names share, so "Nguyen
 * Superannuation Fund" and "Smith Superannuation Fund", or "Henderson & Roberts Partners" and
 * "Henderson & Chen Partners", scored as alike as a typo does — and a new user's trial found
 * such pairs offered as suggested matches, some within a bulk confirmation's reach. The word
 * that tells two such businesses apart is the one that differs wholly; a typo changes a
 * letter or two of it.
 */
export function namesDifferOnlyBySlips(a: string, b: string): boolean {
  const left = words(a);
  const right = words(b);
  if (left.length === 0 || right.length === 0) return false;
  const [fewer, more] = left.length <= right.length ? [left, right] : [right, left];
  return fewer.every((word) => standsIn(word, more));
}

const words = (name: string) =>
  normalizeName(name)
    .split(' ')
    .filter((w) => w !== '');

function standsIn(word: string, others: readonly string[]): boolean {
  if (others.includes(word)) return true;
  // An initial, on either side: "J Smith" / "John Smith".
  if (word.length === 1) return others.some((other) => other.startsWith(word));
  if (others.some((other) => other.length === 1 && word.startsWith(other))) return true;
  const runTogether = others.slice(1).map((second, i) => others[i] + second);
  return [...others, ...runTogether].some((other) => isSlipOf(word, other));
}

/**
 * A slip of `other`: the same word shortened or given another ending ("Super" /
 * "Superannuation", "Traders" / "Trading": a shared beginning of four letters or more that is
 * most of the word, or all of the shorter one), or misspelt by an edit or two (one below 8
 * letters; none below 4, where one letter makes another word: "Tan" / "Tao").
 */
function isSlipOf(word: string, other: string): boolean {
  // Digits are never misspelt: "Unit 4" and "Unit 5" are two places.
  if (/\d/.test(word) || /\d/.test(other)) return false;
  const shorter = Math.min(word.length, other.length);
  const shared = sharedPrefixLength(word, other);
  if (shared >= 4 && (shared === shorter || shared * 2 >= Math.max(word.length, other.length))) return true;
  const allowed = shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0;
  return allowed > 0 && editDistance(word, other, allowed) <= allowed;
}

function sharedPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`, or `limit + 1` once
 * it is certain to pass `limit` (optimal string alignment distance).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrevious[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    beforePrevious = previous;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit + 1);
}
