import type { RunSkipReason } from './skip-reason-values';
import { APPS, type AppId } from '@/lib/apps/registry';
import type { CountMood } from './count-notes';

/**
 * Why a run skipped one record, in a sentence for the run page's Skipped records list (what the
 * engine decides: lib/sync/engine/auto-link.ts, apply-batch.ts planSlice, push.ts pushOne).
 * Each says what was left alone and who decides now; pure, so tests pin the words.
 */
export function skipReasonText(app: AppId, reason: RunSkipReason, mood: CountMood = 'ran'): string {
  const { shortLabel: name, recordsNoun = 'clients' } = APPS[app];
  const record = recordsNoun === 'companies' ? 'company' : 'client';
  const chose = mood === 'would' ? 'a sync would not choose' : 'the sync did not choose';
  switch (reason) {
    case 'several_clients':
      return `Its name matches more than one client here, so ${chose} one. An admin can link it from the right client’s page (Link to ${name}…).`;
    case 'several_records':
      return `Another ${name} ${record} has the same name, so ${chose} between them. An admin can link each from its client’s page (Link to ${name}…).`;
    case 'linked_meanwhile':
      return 'A person linked it, or the client it matched, while the run was going; the run left that link as the person made it.';
    case 'archived_in_app':
      return `Archived or deleted in ${name}, so nothing was sent to it. The client here is kept, and linked.`;
    case 'tax_number_differs':
    case 'business_number_differs': {
      const number = reason === 'tax_number_differs' ? 'tax number' : 'business number';
      const link = mood === 'would' ? 'a sync would not link them' : 'the sync did not link them';
      return `Its name matches a client here, but its ${number} in ${name} is different, so ${link}: they look like two businesses. If they are one, an admin can link it from the client’s page (Link to ${name}…).`;
    }
    case 'unlinked_before': {
      const link = mood === 'would' ? 'a sync would not link them' : 'the sync did not link them';
      return `Its name matches a client here, but the two were unlinked before (by a person, or by undoing a sync), so ${link} again. If they are one business, an admin can link it from the client’s page (Link to ${name}…).`;
    }
  }
}
