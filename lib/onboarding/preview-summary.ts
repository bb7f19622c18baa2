import { countOf } from '@/lib/format/count';

export interface PreviewFigures {
  created: number;
  linked: number;
  updated: number;
  /** Likely duplicates to review on Suggested matches (never linked by a sync). */
  suggested: number;
  /** Records the sync would skip. */
  skipped: number;
}

/**
 * The wizard's preview in one sentence, for its status line: a screen reader hears it once
 * the figures arrive, in the place that said "Working out…" (a trial heard only that).
 * `app`: the source app's short name.
 */
export function previewSummaryText(app: string, figures: PreviewFigures): string {
  const changes = [
    figures.created > 0 ? `create ${countOf(figures.created, 'client')}` : null,
    figures.linked > 0 ? `link ${countOf(figures.linked, 'client')} by name` : null,
    figures.updated > 0 ? `update ${countOf(figures.updated, 'client')}` : null,
  ].filter((part) => part !== null);
  const sentences = [changes.length > 0 ? `The first sync from ${app} would ${inWords(changes)}.` : `The first sync from ${app} would not change any client.`];
  if (figures.suggested > 0) sentences.push(`${countOf(figures.suggested, 'possible duplicate')} to review later.`);
  if (figures.skipped > 0) sentences.push(`It would skip ${countOf(figures.skipped, 'record')}.`);
  return sentences.join(' ');
}

/** "a", "a and b", "a, b and c". */
function inWords(parts: readonly string[]): string {
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}
