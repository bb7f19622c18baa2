import { countOf } from '@/lib/format/count';
import type { AppId, SyncDirection } from '@/lib/sync/rules';
import { appShortName } from './format';

/** A preview's counts (lib/sync/engine/preview.ts `SyncPreview['counts']`), as the dialog gets them. */
export interface UpcomingCounts {
  linked: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/**
 * One sentence for a settings dialog (issue 12): what the next sync would do under the settings
 * about to be applied. "A sync from Gusto now would link 3 clients by exact name, update 12
 * clients and leave 40 clients as they are." Only the parts that are not zero are said.
 */
export function describeUpcomingSync(app: AppId, direction: SyncDirection, counts: UpcomingCounts): string {
  const name = appShortName(app);
  const clients = (n: number) => countOf(n, 'client');
  if (direction === 'to_app') {
    const parts = [
      counts.updated > 0 ? `send ${clients(counts.updated)} to ${name}` : null,
      counts.unchanged > 0 ? `leave ${clients(counts.unchanged)} already in step` : null,
      counts.skipped > 0 ? `skip ${clients(counts.skipped)}` : null,
    ].filter((part): part is string => part !== null);
    return parts.length === 0 ? `A sync to ${name} now would send nothing.` : `A sync to ${name} now would ${joinParts(parts)}.`;
  }
  const parts = [
    counts.linked > 0 ? `link ${clients(counts.linked)} by exact name` : null,
    counts.updated > 0 ? `update ${clients(counts.updated)}` : null,
    counts.unchanged > 0 ? `leave ${clients(counts.unchanged)} as ${counts.unchanged === 1 ? 'it is' : 'they are'}` : null,
    counts.skipped > 0 ? `skip ${countOf(counts.skipped, 'record')}` : null,
    counts.failed > 0 ? `fail on ${countOf(counts.failed, 'record')}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? `A sync from ${name} now would change no client.` : `A sync from ${name} now would ${joinParts(parts)}.`;
}

function joinParts(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
