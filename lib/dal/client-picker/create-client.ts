import 'server-only';
import { clientInputSchema } from '@/lib/validation/client';
import type { PickerNewClientInput } from '@/lib/validation/proposal';
import { ActionError } from '../action';
import { createClient } from '../clients';
import type { Member } from '../session';
import { findLikelyDuplicates } from './duplicates';

export const REVIEW_DUPLICATES_MESSAGE = 'This may be a client you already have. Check the likely duplicates: use one of them instead, or create the client anyway.';

/**
 * "Create new client" from the picker. The likely duplicates are shown first; the server
 * checks again, so a client created without that warning is impossible even if the page
 * skipped it. Creating anyway is allowed once the author has seen them.
 */
export async function createClientFromPicker(member: Member, input: PickerNewClientInput): Promise<{ id: string; name: string }> {
  if (!input.duplicatesReviewed) {
    const duplicates = await findLikelyDuplicates(member, input);
    if (duplicates.length > 0) throw new ActionError(REVIEW_DUPLICATES_MESSAGE);
  }
  const { id } = await createClient(member, clientInputSchema.parse({ name: input.name, email: input.email, taxNumber: input.taxNumber }));
  return { id, name: input.name };
}
