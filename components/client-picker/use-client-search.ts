'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PickerSearchResult } from '@/lib/dal/client-picker/search';
import { useDebouncedValue } from './use-debounced-value';

export const SEARCH_DEBOUNCE_MS = 150;

/** The first part of every search's cache key: what a link change marks stale (forget-client-searches.ts). */
export const CLIENT_SEARCH_QUERY_KEY = 'client-search';

async function fetchJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (response.status === 401) throw new Error('Your session has ended. Sign in again to search.');
  if (!response.ok) throw new Error('Search failed. Try again.');
  return (await response.json()) as T;
}

/**
 * The picker's search as the author types: debounced, cached briefly, and a search whose
 * query is out of date is aborted (TanStack Query aborts the signal when its key changes).
 * The previous results stay on screen while the next ones load, so the list never flashes.
 */
export function useClientSearch(query: string) {
  const debounced = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const result = useQuery({
    queryKey: [CLIENT_SEARCH_QUERY_KEY, debounced],
    queryFn: ({ signal }) => fetchJson<PickerSearchResult>(`/api/client-search?q=${encodeURIComponent(debounced)}`, signal),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
  });
  const settled = debounced === query.trim() && !result.isFetching;
  return { ...result, debounced, settled };
}

export { fetchJson };
