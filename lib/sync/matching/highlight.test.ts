import { describe, expect, test } from 'vitest';
import { highlightRanges } from './highlight';

/** Marks the highlighted ranges with [brackets] to make the table readable. */
function mark(text: string, query: string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of highlightRanges(text, query)) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return out + text.slice(at);
}

describe('highlightRanges', () => {
  test.each([
    ['Harbour Dental', 'har', '[Har]bour Dental'],
    ['Harbour Dental', 'dent', 'Harbour [Dent]al'],
    ['Harbour Dental', 'harbour dental', '[Harbour] [Dental]'],
    ['Harbour Dental', 'dental harbour', '[Harbour] [Dental]'],
    ['Härbour Dental', 'harb', '[Härb]our Dental'],
    ['Café Olé', 'cafe', '[Café] Olé'],
    ["O'Brien Tax", 'obrien', "[O'Brien] Tax"],
    ['Straße Bau', 'strasse', '[Straße] Bau'],
    ['Bourbon Harbour', 'bour', '[Bour]bon Harbour'], // word start preferred over inside a word
    ['Harbour', 'bour', 'Har[bour]'], // inside a word when no word starts with it
    ['Harbour Dental', 'xyz', 'Harbour Dental'],
    ['Harbour Dental', '', 'Harbour Dental'],
    ['Harbour Dental', '  ', 'Harbour Dental'],
  ])('%j for %j → %j', (text, query, expected) => {
    expect(mark(text, query)).toBe(expected);
  });
});
