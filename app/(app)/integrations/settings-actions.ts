'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction, type ActionResult } from '@/lib/dal/action';
import { applySettingsRequest, type AppliedSettings } from '@/lib/dal/sync-settings';
import { invalidDirectionReason, invalidSyncDataReason } from '@/lib/sync/rules/messages';

/**
 * The sync settings actions (issue 4). Each is admins-only, validated with zod and applied
 * by lib/dal/sync-settings in one locked transaction that re-checks the one-source rule.
 * Whatever the outcome, the page is revalidated, so a refused save shows the current
 * settings rather than the admin's stale view.
 */

const ADMINS = ['admin'] as const;
const appSchema = z.enum(['xpm', 'gusto'], { error: 'Unknown app: choose XPM or Gusto.' });
const syncDataSchema = z.enum(['everything', 'client_name', 'nothing'], { error: invalidSyncDataReason() });
const directionSchema = z.enum(['from_app', 'to_app'], { error: invalidDirectionReason() });

/** What the admin saw: the preview's rows and the source then, so a stale page never writes blind. */
const fieldChangeSchema = z.discriminatedUnion('field', [
  z.object({ app: appSchema, field: z.literal('syncData'), before: syncDataSchema, after: syncDataSchema }),
  z.object({ app: appSchema, field: z.literal('direction'), before: directionSchema, after: directionSchema }),
]);
const seenShape = {
  expected: z.array(fieldChangeSchema).max(20).optional(),
  seenSource: appSchema.nullable().optional(),
};

type Applied = Pick<AppliedSettings, 'source'> & { changed: number };

async function apply(...args: Parameters<typeof applySettingsRequest>): Promise<Applied> {
  try {
    const result = await applySettingsRequest(...args);
    return { changed: result.changes.length, source: result.source };
  } finally {
    revalidatePath('/integrations');
  }
}

/** A refusal in words: a malformed value says which, not just "some fields need attention". */
function plain<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok || !result.fieldErrors) return result;
  const first = Object.values(result.fieldErrors).flat()[0];
  return first ? { ...result, formError: first } : result;
}

const changeSyncSetting = defineAction({
  schema: z
    .object({ app: appSchema, syncData: syncDataSchema.optional(), direction: directionSchema.optional(), ...seenShape })
    .refine((v) => v.syncData !== undefined || v.direction !== undefined, { error: 'Choose a Sync data or Sync direction value.' }),
  roles: ADMINS,
  run: ({ app, syncData, direction, expected, seenSource }, member) =>
    apply(member, { kind: 'change', app, ...(syncData ? { syncData } : {}), ...(direction ? { direction } : {}) }, { expected, seenSource }),
});

const makeSource = defineAction({
  schema: z.object({ app: appSchema, syncData: z.enum(['everything', 'client_name'], { error: invalidSyncDataReason() }).optional(), ...seenShape }),
  roles: ADMINS,
  run: ({ app, syncData, expected, seenSource }, member) =>
    apply(member, { kind: 'make_source', app, ...(syncData ? { syncData } : {}) }, { expected, seenSource }),
});

const applyRecommendedSetup = defineAction({
  schema: z.object(seenShape),
  roles: ADMINS,
  run: ({ expected, seenSource }, member) => apply(member, { kind: 'recommended_preset' }, { expected, seenSource }),
});

export async function changeSyncSettingAction(input: unknown): Promise<ActionResult<Applied>> {
  return plain(await changeSyncSetting(input));
}

export async function makeSourceAction(input: unknown): Promise<ActionResult<Applied>> {
  return plain(await makeSource(input));
}

export async function applyRecommendedSetupAction(input: unknown): Promise<ActionResult<Applied>> {
  return plain(await applyRecommendedSetup(input));
}
