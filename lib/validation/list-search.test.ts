import { describe, expect, test } from 'vitest';
import { clientListQuerySchema } from './client';
import { LIST_SEARCH_MAX_LENGTH, LIST_SEARCH_NOT_RUN, LIST_SEARCH_TOO_LONG, listSearchProblem } from './list-search';
import { proposalListQuerySchema } from './proposal';

describe('listSearchProblem: a list search too long to run is said, never silently dropped', () => {
  test('the words the box and the result line show', () => {
    expect(LIST_SEARCH_MAX_LENGTH).toBe(100);
    expect(LIST_SEARCH_TOO_LONG).toBe('Searches are limited to 100 characters — shorten it to search.');
    expect(LIST_SEARCH_NOT_RUN).toBe('Search not run: searches are limited to 100 characters.');
  });

  test.each<[string, unknown, string | null]>([
    ['nothing', undefined, null],
    ['empty', '', null],
    ['a short search', 'harbour', null],
    ['exactly 100 characters', 'x'.repeat(100), null],
    ['101 characters', 'x'.repeat(101), LIST_SEARCH_TOO_LONG],
    ['a thousand characters', 'x'.repeat(1000), LIST_SEARCH_TOO_LONG],
    // Counted as searched: spaces around it are trimmed, control characters dropped.
    ['100 characters with spaces around', `  ${'x'.repeat(100)}  `, null],
    ['100 characters and a NUL', `${'x'.repeat(50)}\u0000${'x'.repeat(50)}`, null],
    ['101 characters with spaces around', ` ${'x'.repeat(101)} `, LIST_SEARCH_TOO_LONG],
    ['not text (a repeated ?q=)', ['a', 'b'], null],
    ['not text (a number)', 42, null],
  ])('%s', (_, value, expected) => {
    expect(listSearchProblem(value)).toBe(expected);
  });

  // Whatever the box says, the list agrees: a problem means the schema searched nothing, no problem means it searched the text.
  test.each([
    ['clients', (q: string) => clientListQuerySchema.parse({ q }).q],
    ['proposals', (q: string) => proposalListQuerySchema.parse({ q }).q],
  ])('the %s list searches exactly when there is no problem', (_, searched) => {
    for (let length = 0; length <= 103; length++) {
      for (const q of ['x'.repeat(length), ` ${'x'.repeat(length)} `, `${'x'.repeat(length)}\u0000`]) {
        const problem = listSearchProblem(q);
        expect(searched(q), `${length}: ${JSON.stringify(q)}`).toBe(problem ? '' : 'x'.repeat(length));
      }
    }
  });
});
