import type { PickerSource } from '@/lib/dal/client-picker/search-query';
import type { AppId } from '@/lib/sync/canonical-client';
import type { ClientChoice } from '@/lib/validation/proposal';

/**
 * The editor's client choice, with what it needs to show it. An external record stays a
 * choice until the proposal is saved; saving creates or links the client.
 */
export interface ShownClient {
  name: string;
  sources: PickerSource[];
  email: string | null;
  city: string | null;
  taxNumberEnding: string | null;
}

export type ClientSelection =
  | { kind: 'none' }
  | ({ kind: 'client'; clientId: string; usedInsteadOf?: UsedInsteadOf } & ShownClient)
  | ({ kind: 'external'; app: AppId; externalId: string } & PickAnswer & ShownClient);

/**
 * A client chosen with "Use this instead" under a picked XPM client or Gusto company that may be
 * it (app/(app)/proposals/_components/plan-note.tsx): the record the author said is this client,
 * as it was shown, so a refused save can show the pick and its question again.
 *
 * `links`: the client has no record of that app, so saving links the picked record to it (the
 * author's word is the confirmation a fuzzy match needs, DESIGN §3). False: the client is linked
 * to another record of the app; it is used as it is, and the picked record stays unlinked.
 */
export interface UsedInsteadOf {
  record: { app: AppId; externalId: string } & ShownClient;
  links: boolean;
  /**
   * The author ticked "They are the same business" under a look-alike whose tax or business
   * number differs from the record's: the second step such a link needs (the save checks it).
   */
  despiteDifferentNumber: boolean;
}

/**
 * The author's answer to the question under a picked record (app/(app)/proposals/_components/plan-note.tsx):
 * a client to link it to, or "it is a new client" with the clients the question showed then.
 */
export interface PickAnswer {
  linkToClientId: string | null;
  createNew: boolean;
  shownClientIds: readonly string[];
}

/** A pick's answer before the author gives one, or after a refused save cleared it. */
export const NO_ANSWER: PickAnswer = { linkToClientId: null, createNew: false, shownClientIds: [] };

export const NO_CLIENT: ClientSelection = { kind: 'none' };

/** Only ids go to the server; names and badges are for the page. */
export function toClientChoice(selection: ClientSelection): ClientChoice {
  switch (selection.kind) {
    case 'none':
      return { kind: 'none' };
    case 'client':
      // Linking the record on the client's behalf is the picked record's path on the server, answered "this client".
      return selection.usedInsteadOf?.links
        ? {
            kind: 'external',
            app: selection.usedInsteadOf.record.app,
            externalId: selection.usedInsteadOf.record.externalId,
            linkToClientId: selection.clientId,
            createNew: false,
            shownClientIds: [],
            linkDespiteDifferentNumber: selection.usedInsteadOf.despiteDifferentNumber,
          }
        : { kind: 'client', clientId: selection.clientId };
    case 'external':
      return {
        kind: 'external',
        app: selection.app,
        externalId: selection.externalId,
        linkToClientId: selection.linkToClientId,
        createNew: selection.createNew,
        shownClientIds: [...selection.shownClientIds],
        linkDespiteDifferentNumber: false,
      };
  }
}

export function selectionKey(selection: ClientSelection): string {
  return JSON.stringify(toClientChoice(selection));
}
