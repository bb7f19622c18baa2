'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { DuplicateWarning } from '@/lib/clients/duplicate-warnings';
import { type ActionFailure, type ActionResult, defineAction } from '@/lib/dal/action';
import { createClientUnlessDuplicate, updateClientUnlessDuplicate } from '@/lib/dal/client-duplicate-guard';
import { setClientArchived } from '@/lib/dal/clients';
import { formDataToObject } from '@/lib/forms/form-data';
import { clientInputSchema, confirmedDuplicateIdsSchema } from '@/lib/validation/client';
import { uuidParam } from '@/lib/validation/fields';

const MEMBERS = ['admin', 'author'] as const;

export const createClientAction = defineAction({
  schema: z.object({ client: clientInputSchema, confirmedDuplicateIds: confirmedDuplicateIdsSchema }),
  roles: MEMBERS,
  async run({ client, confirmedDuplicateIds }, member) {
    const save = await createClientUnlessDuplicate(member, client, confirmedDuplicateIds);
    if (save.saved) revalidatePath('/clients');
    return save;
  },
});

export const updateClientAction = defineAction({
  schema: z.object({ clientId: uuidParam, version: z.coerce.number().int().min(1), client: clientInputSchema, confirmedDuplicateIds: confirmedDuplicateIdsSchema }),
  roles: MEMBERS,
  async run({ clientId, version, client, confirmedDuplicateIds }, member) {
    const save = await updateClientUnlessDuplicate(member, clientId, version, client, confirmedDuplicateIds);
    if (save.saved) {
      revalidatePath('/clients');
      revalidatePath(`/clients/${clientId}`);
    }
    return save;
  },
});

export const setClientArchivedAction = defineAction({
  schema: z.object({ clientId: uuidParam, archived: z.boolean() }),
  roles: MEMBERS,
  async run({ clientId, archived }, member) {
    await setClientArchived(member, clientId, archived);
    revalidatePath('/clients');
    revalidatePath(`/clients/${clientId}`);
  },
});

/** A save held back because the client may be one the practice has: the form lists them and asks. */
export type DuplicateRefusal = ActionFailure & { duplicates: DuplicateWarning[] };
export type ClientFormState = ActionResult<unknown> | DuplicateRefusal | null;

const DUPLICATE_REFUSAL_MESSAGE = 'The client was not saved: it may be one you already have.';

/** Field errors come back under "client."; the form names its fields without it. */
function asFormFailure(result: ActionFailure): ActionFailure {
  if (!result.fieldErrors) return result;
  return { ...result, fieldErrors: Object.fromEntries(Object.entries(result.fieldErrors).map(([key, value]) => [key.replace(/^client\./, ''), value])) };
}

function duplicateRefusal(duplicates: DuplicateWarning[]): DuplicateRefusal {
  return { ok: false, code: 'refused', formError: DUPLICATE_REFUSAL_MESSAGE, duplicates };
}

export async function createClientFormAction(_prev: ClientFormState, formData: FormData): Promise<ClientFormState> {
  const { confirmedDuplicateIds, ...client } = formDataToObject(formData);
  const result = await createClientAction({ client, confirmedDuplicateIds });
  if (!result.ok) return asFormFailure(result);
  if (!result.data.saved) return duplicateRefusal(result.data.duplicates);
  redirect(`/clients/${result.data.result.id}?saved=created`);
}

export async function updateClientFormAction(clientId: string, _prev: ClientFormState, formData: FormData): Promise<ClientFormState> {
  const { version, confirmedDuplicateIds, ...client } = formDataToObject(formData);
  const result = await updateClientAction({ clientId, version, client, confirmedDuplicateIds });
  if (!result.ok) return asFormFailure(result);
  if (!result.data.saved) return duplicateRefusal(result.data.duplicates);
  redirect(`/clients/${clientId}?saved=updated`);
}
