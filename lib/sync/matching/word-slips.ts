import { normalizeName } from './normalize-name';

/**
 * Whether two names differ only by slips: every word of the name with fewer words stands in
 * the other — each against a word of its own — as it is, misspelt ("Marekting" for
 * "Marketing"), with another ending of the same word ("Consultants" for "Consulting",
 * "Funds" for "Fund"), shortened ("Super" for "Superannuation", "Intl" for "International"),
 * run together ("Bluegum" for "Blue Gum"), or as its initial. Words the longer name adds are
 * allowed ("Summit Consulting" / "Summit Peak Consulting").
 *
 * Why: whole-name trigram similarity is dominated by the words names share, so "Nguyen
 * Superannuation Fund" and "Smith Superannuation Fund", or "Henderson & Roberts Partners" and
 * "Henderson & Chen Partners", scored as alike as a typo does — and a new user's trial found
 * such pairs offered as suggested matches, some within a bulk confirmation's reach. The word
 * that tells two such businesses apart is the one that differs; a typo changes a letter or two
 * of it, and a family name that grows ("Harris" / "Harrison", "Tran" / "Trang") is another family.
 */
export function namesDifferOnlyBySlips(a: string, b: string): boolean {
  const left = words(a);
  const right = words(b);
  if (left.length === 0 || right.length === 0) return false;
  const [fewer, more] = left.length <= right.length ? [left, right] : [right, left];
  // Each word against a word of its own, exact ones first: "Smith & Smith" is not "Smith & Jones".
  const free = [...more];
  const unmatched = fewer.filter((word) => !take(free, (other) => other === word));
  return unmatched.every((word) => take(free, (other) => isSlipOf(word, other)) || takeRunTogether(free, word));
}

/** Short forms a business name is often written with, read as the word they stand for. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  intl: 'international',
  bros: 'brothers',
  mgmt: 'management',
  mgt: 'management',
  svcs: 'services',
  svc: 'service',
  assoc: 'associates',
  natl: 'national',
  st: 'saint',
  mt: 'mount',
  ft: 'fort',
};

const words = (name: string) =>
  normalizeName(name)
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => SHORT_FORMS[w] ?? w);

/** Removes and reports the first word of `words` that `fits`. */
function take(words: string[], fits: (word: string) => boolean): boolean {
  const at = words.findIndex(fits);
  if (at < 0) return false;
  words.splice(at, 1);
  return true;
}

/** "bluegum" against "blue" + "gum" standing next to each other there (both taken). */
function takeRunTogether(words: string[], word: string): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    if (isSlipOf(word, words[i]! + words[i + 1]!)) {
      words.splice(i, 2);
      return true;
    }
  }
  return false;
}

/** Endings one word takes in two spellings of a business name ("consult|ing" / "consult|ants"). */
const ENDINGS = new Set(['', 's', 'es', 'ing', 'ings', 'ant', 'ants', 'ancy', 'ent', 'ents', 'ency', 'er', 'ers', 'ed', 'ion', 'ions', 'al', 'y', 'ies']);

/**
 * A slip of `other`: an initial; another ending of the same word (a shared stem of four letters
 * or more, then endings such as -s, -ing, -ants on each side); a short form (all of a word of
 * five letters or more, then four more: "Super" / "Superannuation"); its last letter doubled
 * ("Summitt"), or one more letter on a word of five or more ("Clarke"); or a misspelling by an edit
 * (two from 8 letters; none below 4, where one letter makes another word: "Tan" / "Tao"). Letters
 * added at the end are none of these unless they are an ending: "Harris" / "Harrison".
 */
function isSlipOf(word: string, other: string): boolean {
  if (word.length === 1 || other.length === 1) return word[0] === other[0]; // an initial
  // Digits are never misspelt: "Unit 4" and "Unit 5" are two places.
  if (/\d/.test(word) || /\d/.test(other)) return false;
  const [shorter, longer] = word.length <= other.length ? [word, other] : [other, word];
  const stem = sharedPrefixLength(shorter, longer);
  if (stem >= 4 && ENDINGS.has(shorter.slice(stem)) && ENDINGS.has(longer.slice(stem))) return true;
  if (stem === shorter.length) {
    const added = longer.slice(stem);
    if (added === shorter.at(-1)) return shorter.length >= 4; // its last letter doubled: "Summitt"
    if (added.length === 1 && shorter.length >= 5) return true; // one letter more on a longer word: "Clark" / "Clarke"
    return shorter.length >= 5 && added.length >= 4; // a short form, else letters added: another word
  }
  const allowed = shorter.length >= 8 ? 2 : shorter.length >= 4 ? 1 : 0;
  return allowed > 0 && editDistance(shorter, longer, allowed) <= allowed;
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
