import { sql, type SQL } from 'drizzle-orm';
import { LEGAL_SUFFIXES } from '@/lib/sync/matching';

/**
 * A name normalised by the database, as near to normalizeName (lib/sync/matching) as SQL
 * comes: lowercased, "&" spelled "and", apostrophes dropped, any other run of punctuation a
 * space, single letters joined ("J.B." = "jb"), trailing legal forms and a leading "the"
 * removed. Clients store no normalised name (normalizeName is code), so this is how the
 * likely-duplicates query orders a client's candidates by the draft's normalised name: the
 * client named the same ("Green & Kaur Advisory Pty Ltd" for "Green and Kaur Advisory") then
 * compares as identical and comes first, however many names share its words.
 *
 * It only orders candidates; the matcher decides (findDuplicateCandidates). What it leaves
 * undone (accents: normalizeName decomposes "é" to "e"; "ß" spelled "ss") only ranks such a
 * name by its trigrams instead of as identical. normalized-name-sql.test.ts holds the two
 * together on names of every kind it handles.
 */
export function normalizedNameSql(name: SQL): SQL {
  let folded = sql`replace(lower(${name}), '&', ' and ')`;
  folded = sql`regexp_replace(${folded}, ${literal(APOSTROPHES)}, '', 'g')`;
  folded = sql`btrim(regexp_replace(${folded}, '[^[:alnum:]]+', ' ', 'g'))`;
  folded = sql`regexp_replace(${folded}, ${literal(BETWEEN_SINGLE_LETTERS)}, '', 'g')`;
  const stripped = sql`regexp_replace(${folded}, ${literal(legalFormsPattern())}, '\\1')`;
  return sql`regexp_replace(${stripped}, '^the ', '')`;
}

/** As fold.ts drops them: inside words, without leaving a gap ("O'Brien" = "obrien"). */
const APOSTROPHES = "['’‘`´]";

/** A space with a single letter on each side, each bounded by a space or an end: "l l c" → "llc". */
const BETWEEN_SINGLE_LETTERS = '(?<=(?:^| )[[:alpha:]]) (?=[[:alpha:]](?: |$))';

/**
 * One or more legal forms ending the name, after at least one other word (normalizeName keeps
 * a name that is all legal form): the shortest leading part is kept, so every trailing form
 * goes. Built from LEGAL_SUFFIXES, so a form added there is stripped here too.
 */
export function legalFormsPattern(): string {
  const forms = LEGAL_SUFFIXES.map((words) => words.join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(.+?)(?: (?:${forms.join('|')}))+$`;
}

/** A constant of this module as an SQL string literal (standard_conforming_strings: a backslash is itself). */
function literal(text: string): SQL {
  return sql.raw(`'${text.replaceAll("'", "''")}'`);
}
