import type { AppId, SyncDirection } from '@/lib/sync/rules';
import { appShortName, changedMoreThanRead, formatCount, recordsText, type RunCounts, type RunStatus } from './format';
import { runReadKind, type RunReadKind } from './read-scope';

/**
 * What a run's page, or a preview, says under its counts for the two that do not explain
 * themselves (a new-user trial read "Linked 2, Updated 0" beside two changed clients as a
 * contradiction, and "Skipped 22" as records lost). Only counts above zero get a line. Pure,
 * so the words are pinned by tests and match what the engine counts
 * (lib/sync/engine/apply-batch.ts planSlice, select-work.ts matchByName, push.ts pushOne,
 * preview.ts previewPush).
 *
 * `mood`: 'ran' for a run that happened, 'would' for a preview (its labels are "Would link",
 * "Would skip").
 */
export interface CountNote {
  key: 'fetched' | 'linked' | 'skipped';
  text: string;
}

export type CountMood = 'ran' | 'would';

function clientsText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'client' : 'clients'}`;
}

export function countNotes(app: AppId, direction: SyncDirection, counts: Pick<RunCounts, 'linked' | 'skipped'>, mood: CountMood = 'ran'): CountNote[] {
  const name = appShortName(app);
  const would = mood === 'would';
  const notes: CountNote[] = [];
  const them = (n: number) => (n === 1 ? 'it' : 'them');
  if (direction === 'to_app') {
    // A push links nothing. It skips a linked client whose record is archived or deleted in
    // XPM; a preview also cannot plan a record its directory does not have yet (the run reads it).
    const n = counts.skipped;
    if (n > 0)
      notes.push({
        key: 'skipped',
        text: would
          ? `Would skip: ${clientsText(n)} whose ${name} record is archived or deleted in ${name}, or not in its directory as last refreshed. Nothing would be sent to ${them(n)}.`
          : `Skipped: ${clientsText(n)} whose ${name} record is archived or deleted in ${name}. Nothing was sent to ${them(n)}.`,
      });
    return notes;
  }
  if (counts.linked > 0) {
    const n = counts.linked;
    // The match is decideAutoLinks' (normalizeName): case, punctuation, "&"/"and" and endings like Ltd aside.
    const sameName = 'the one client with the same name (ignoring case, punctuation and endings like Ltd)';
    notes.push({
      key: 'linked',
      text: would
        ? `Would link: ${recordsText(n)} to ${sameName}; what ${n === 1 ? 'it' : 'they'} would bring from ${name} is not counted again under Would update.`
        : `Linked: ${recordsText(n)} linked to ${sameName}; what ${n === 1 ? 'it' : 'they'} brought from ${name} is not counted again under Updated.`,
    });
  }
  if (counts.skipped > 0) {
    const n = counts.skipped;
    // Every reason a record is skipped (lib/sync/runs/skip-reason-values.ts), in words; a run can also meet a person's link.
    const reasons = [
      'the name matches more than one client here',
      `another ${name} record has the same name`,
      'the one client with that name has a different tax or business number',
      'the record was unlinked from that client before',
      ...(would ? [] : ['a person linked the record or the client during the run']),
    ];
    const why = `${reasons.slice(0, -1).join(', ')}, or ${reasons.at(-1)}`;
    const linkThem = `an admin can link ${them(n)} from the client’s page (Link to ${name}…).`;
    notes.push({
      key: 'skipped',
      text: would
        ? `Would skip: ${recordsText(n)} a sync does not link on its own: ${why}. No client would change for ${them(n)}; ${linkThem}`
        : `Skipped: ${recordsText(n)} a sync does not link on its own: ${why}. No client was changed for ${them(n)}; ${linkThem}`,
    });
  }
  return notes;
}

/**
 * What a run's Read counts, by how it reads (read-scope.ts): never "new or changed" alone, as a
 * run also reads records that have not changed (Gusto's every company, XPM's overlap window; a
 * trial's "3 records were new or changed" a minute after the last run, with nothing changed).
 */
const HOW_IT_READS: Record<RunReadKind, (app: AppId, n: number) => string> = {
  full: (app) =>
    app === 'gusto' ? ': a sync reads each of its Gusto companies in full, changed or not.' : `: the first sync reads every ${appShortName(app)} client that is not archived.`,
  retry: () => ': the failed records this run retries, read again.',
  changes: (app, n) =>
    n === 0
      ? `: none changed in ${appShortName(app)} since Practice Sync last read it.`
      : `: what changed in ${appShortName(app)} since shortly before Practice Sync last read it. Those last minutes are read again in case the two clocks differ, so a record read again may not have changed since.`,
};

/**
 * A From run's note on Read, when Read does not add up with the counts beside it:
 *
 * - it changed more clients than it read records ("Read 0" beside "Linked 87" read as a
 *   contradiction in a trial): format.ts changedMoreThanRead says why;
 * - paused for review, it has more records to apply or skip than it read (`selected`: its
 *   selected records, the page's To apply), for the same reason — or, as below, read more;
 * - it read more records than it counted ("Read 4" beside "Linked 1" and nothing else, in a
 *   trial): a sync acts only on records linked to a client, or named exactly like one (DESIGN §3);
 *   the rest stay in the directory, where the client picker finds them, and a linked record whose
 *   change touches nothing the Sync data brings is not planned at all.
 */
export function readNote(
  app: AppId,
  direction: SyncDirection,
  status: RunStatus,
  counts: RunCounts,
  selected = 0,
  how: RunReadKind = runReadKind({ app, trigger: 'schedule', retryOfRunId: null }),
): CountNote | null {
  if (direction !== 'from_app') return null;
  const name = appShortName(app);
  const n = counts.fetched;
  const read = n === 0 ? 'no record was' : `${recordsText(n)} ${n === 1 ? 'was' : 'were'}`;
  const since = `Read: ${read} read from ${name}${HOW_IT_READS[how](app, n)}`;
  const notCounted = (need: 'need' | 'needed') =>
    `${since} Those not counted above ${need} nothing from this run: they match no client here, so they stay in ${name}’s directory (the client picker finds them, and an admin can link them from a client’s page), or what changed in them is not something this sync brings.`;
  if (status === 'needs_review') {
    // Paused before applying: what it selected (`selected`, its To apply) and skipped come from
    // its directory too, not only from what it read ("Read 0" beside "Skipped 35", a trial).
    if (n < selected + counts.skipped) {
      return {
        key: 'fetched',
        text: `${since} The run also works with the records its directory already held, so it can have more records to apply, or to skip, than it read. Nothing is applied until an admin approves it.`,
      };
    }
    // "Read 20" beside "To apply 10" and nothing else: as for an ended run, the others need nothing.
    return n > selected + counts.unchanged + counts.skipped + counts.failed ? { key: 'fetched', text: notCounted('need') } : null;
  }
  if (changedMoreThanRead(direction, counts)) {
    return { key: 'fetched', text: `${since} The run also works with the records its directory already held, so it can link, create or update more clients than it read.` };
  }
  // Only a run that went through all its work: one that failed, or was cancelled or discarded,
  // left records undone for that reason, not because they needed nothing.
  if (status !== 'succeeded' && status !== 'partial') return null;
  const counted = counts.created + counts.linked + counts.updated + counts.unchanged + counts.skipped + counts.failed;
  if (n <= counted) return null;
  return { key: 'fetched', text: notCounted('needed') };
}

/**
 * An undo's own note (lib/sync/undo/plan-undo.ts undoCounter): it counts as Skipped a client
 * it did nothing for while something the undone run wrote had changed since and was not
 * ticked (To XPM, also one whose XPM record is archived: send-undo.ts sends it nothing) — not
 * a record a sync could not link.
 */
export function undoCountNotes(app: AppId, direction: SyncDirection, counts: Pick<RunCounts, 'skipped'>): CountNote[] {
  const n = counts.skipped;
  if (n === 0) return [];
  const name = appShortName(app);
  return [
    {
      key: 'skipped',
      text:
        direction === 'to_app'
          ? `Left alone: ${clientsText(n)} the undo sent nothing for: what the undone run sent had changed in ${name} since and was not ticked to be sent back, or the ${name} record is archived. ${name} keeps what it has.`
          : `Left alone: ${clientsText(n)} the undo left as ${n === 1 ? 'it is' : 'they are'}: what the undone run wrote had changed since, and was not ticked to be put back.`,
    },
  ];
}
