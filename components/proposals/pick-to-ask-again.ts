import { NO_ANSWER, type ClientSelection } from '@/components/client-picker/selection';

export type PickedRecord = Extract<ClientSelection, { kind: 'external' }>;

/**
 * After a refused save: the picked XPM client or Gusto company whose plan the editor must fetch
 * again, with the author's answer cleared, or null when the refusal was about something else.
 *
 * Every save plans the pick again on the server (lib/dal/client-picker/adopt-directory-record.ts)
 * and puts a refusal on the client field only when the question was not answered or the answer
 * no longer fits (a namesake was created, archived, linked or renamed meanwhile). Either way the
 * question on the page may be an old one, and the old answer must not be sent again.
 *
 * A client chosen with "Use this instead" that saving was to link the record to is such an
 * answer too: refused, the pick comes back, as it was shown, with its question as it is now.
 */
export function pickToAskAgain(sent: ClientSelection, fieldErrors: Readonly<Record<string, readonly string[]>>): PickedRecord | null {
  if (!fieldErrors.client?.length) return null;
  if (sent.kind === 'client' && sent.usedInsteadOf?.links) return { kind: 'external', ...sent.usedInsteadOf.record, ...NO_ANSWER };
  if (sent.kind !== 'external') return null;
  return { ...sent, ...NO_ANSWER };
}
