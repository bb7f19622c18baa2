import type { PickerGroup } from '@/lib/dal/client-picker/search';
import type { PickerSource } from '@/lib/dal/client-picker/search-query';
import type { NameSearch } from '@/lib/dal/client-picker/search-terms';

const NOUN: Readonly<Record<PickerSource, [string, string]>> = {
  practice: ['Practice Sync client', 'Practice Sync clients'],
  xpm: ['XPM client', 'XPM clients'],
  gusto: ['Gusto company', 'Gusto companies'],
};

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const CREATE = 'press Enter to create a new client.';

/**
 * What the picker says when nothing matched, on screen and to screen readers alike: what was
 * searched. A short query looks only at the start of names (search-terms.ts), so "No clients
 * match “an”" was false while "Nguyen & Anderson" was a client.
 */
export function noMatchText(query: string, searched: NameSearch): string {
  const startsWith = `No client’s name starts with “${query}”.`;
  switch (searched) {
    case 'start-short':
      return `${startsWith} Type at least 3 letters to search within names, or ${CREATE}`;
    case 'start-joining-words':
      return `${startsWith} Add another word to search within names, or ${CREATE}`;
    case 'start-legal-forms':
      return `${startsWith} Legal forms such as Pty Ltd, LLC and Inc are not searched within names: type part of the business name, or ${CREATE}`;
    case 'within':
      return `No clients match “${query}”. Press Enter to create a new client.`;
  }
}

/**
 * What a screen reader hears when results arrive (the list itself is not read out as it
 * changes): how many, from where, and what the keys do.
 */
export function resultsAnnouncement(query: string, groups: readonly PickerGroup[], searched: NameSearch): string {
  const shown = groups.reduce((n, g) => n + g.entries.length, 0);
  if (shown === 0) return noMatchText(query, searched);
  const parts = groups.map((g) => count(g.entries.length, NOUN[g.source]));
  const more = groups.some((g) => g.hasMore) ? ' Keep typing to see others.' : '';
  return `${shown} ${shown === 1 ? 'match' : 'matches'}: ${list(parts)}.${more} Use the up and down arrows to choose and Enter to pick.`;
}
