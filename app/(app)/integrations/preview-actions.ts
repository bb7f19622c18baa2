'use server';

import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { defineAction } from '@/lib/dal/action';
import { previewAppSync } from '@/lib/dal/sync-preview';
import { guardWarning } from '@/lib/sync/plan/mass-change-guard';
import { appShortName } from '@/lib/sync/runs/format';
import { SYNC_DATA_VALUES, SYNC_DIRECTIONS } from '@/lib/sync/rules';
import type { SyncPreview } from '@/lib/sync/engine/preview';

/**
 * What the next sync of an app would do under settings an admin is about to apply (issue 12:
 * a preview before "Make X the source instead" and "Apply recommended setup"). Read-only:
 * the engine's preview under those settings, summed up for the confirmation dialog, which
 * links to the full per-client preview. Admins only, scoped to their practice.
 */

export interface SettingsPreviewSummary {
  counts: SyncPreview['counts'];
  changeCount: number;
  /** ISO time of the directory the plan used; null if it was never read. */
  dataAsOf: string | null;
  /** The mass-change guard's warning in words, if the sync would trip it. */
  warning: string | null;
}

const previewUnderSettings = defineAction({
  schema: z.object({
    app: appIdSchema('Unknown app: choose XPM or Gusto.'),
    direction: z.enum(SYNC_DIRECTIONS),
    syncData: z.enum(SYNC_DATA_VALUES),
  }),
  roles: ['admin'] as const,
  async run({ app, direction, syncData }, member): Promise<SettingsPreviewSummary | null> {
    const preview = await previewAppSync(member, app, { direction, syncData }, { maxChanges: 0 });
    if (!preview) return null;
    return {
      counts: preview.counts,
      changeCount: preview.changeCount,
      dataAsOf: preview.dataAsOf?.toISOString() ?? null,
      warning: guardWarning(preview.guard, { sentTo: direction === 'to_app' ? appShortName(app) : null }),
    };
  },
});

export async function previewUnderSettingsAction(input: unknown) {
  return previewUnderSettings(input);
}
