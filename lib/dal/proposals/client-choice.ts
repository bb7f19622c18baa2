import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db';
import { clients } from '@/db/schema';
import type { ClientChoice } from '@/lib/validation/proposal';
import { ActionError } from '../action';
import { adoptDirectoryRecord, type AdoptionResult, APP_LABEL } from '../client-picker/adopt-directory-record';
import type { Member } from '../session';

/** What happened to the client when a proposal was saved, said in plain language by the editor. */
export interface ClientResolution {
  clientId: string | null;
  /** Only when saving created or linked a client. */
  note: string | null;
}

function noteFor(result: AdoptionResult, app: 'xpm' | 'gusto'): string | null {
  const label = APP_LABEL[app];
  switch (result.outcome) {
    case 'created':
      return `Created the client “${result.clientName}” from ${label} and linked it.`;
    case 'linked_existing':
      return `Linked ${label}'s record to your existing client “${result.clientName}” — no new client was created.`;
    case 'already_linked':
      return null;
  }
}

/**
 * The client id to store for the author's choice, inside the save's transaction. A client
 * id from the browser is only trusted after it is found in the member's practice.
 */
export async function resolveClientChoice(tx: Transaction, member: Member, choice: ClientChoice): Promise<ClientResolution> {
  if (choice.kind === 'none') return { clientId: null, note: null };
  if (choice.kind === 'client') {
    const [row] = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.practiceId, member.practiceId), eq(clients.id, choice.clientId)))
      .limit(1);
    if (!row) throw new ActionError('That client does not exist. Pick the client again.', { client: ['Pick the client again.'] });
    return { clientId: row.id, note: null };
  }
  const result = await adoptDirectoryRecord(tx, member, choice.app, choice.externalId, choice.linkToClientId);
  return { clientId: result.clientId, note: noteFor(result, choice.app) };
}
