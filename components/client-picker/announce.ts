import type { PickerGroup } from '@/lib/dal/client-picker/search';
import type { PickerSource } from '@/lib/dal/client-picker/search-query';

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

/**
 * What a screen reader hears when results arrive (the list itself is not read out as it
 * changes): how many, from where, and what the keys do.
 */
export function resultsAnnouncement(query: string, groups: readonly PickerGroup[]): string {
  const shown = groups.reduce((n, g) => n + g.entries.length, 0);
  if (shown === 0) return `No clients match “${query}”. Press Enter to create a new client.`;
  const parts = groups.map((g) => count(g.entries.length, NOUN[g.source]));
  const more = groups.some((g) => g.hasMore) ? ' Keep typing to see others.' : '';
  return `${shown} ${shown === 1 ? 'match' : 'matches'}: ${list(parts)}.${more} Use the up and down arrows to choose and Enter to pick.`;
}
