'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { defineAction } from '@/lib/dal/action';
import { linkClientToRecord, relinkClient, unlinkClient } from '@/lib/dal/client-sync';
import { uuidParam } from '@/lib/validation/fields';

/** Link to…, Unlink and Relink on a client's Sync section: practice admins only (issue 12). */
const ADMINS = ['admin'] as const;

const linkTarget = z.object({ clientId: uuidParam, app: appIdSchema(), externalId: z.string().trim().min(1).max(200) });

function refresh(clientId: string) {
  revalidatePath('/clients');
  revalidatePath(`/clients/${clientId}`);
}

export const linkClientToRecordAction = defineAction({
  schema: linkTarget,
  roles: ADMINS,
  async run(target, member) {
    await linkClientToRecord(member, target);
    refresh(target.clientId);
  },
});

export const relinkClientAction = defineAction({
  schema: linkTarget,
  roles: ADMINS,
  async run(target, member) {
    await relinkClient(member, target);
    refresh(target.clientId);
  },
});

export const unlinkClientAction = defineAction({
  schema: z.object({ clientId: uuidParam, app: appIdSchema() }),
  roles: ADMINS,
  async run(target, member) {
    await unlinkClient(member, target);
    refresh(target.clientId);
  },
});
