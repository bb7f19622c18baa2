'use server';

import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { defineAction } from '@/lib/dal/action';
import { startSyncNow } from '@/lib/dal/sync-runs';

/**
 * "Sync now" on an app card (issue 10). Admins only — checked here by the action helper and
 * again in the DAL. The answer is what the card needs to show: the run that started, the run
 * already going on (a second press, or another admin's), or why nothing flows in.
 */

const ADMINS = ['admin'] as const;

export type SyncNowOutcome =
  | { kind: 'started'; runId: string }
  | { kind: 'in_progress'; runId: string }
  | { kind: 'awaiting_review'; runId: string }
  | { kind: 'not_inbound'; reason: string };

const syncNow = defineAction({
  schema: z.object({ app: appIdSchema('Unknown app: choose XPM or Gusto.') }),
  roles: ADMINS,
  async run({ app }, member): Promise<SyncNowOutcome> {
    const result = await startSyncNow(member, app);
    if (result.kind === 'not_inbound') return { kind: 'not_inbound', reason: result.reason };
    if (result.kind === 'awaiting_review') return { kind: 'awaiting_review', runId: result.runId };
    // A manual request is never merged into a waiting run, but if it were, it is that run that will do the work.
    return result.kind === 'in_progress' ? { kind: 'in_progress', runId: result.runId } : { kind: 'started', runId: result.runId };
  },
});

export async function syncNowAction(input: unknown) {
  return syncNow(input);
}
