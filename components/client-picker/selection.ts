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
  | ({ kind: 'client'; clientId: string } & ShownClient)
  | ({ kind: 'external'; app: AppId; externalId: string } & PickAnswer & ShownClient);

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
      return { kind: 'client', clientId: selection.clientId };
    case 'external':
      return {
        kind: 'external',
        app: selection.app,
        externalId: selection.externalId,
        linkToClientId: selection.linkToClientId,
        createNew: selection.createNew,
        shownClientIds: [...selection.shownClientIds],
      };
  }
}

export function selectionKey(selection: ClientSelection): string {
  return JSON.stringify(toClientChoice(selection));
}
