import type { DuplicateWarning } from '@/lib/clients/duplicate-warnings';
import { DuplicateWarningList, duplicateWarningLead } from './duplicate-warning-list';

/** The form field the server reads: the ids of the clients this one was said to differ from. */
export const CONFIRMED_DUPLICATES_FIELD = 'confirmedDuplicateIds';

/**
 * A save held back as a likely duplicate: the clients, each a link, and a box that says it is a
 * different business; ticked, the next save goes ahead. Shown inside the form's error alert
 * (focus moves there), and the box is part of the form, so it is sent with the next save.
 */
export function DuplicateRefusal({ duplicates }: { duplicates: readonly DuplicateWarning[] }) {
  const ids = duplicates.map((duplicate) => duplicate.clientId).join(',');
  return (
    <>
      <p className="font-medium">Not saved. {duplicateWarningLead(duplicates.length)}</p>
      <DuplicateWarningList warnings={duplicates} />
      <p className="mt-2">Open {duplicates.length === 1 ? 'it' : 'them'} to check. If this is a different business, say so below and save again.</p>
      {/* Keyed by the clients asked about: a refusal naming others starts unticked. */}
      <label key={ids} className="mt-2 inline-flex items-start gap-2 font-medium">
        <input type="checkbox" name={CONFIRMED_DUPLICATES_FIELD} value={ids} className="mt-0.5 h-4 w-4 shrink-0" />
        Save anyway — it is a different business
      </label>
    </>
  );
}
