import type { ClientSelection, UsedInsteadOf } from '@/components/client-picker/selection';
import { appShortLabel } from '@/lib/apps/registry';
import type { LikelyDuplicateClient } from '@/lib/clients/picked-record-plan';
import type { AppId } from '@/lib/sync/canonical-client';
import { linkToSourceText } from '@/lib/clients/source-notice';
import { type AppFlow, linkEffectText } from '@/lib/clients/sync-section-text';
import type { PickedRecord } from './pick-to-ask-again';

/**
 * "Use this instead" under a picked XPM client or Gusto company: the proposal's client becomes
 * the look-alike the author chose. One with no record of that app yet is the author's word that
 * the picked record is that client, so saving links the two (the server checks the choice again:
 * lib/dal/client-picker/adopt-directory-record.ts); one already linked to another record there
 * is used as it is, and the picked record stays unlinked (a client has one record per app).
 */
export function usedInstead(
  pick: PickedRecord,
  duplicate: LikelyDuplicateClient,
  despiteDifferentNumber = false,
): Extract<ClientSelection, { kind: 'client' }> & { usedInsteadOf: UsedInsteadOf } {
  const { app, externalId, name, sources, email, city, taxNumberEnding } = pick;
  return {
    kind: 'client',
    clientId: duplicate.id,
    name: duplicate.name,
    sources: duplicate.sources,
    email: duplicate.email,
    city: duplicate.city,
    taxNumberEnding: duplicate.taxNumberEnding,
    usedInsteadOf: { record: { app, externalId, name, sources, email, city, taxNumberEnding }, links: duplicate.linkable, despiteDifferentNumber },
  };
}

/**
 * What saving does with the record, said under the chosen client before it is saved: the link
 * and what it does under the app's sync settings (the words a namesake's link is said in, with
 * both names, so a rename is said too), or that the record stays unlinked and why.
 */
export function usedInsteadText(clientName: string, { record, links }: UsedInsteadOf, flow: AppFlow | null): string {
  const label = appShortLabel(record.app);
  if (!links) return `The ${label} record “${record.name}” stays unlinked: “${clientName}” is already linked to another ${label} record.`;
  return `Saving links the ${label} record “${record.name}” to “${clientName}” — no new client is created. ${linkEffectText(record.app, flow, { client: clientName, record: record.name })}`;
}

/**
 * Said beside each look-alike's "Use this instead" before it is pressed (a user trial found the
 * link said only in the note after the press): using one with no record of the app links the
 * picked record to it; one with its own record there is used and the picked record stays unlinked.
 * When the app is the practice's client source, what the link then does to the client, in the
 * words of the client form's notice (a later trial: the author had no idea the next sync would
 * overwrite the client's name, address and contacts).
 */
export function whatUsingItDoesText(app: AppId, linkable: boolean, flow: AppFlow | null = null): string {
  const label = appShortLabel(app);
  if (!linkable) return `It has its own ${label} record: using it leaves this one unlinked.`;
  const source = linkToSourceText(app, flow);
  return `Using it links this ${label} record to it when the proposal is saved.${source ? ` ${source}` : ''}`;
}
