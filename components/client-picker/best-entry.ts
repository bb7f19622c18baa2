import type { PickerEntry, PickerGroup } from '@/lib/dal/client-picker/search';
import type { MatchKind } from '@/lib/sync/matching';

const TIER: Readonly<Record<MatchKind, number>> = { exact: 0, prefix: 1, word_prefix: 2, fuzzy: 3 };

/**
 * The entry Enter should pick: the best match of any group (groups are shown by source,
 * so the first entry on screen may be a weaker match than an XPM client's exact name), and
 * on equal terms the first on screen. Null when nothing matched.
 */
export function bestEntry(groups: readonly PickerGroup[]): PickerEntry | null {
  let best: PickerEntry | null = null;
  for (const group of groups) {
    for (const entry of group.entries) {
      if (!best || TIER[entry.match] < TIER[best.match]) best = entry;
    }
  }
  return best;
}
