/**
 * Legal-form words that say nothing about *which* business a name is, so "Harbour Dental
 * Pty Ltd" and "Harbour Dental" are the same name. Written as folded word sequences (see
 * foldText: punctuation is already gone and initialisms are joined, so "Pty. Ltd." is
 * "pty ltd", "L.L.C." is "llc" and "P/L" is "pl"). They are stripped from the end of a
 * name, longest first, repeatedly.
 *
 * Add a form here, never a special case elsewhere. Words that could be a real part of a
 * name on their own ("nz", "company", "group", "holdings", "trust", "ag", "pc") are
 * deliberately not here, or only inside a longer sequence ("nz ltd").
 */
const SUFFIXES: readonly string[] = [
  // Australia / New Zealand
  'proprietary limited',
  'proprietary ltd',
  'pty limited',
  'pty ltd',
  'pl', // "P/L"
  'pty',
  'nz limited',
  'nz ltd',
  'limited',
  'ltd',
  // United States
  'limited liability company',
  'llc',
  'incorporated',
  'inc',
  'corporation',
  'corp',
  'and co', // "Smith & Co": "co" alone would leave a dangling "and"
  'co',
  'lp',
  'llp',
  'pllc',
  // United Kingdom / Europe
  'plc',
  'gmbh',
];

/** Suffixes as word arrays, longest first so "pty ltd" wins over "ltd". */
export const LEGAL_SUFFIXES: readonly (readonly string[])[] = SUFFIXES.map((s) => s.split(' ')).sort((a, b) => b.length - a.length);
