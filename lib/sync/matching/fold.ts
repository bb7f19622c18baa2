/**
 * The character-level half of name normalisation, shared by exact matching and by search
 * ranking: lowercase, compatibility-decompose (NFKD: "ﬁ" → "fi", full-width → ASCII),
 * drop combining marks ("é" → "e"), spell out letters NFKD leaves alone ("ß" → "ss",
 * "ø" → "o"), "&" → " and ", drop apostrophes (they sit inside words: "O'Brien"), turn
 * every other non-letter, non-digit into a space, collapse spaces, and join runs of single
 * letters back into one word, so initialisms compare equal however they are punctuated:
 * "L.L.C." = "LLC", "A.B.C." = "A B C" = "ABC", "P/L" = "PL", "JB Hi-Fi" = "J.B. Hi Fi".
 * (Full stops split rather than join, so "Pty.Ltd." is still "pty ltd".)
 */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_SPELLED = /[ßæœøłđðþı]/g;
const APOSTROPHES = /['’‘`´]/g; // removed without leaving a gap
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
/** Two or more single-letter words in a row ("l l c"), bounded by spaces or the ends. */
const SINGLE_LETTER_RUN = /(?<![^ ])\p{L}(?: \p{L})+(?![^ ])/gu;

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NOT_SPELLED, (ch) => SPELLED_OUT[ch] ?? ch)
    .replace(/&/g, ' and ')
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim()
    .replace(SINGLE_LETTER_RUN, (run) => run.replace(/ /g, ''));
}
