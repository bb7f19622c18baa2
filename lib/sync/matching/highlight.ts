import { foldText } from './fold';

/**
 * Where the query appears in a displayed name, as [start, end) ranges of the ORIGINAL
 * text, so the picker can bold "Har" in "Härbour Dental" for the query "har". Matching is
 * case- and accent-insensitive, per query word, preferring the start of a word; ranges
 * are sorted and merged.
 */
export type HighlightRange = readonly [start: number, end: number];

interface FoldedText {
  text: string;
  /** For each folded character, the original [start, end) it came from. */
  origin: [number, number][];
}

function foldPerCharacter(text: string): FoldedText {
  let folded = '';
  const origin: [number, number][] = [];
  let index = 0;
  for (const ch of text) {
    // Fold one character at a time so each folded character knows where it came from;
    // marks and apostrophes fold to nothing (as in foldText), other punctuation to a
    // space, which keeps word boundaries visible.
    const f = /[\p{M}'’‘`]/u.test(ch) ? '' : /[\p{L}\p{N}]/u.test(ch) ? foldText(ch) : ' ';
    for (const c of f) {
      folded += c;
      origin.push([index, index + ch.length]);
    }
    index += ch.length;
  }
  return { text: folded, origin };
}

export function highlightRanges(text: string, query: string): HighlightRange[] {
  const words = foldText(query)
    .split(' ')
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  const folded = foldPerCharacter(text);
  const ranges: [number, number][] = [];
  for (const word of [...new Set(words)]) {
    const at = findWordStart(folded.text, word) ?? nonNegative(folded.text.indexOf(word));
    if (at === null) continue;
    const first = folded.origin[at];
    const last = folded.origin[at + word.length - 1];
    if (first && last) ranges.push([first[0], last[1]]);
  }
  return merge(ranges);
}

function findWordStart(haystack: string, word: string): number | null {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(word, from);
    if (at < 0) return null;
    if (at === 0 || haystack.charAt(at - 1) === ' ') return at;
    from = at + 1;
  }
}

function nonNegative(n: number): number | null {
  return n < 0 ? null : n;
}

function merge(ranges: [number, number][]): HighlightRange[] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
