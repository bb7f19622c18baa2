import type { AppId } from '@/lib/apps/ids';
import { appShortLabel } from '@/lib/apps/registry';
import { findSource, isInboundSource } from '@/lib/sync/rules/source';
import type { ConnectionSettings } from '@/lib/sync/rules/types';
import { CLIENT_PARTS, type ClientPart, PARTS_FROM_APP } from './fields-from-app';

/**
 * What the client edit form says when an app's next change will overwrite what is typed there
 * (a user trial: nothing told the author). Only for a client linked to a record of the
 * practice's client source (DESIGN §3 "One source"): an app To which data goes, or one whose
 * Sync data is Nothing, overwrites nothing here.
 *
 * Worded as the engine applies inbound changes (lib/sync/engine/select-work.ts, planRecord):
 * a linked record is planned again only when it is out of step — its record changed in the
 * app, the Sync data changed, or it was never applied — and then every field in scope where
 * the app's value differs is replaced, not only the ones the app changed. An app's empty value
 * never clears one here, and every replaced value is recorded in the client's history.
 */

export interface ClientLinkFacts {
  app: AppId;
  /**
   * The link's last applied record is the app's record as it is now, under the current Sync
   * data: the next sync leaves it alone until the record changes. False: it is planned again
   * at the next sync (a new link, a changed record, a changed Sync data).
   */
  inStep: boolean;
}

export interface ClientSourceNotice {
  app: AppId;
  /** The parts of the form the app's values replace: each marked "From XPM". */
  parts: ClientPart[];
  heading: string;
  text: string;
}

const PART_WORDS: Readonly<Record<ClientPart, string>> = {
  name: 'name',
  legalName: 'legal name',
  tradingName: 'trading name',
  businessStructure: 'business structure',
  email: 'email',
  phone: 'phone',
  website: 'website',
  taxNumber: 'tax number',
  businessNumber: 'business number',
  streetAddress: 'street address',
  postalAddress: 'postal address',
  contacts: 'contacts',
};

/** The notice for this client, or null when no app's sync will overwrite what is typed here. */
export function clientSourceNotice(connections: readonly ConnectionSettings[], links: readonly ClientLinkFacts[]): ClientSourceNotice | null {
  const app = findSource(connections);
  const link = links.find((l) => l.app === app);
  const syncData = connections.find((c) => c.app === app)?.syncData;
  if (!app || !link || (syncData !== 'everything' && syncData !== 'client_name')) return null;

  const label = appShortLabel(app);
  if (syncData === 'client_name') {
    const when = link.inStep
      ? `A name you give this client here is kept until its record next changes in ${label}; then ${label}’s name replaces it.`
      : `${label}’s next sync replaces this client’s name with ${label}’s if they differ; after that, a name you give it here is kept until its record next changes in ${label}.`;
    return {
      app,
      parts: ['name'],
      heading: `${label} is the source of this client’s name`,
      text: `${when} Each change is kept in this client’s history. ${label}’s Sync data is Client name, so no other field comes from ${label}.`,
    };
  }

  // In the form's order, so the sentence reads as the fields below do.
  const parts = partsFromApp(app);
  const fields = `the fields marked “From ${label}” (${partsText(app)})`;
  const when = link.inStep
    ? `Your changes here are kept until this client’s record next changes in ${label}; then ${label}’s values replace what differs in ${fields}.`
    : `${label}’s next sync replaces what differs in ${fields} with ${label}’s values; after that, your changes here are kept until this client’s record next changes in ${label}.`;
  return {
    app,
    parts,
    heading: `${label} is the source of this client’s details`,
    text: `${when} A field ${label} leaves empty keeps what you type, and each change is kept in this client’s history.`,
  };
}

/**
 * What linking a record of `app` to a client means when `app` is the practice's client source,
 * said before the author links one (the proposal editor's "Use this instead"): the same fields,
 * in the same words, as the notice the client's form then shows. Null when the app is not the
 * source (`flow` from an app To which data goes, or whose Sync data is Nothing, overwrites nothing).
 */
export function linkToSourceText(app: AppId, flow: Pick<ConnectionSettings, 'syncData' | 'direction'> | null): string | null {
  if (!flow || !isInboundSource(flow)) return null;
  const label = appShortLabel(app);
  if (flow.syncData === 'client_name')
    return `${label} is the source of your clients’ names: once linked, ${label}’s next sync replaces this client’s name with ${label}’s if they differ.`;
  return `${label} is the source of your clients’ details: once linked, ${label}’s next sync replaces what differs in this client’s ${partsText(app)} with ${label}’s values.`;
}

/** The parts an app's record writes here, in the form's order: "name, email and contacts". */
function partsText(app: AppId): string {
  return listText(partsFromApp(app).map((part) => PART_WORDS[part]));
}

function partsFromApp(app: AppId): ClientPart[] {
  return CLIENT_PARTS.filter((part) => PARTS_FROM_APP[app].includes(part));
}

/** "a, b and c". */
function listText(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
