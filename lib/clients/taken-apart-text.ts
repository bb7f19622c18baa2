import { formatPracticeDateTime } from '@/lib/practice-time';

/**
 * The last time a picked record and a client here were taken apart: an admin's undo of the run
 * that linked them, a person's Unlink, or a Relink of the client to another record — what the
 * link audit records, and what makes syncs skip the pair (`unlinked_before`).
 */
export interface TakenApart {
  clientId: string;
  how: 'undo' | 'unlink' | 'relink';
  /** The member who did it; null when no longer a member. */
  byName: string | null;
  at: Date;
}

/**
 * "An admin undid the sync that linked this Gusto record to “Wattle Co”, 7 Dec 2026, 9:30 am
 * AEDT." Said in the proposal editor before an author links the two again: the undo promised
 * that syncs would not link them again by name, and a trial's picker linked them by name
 * without a word of it. Only admins unlink or undo, so one no longer a member is "An admin".
 */
export function takenApartText(appLabel: string, clientName: string, event: Omit<TakenApart, 'clientId'>, timezone: string): string {
  const who = event.byName ?? 'An admin';
  const when = formatPracticeDateTime(event.at, timezone);
  if (event.how === 'undo') return `${who} undid the sync that linked this ${appLabel} record to “${clientName}”, ${when}.`;
  if (event.how === 'unlink') return `${who} unlinked this ${appLabel} record from “${clientName}”, ${when}.`;
  return `${who} relinked “${clientName}” from this ${appLabel} record to another, ${when}.`;
}
