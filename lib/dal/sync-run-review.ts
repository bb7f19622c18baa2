import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { syncRuns } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import { approvePausedRun, discardPausedRun, REVIEW_NOT_WAITING, REVIEW_QUEUE_BUSY, SETTINGS_CHANGED_MESSAGE } from '@/lib/commands/sync-runs';
import { enqueueSyncRun } from '@/lib/jobs/sync-jobs';
import type { AppId } from '@/lib/sync/rules';
import { uuidParam } from '@/lib/validation/fields';
import { ActionError, MESSAGES } from './action';
import type { Member } from './session';

/**
 * A run the mass-change guard paused (issue 12): an admin approves it (it is queued again and
 * applies without the guard) or discards it (nothing applied). Admins only; another practice's
 * run is not found.
 */
function requireAdmin(member: Member): void {
  if (member.role !== 'admin') throw new ActionError(MESSAGES.forbidden, undefined, 'forbidden');
}

async function pausedRun(member: Member, runId: string): Promise<{ id: string; app: AppId }> {
  if (!uuidParam.safeParse(runId).success) throw new ActionError('That sync run was not found.', undefined, 'not_found');
  const db = await getDb();
  const [run] = await db
    .select({ id: syncRuns.id, app: syncRuns.app })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, member.practiceId)));
  if (!run) throw new ActionError('That sync run was not found.', undefined, 'not_found');
  return run;
}

export async function approvePausedSyncRun(member: Member, runId: string): Promise<void> {
  requireAdmin(member);
  const run = await pausedRun(member, runId);
  const db = await getDb();
  const outcome = await db.transaction((tx) => approvePausedRun(tx, memberActor(member), run.id));
  if (outcome === 'not_waiting') throw new ActionError(REVIEW_NOT_WAITING, undefined, 'conflict');
  if (outcome === 'busy') throw new ActionError(REVIEW_QUEUE_BUSY, undefined, 'conflict');
  if (outcome === 'settings_changed') throw new ActionError(SETTINGS_CHANGED_MESSAGE, undefined, 'conflict');
  await enqueueSyncRun({ practiceId: member.practiceId, app: run.app, runId: run.id });
}

export async function discardPausedSyncRun(member: Member, runId: string): Promise<void> {
  requireAdmin(member);
  const run = await pausedRun(member, runId);
  const db = await getDb();
  if (!(await db.transaction((tx) => discardPausedRun(tx, memberActor(member), run.id)))) throw new ActionError(REVIEW_NOT_WAITING, undefined, 'conflict');
}
