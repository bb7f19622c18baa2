'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { APPS } from '@/lib/apps/registry';
import { appIdSchema } from '@/lib/apps/schema';
import { defineAction, type ActionResult } from '@/lib/dal/action';
import { applySettingsRequest, type AppliedSettings } from '@/lib/dal/sync-settings';
import { SYNC_DATA_VALUES, SYNC_DIRECTIONS } from '@/lib/sync/rules';
import { invalidDirectionReason, invalidSyncDataReason } from '@/lib/sync/rules/messages';

/**
 * The sync settings actions (issue 4). Each is admins-only, validated with zod and applied
 * by lib/dal/sync-settings in one locked transaction that re-checks the one-source rule.
 * Whatever the outcome, the page is revalidated, so a refused save shows the current
 * settings rather than the admin's stale view.
 */

const ADMINS = ['admin'] as const;
const appSchema = appIdSchema(
  `Unknown app: choose ${Object.values(APPS)
    .map((a) => a.shortLabel)
    .join(' or ')}.`,
);
const syncDataSchema = z.enum(SYNC_DATA_VALUES, { error: invalidSyncDataReason() });
const directionSchema = z.enum(SYNC_DIRECTIONS, { error: invalidDirectionReason() });

/** The settings the admin's page showed: if they moved since, nothing is written (review and retry). */
const seenShape = {
  seen: z
    .array(z.object({ app: appSchema, syncData: syncDataSchema, direction: directionSchema }))
    .max(10)
    .optional(),
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
  run: ({ app, syncData, direction, seen }, member) => apply(member, { kind: 'change', app, ...(syncData ? { syncData } : {}), ...(direction ? { direction } : {}) }, seen),
});

const makeSource = defineAction({
  schema: z.object({ app: appSchema, syncData: z.enum(['everything', 'client_name'], { error: invalidSyncDataReason() }).optional(), ...seenShape }),
  roles: ADMINS,
  run: ({ app, syncData, seen }, member) => apply(member, { kind: 'make_source', app, ...(syncData ? { syncData } : {}) }, seen),
});

const applyRecommendedSetup = defineAction({
  schema: z.object(seenShape),
  roles: ADMINS,
  run: ({ seen }, member) => apply(member, { kind: 'recommended_preset' }, seen),
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
