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
  return PRINTABLE_ASCII.test(text) ? foldAscii(text) : foldAnyText(text);
}

/** The whole rule, for any text. Exported for the test that holds the ASCII path to it. */
export function foldAnyText(text: string): string {
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

/**
 * The same rule for printable ASCII, which most business names are: NFKD, combining marks
 * and the spelled-out letters cannot occur, and the Unicode classes reduce to a-z and 0-9.
 * The picker folds every candidate of every search, and the Unicode path was a third of
 * ranking's time (\p{…} classes and NFKD); the equivalence is tested over every printable
 * character pair and random names (fold.test.ts).
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_APOSTROPHES = /['`]/g;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;
const ASCII_SINGLE_LETTER_RUN = /(?<![^ ])[a-z](?: [a-z])+(?![^ ])/g;

function foldAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(ASCII_APOSTROPHES, '')
    .replace(ASCII_SEPARATORS, ' ')
    .trim()
    .replace(ASCII_SINGLE_LETTER_RUN, (run) => run.replace(/ /g, ''));
}
