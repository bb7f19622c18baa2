'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/dal/action';
import { retryFailedRecords } from '@/lib/dal/sync-runs';
import { approvePausedSyncRun, discardPausedSyncRun } from '@/lib/dal/sync-run-review';
import { type UndoOutcome, undoSyncRun } from '@/lib/dal/sync-undo';
import { revalidatePath } from 'next/cache';
import { uuidParam } from '@/lib/validation/fields';

/**
 * "Retry failed records" on a run's page: a new run of the same app that reads again only the
 * records this one could not. Admins only (here and in the DAL); another practice's run is not found.
 */

const ADMINS = ['admin'] as const;

export type RetryOutcome = { kind: 'started'; runId: string } | { kind: 'in_progress'; runId: string } | { kind: 'not_inbound'; reason: string };

const retry = defineAction({
  schema: z.object({ runId: uuidParam }),
  roles: ADMINS,
  async run({ runId }, member): Promise<RetryOutcome> {
    const result = await retryFailedRecords(member, runId);
    if (result.kind === 'not_inbound') return { kind: 'not_inbound', reason: result.reason };
    return result.kind === 'in_progress' ? { kind: 'in_progress', runId: result.runId } : { kind: 'started', runId: result.runId };
  },
});

export async function retryFailedRecordsAction(input: unknown) {
  return retry(input);
}

/** A run the mass-change guard paused: approve (it applies) or discard (nothing applied). Admins only. */
export const approvePausedRunAction = defineAction({
  schema: z.object({ runId: uuidParam }),
  roles: ADMINS,
  async run({ runId }, member) {
    await approvePausedSyncRun(member, runId);
    revalidatePath(`/sync-history/${runId}`);
    revalidatePath('/dashboard');
  },
});

export const discardPausedRunAction = defineAction({
  schema: z.object({ runId: uuidParam }),
  roles: ADMINS,
  async run({ runId }, member) {
    await discardPausedSyncRun(member, runId);
    revalidatePath(`/sync-history/${runId}`);
    revalidatePath('/dashboard');
  },
});

/**
 * "Undo this run", confirmed from its preview (admins). `ticked`: the changed-since fields the
 * admin chose to restore anyway, as `clientId:field` keys from the preview's checkboxes.
 * `seenUndoId`: the run's latest undo the preview showed (null: none), so a confirm from a
 * preview the run was undone after (another tab) is refused rather than making a second run.
 */
export const undoRunAction = defineAction({
  schema: z.object({ runId: uuidParam, ticked: z.array(z.string().max(80)).max(5000).default([]), seenUndoId: uuidParam.nullable().default(null) }),
  roles: ADMINS,
  async run({ runId, ticked, seenUndoId }, member): Promise<UndoOutcome> {
    const outcome = await undoSyncRun(member, runId, ticked, seenUndoId);
    revalidatePath('/sync-history');
    revalidatePath(`/sync-history/${runId}`);
    revalidatePath('/clients');
    return outcome;
  },
});
