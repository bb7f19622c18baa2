import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { clients } from '@/db/schema';
import { type DuplicateWarning, duplicateWarnings } from '@/lib/clients/duplicate-warnings';
import type { ClientInput } from '@/lib/validation/client';
import { findLikelyDuplicates } from './client-picker/duplicates';
import { createClient, updateClient } from './clients';
import type { Member } from './session';

/**
 * The client form's save refuses a likely duplicate once (a user trial typed an existing client's
 * name and pressed Enter before the browser's hint had asked: the duplicate was made without a
 * word). It asks the hint's own question (findLikelyDuplicates on the name and tax number, read
 * by duplicateWarnings), so what the hint would have warned about is what the save holds back.
 */
export type GuardedSave<T> = { saved: true; result: T } | { saved: false; duplicates: DuplicateWarning[] };

/**
 * The practice's clients this one may duplicate that need confirming, or none when each of them
 * is among `confirmedIds` (the person said it is a different business from those shown: one
 * found since then is asked about again). Never the client being edited.
 */
export async function duplicatesToConfirm(
  member: Member,
  draft: Pick<ClientInput, 'name' | 'taxNumber'>,
  { editingClientId, confirmedIds }: { editingClientId: string | null; confirmedIds: readonly string[] },
): Promise<DuplicateWarning[]> {
  const found = await findLikelyDuplicates(member, { name: draft.name, taxNumber: draft.taxNumber });
  const toConfirm = duplicateWarnings(found, editingClientId).filter((warning) => warning.needsConfirming);
  return toConfirm.some((warning) => !confirmedIds.includes(warning.clientId)) ? toConfirm : [];
}

/** New client: created unless it may duplicate a client not confirmed to be a different business. */
export async function createClientUnlessDuplicate(member: Member, input: ClientInput, confirmedIds: readonly string[]): Promise<GuardedSave<{ id: string }>> {
  const duplicates = await duplicatesToConfirm(member, input, { editingClientId: null, confirmedIds });
  if (duplicates.length > 0) return { saved: false, duplicates };
  return { saved: true, result: await createClient(member, input) };
}

/**
 * An edit is asked about only when it changes the name or tax number: a client that already
 * shares a name (two businesses can) is not refused each time its phone number changes.
 */
export async function updateClientUnlessDuplicate(
  member: Member,
  clientId: string,
  expectedVersion: number,
  input: ClientInput,
  confirmedIds: readonly string[],
): Promise<GuardedSave<void>> {
  if (await changesNameOrTaxNumber(member, clientId, input)) {
    const duplicates = await duplicatesToConfirm(member, input, { editingClientId: clientId, confirmedIds });
    if (duplicates.length > 0) return { saved: false, duplicates };
  }
  await updateClient(member, clientId, expectedVersion, input);
  return { saved: true, result: undefined };
}

/** Another practice's client (or none) is left to updateClient to refuse as not found. */
async function changesNameOrTaxNumber(member: Member, clientId: string, input: ClientInput): Promise<boolean> {
  const db = await getDb();
  const [current] = await db
    .select({ name: clients.name, taxNumber: clients.taxNumber })
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.practiceId, member.practiceId)))
    .limit(1);
  return current !== undefined && (current.name !== input.name || (current.taxNumber ?? null) !== (input.taxNumber ?? null));
}
