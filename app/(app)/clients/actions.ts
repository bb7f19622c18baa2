'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { type ActionResult, defineAction } from '@/lib/dal/action';
import { createClient, setClientArchived, updateClient } from '@/lib/dal/clients';
import { formDataToObject } from '@/lib/forms/form-data';
import { clientInputSchema } from '@/lib/validation/client';
import { uuidParam } from '@/lib/validation/fields';

const MEMBERS = ['admin', 'author'] as const;

export const createClientAction = defineAction({
  schema: clientInputSchema,
  roles: MEMBERS,
  async run(input, member) {
    const created = await createClient(member, input);
    revalidatePath('/clients');
    return created;
  },
});

export const updateClientAction = defineAction({
  schema: z.object({ clientId: uuidParam, version: z.coerce.number().int().min(1), client: clientInputSchema }),
  roles: MEMBERS,
  async run({ clientId, version, client }, member) {
    await updateClient(member, clientId, version, client);
    revalidatePath('/clients');
    revalidatePath(`/clients/${clientId}`);
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

export type ClientFormState = ActionResult<unknown> | null;

export async function createClientFormAction(_prev: ClientFormState, formData: FormData): Promise<ClientFormState> {
  const result = await createClientAction(formDataToObject(formData));
  if (!result.ok) return result;
  redirect(`/clients/${result.data.id}?saved=created`);
}

export async function updateClientFormAction(clientId: string, _prev: ClientFormState, formData: FormData): Promise<ClientFormState> {
  const { version, ...client } = formDataToObject(formData);
  const result = await updateClientAction({ clientId, version, client });
  if (!result.ok) {
    // Field errors come back under "client."; the form names its fields without it.
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([key, value]) => [key.replace(/^client\./, ''), value]));
    return { ...result, fieldErrors };
  }
  redirect(`/clients/${clientId}?saved=updated`);
}
