import { cleanSearchText } from './fields';

/** The longest search the list pages run (/clients and /proposals `?q=`). */
export const LIST_SEARCH_MAX_LENGTH = 100;

export const LIST_SEARCH_TOO_LONG = `Searches are limited to ${LIST_SEARCH_MAX_LENGTH} characters — shorten it to search.`;

/** Said in the list's result line instead of a count: the list below is not a search result. */
export const LIST_SEARCH_NOT_RUN = `Search not run: searches are limited to ${LIST_SEARCH_MAX_LENGTH} characters.`;

/**
 * Why a list's search text cannot be searched, or null. The list query schemas turn such text
 * into "no search" (searchText), so the page must say it did not search rather than show every
 * row as if it were the result: a trial saw a long search keep its text beside the whole list.
 * Counted after the same cleaning the search gets, so the box and the list always agree.
 */
export function listSearchProblem(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return cleanSearchText(value).length > LIST_SEARCH_MAX_LENGTH ? LIST_SEARCH_TOO_LONG : null;
}
