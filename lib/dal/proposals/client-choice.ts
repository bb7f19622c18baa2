import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db';
import { clients } from '@/db/schema';
import type { ClientChoice } from '@/lib/validation/proposal';
import { ActionError } from '../action';
import type { ClientAdoption } from '@/lib/proposals/saved-notice';
import { adoptDirectoryRecord } from '../client-picker/adopt-directory-record';
import type { Member } from '../session';

/** What happened to the client when a proposal was saved (the editor says it: lib/proposals/saved-notice). */
export interface ClientResolution {
  clientId: string | null;
  /** Only when saving created a client from an app's record or linked one to it. */
  adoption: ClientAdoption | null;
}

/**
 * The client id to store for the author's choice, inside the save's transaction. A client
 * id from the browser is only trusted after it is found in the member's practice, and only an
 * active client may become the proposal's: one archived since the author chose it ("Use this
 * instead" of a client archived meanwhile) is refused on the client field. `currentClientId`, the
 * client the proposal already has, is kept even if archived since, so its other edits still save.
 */
export async function resolveClientChoice(tx: Transaction, member: Member, choice: ClientChoice, currentClientId: string | null): Promise<ClientResolution> {
  if (choice.kind === 'none') return { clientId: null, adoption: null };
  if (choice.kind === 'client') {
    const [row] = await tx
      .select({ id: clients.id, name: clients.name, archivedAt: clients.archivedAt })
      .from(clients)
      .where(and(eq(clients.practiceId, member.practiceId), eq(clients.id, choice.clientId)))
      .limit(1);
    if (!row) throw new ActionError('That client does not exist. Pick the client again.', { client: ['Pick the client again.'] });
    if (row.archivedAt && row.id !== currentClientId) {
      throw new ActionError(`Your client “${row.name}” is archived, so it cannot be the proposal's client. Choose another client.`, {
        client: [`“${row.name}” is archived. Choose another client.`],
      });
    }
    return { clientId: row.id, adoption: null };
  }
  const { linkToClientId, createNew, shownClientIds, linkDespiteDifferentNumber } = choice;
  const result = await adoptDirectoryRecord(tx, member, choice.app, choice.externalId, { linkToClientId, createNew, shownClientIds, linkDespiteDifferentNumber });
  if (result.outcome === 'already_linked') return { clientId: result.clientId, adoption: null };
  return { clientId: result.clientId, adoption: { outcome: result.outcome, app: choice.app } };
}
