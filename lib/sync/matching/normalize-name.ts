import { foldText } from './fold';
import { LEGAL_SUFFIXES } from './legal-suffixes';

/**
 * The normalised form of a business name. Two records whose normalised names are equal
 * are the same client, and that is the ONLY thing allowed to link records automatically
 * (DESIGN §3 Matching), so this errs on the side of keeping words: it removes case,
 * accents, punctuation, "&"/"and" differences, a leading "the" and trailing legal forms,
 * nothing more.
 *
 * "Harbour Dental Pty. Ltd." → "harbour dental"; "Smith & Sons Plumbing" → "smith and sons plumbing".
 * A name made only of removable words ("Limited", "The Co") keeps what is needed to stay
 * non-empty, so it never collides with every other such name.
 */
export function normalizeName(name: string): string {
  return normalizeFoldedName(foldText(name));
}

/** The same, given the name already folded (`foldText`): search ranking has it at hand. */
export function normalizeFoldedName(folded: string): string {
  const words = folded.split(' ').filter((w) => w !== '');
  stripTrailingLegalForms(words);
  if (words.length > 1 && words[0] === 'the') words.shift();
  return words.join(' ');
}

function stripTrailingLegalForms(words: string[]): void {
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const suffix of LEGAL_SUFFIXES) {
      // Leave at least one word: a name that is all legal form stays as it is.
      if (suffix.length >= words.length) continue;
      if (endsWith(words, suffix)) {
        words.splice(words.length - suffix.length, suffix.length);
        stripped = true;
        break;
      }
    }
  }
}

function endsWith(words: readonly string[], suffix: readonly string[]): boolean {
  const offset = words.length - suffix.length;
  return suffix.every((word, i) => words[offset + i] === word);
}
