import type { AppId, SyncDirection } from '@/lib/sync/rules';
import { appShortName, formatCount, recordsText, type RunCounts } from './format';

/**
 * What the run page says under its counts, for the two that do not explain themselves
 * (a new-user trial read "Linked 2, Updated 0" beside two changed clients as a contradiction,
 * and "Skipped 22" as records lost). Only counts above zero get a line. Pure, so the words
 * are pinned by tests and match what the engine counts (lib/sync/engine/apply-batch.ts
 * planSlice, select-work.ts matchByName, push.ts pushOne).
 */
export interface CountNote {
  key: 'linked' | 'skipped';
  text: string;
}

function clients(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'client' : 'clients'}`;
}

export function countNotes(app: AppId, direction: SyncDirection, counts: Pick<RunCounts, 'linked' | 'skipped'>): CountNote[] {
  const name = appShortName(app);
  const notes: CountNote[] = [];
  if (direction === 'to_app') {
    // A push links nothing; it skips a linked client whose record is archived or deleted in XPM.
    if (counts.skipped > 0)
      notes.push({
        key: 'skipped',
        text: `Skipped: ${clients(counts.skipped)} whose ${name} record is archived or deleted in ${name}. Nothing was sent to ${counts.skipped === 1 ? 'it' : 'them'}.`,
      });
    return notes;
  }
  if (counts.linked > 0)
    notes.push({
      key: 'linked',
      text: `Linked: ${recordsText(counts.linked)} linked to the one client with exactly the same name, which took ${name}’s details. ${counts.linked === 1 ? 'It is' : 'They are'} not counted again under Updated.`,
    });
  if (counts.skipped > 0)
    notes.push({
      key: 'skipped',
      text: `Skipped: ${recordsText(counts.skipped)} a sync does not link on its own: the name matches more than one client here or another ${name} record, or a person linked the record during the run. No client was changed for ${counts.skipped === 1 ? 'it' : 'them'}; an admin can link ${counts.skipped === 1 ? 'it' : 'them'} from the client’s page (Link to ${name}…).`,
    });
  return notes;
}
