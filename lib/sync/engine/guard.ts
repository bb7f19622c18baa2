import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import type { ClaimedRun } from '@/lib/commands/sync-runs';
import { guardFacts, type GuardVerdict, massChangeVerdict, type PlannedClientChange } from '@/lib/sync/plan/mass-change-guard';
import { activeLinks, planInboundWork } from './preview';
import type { WorkItem } from './select-work';

/**
 * Runs the guard looks at: those nobody watched start (schedule, webhook), and "Sync now" —
 * an admin pressed it, but before the run read what changed in the app, so a mass change
 * needs one more confirmation (issue 12): the run pauses and the card links to its review.
 * Not guarded: runs whose changes a person already reviewed in a preview of their own
 * (onboarding's first sync, undo) and a member's edit pushed To XPM.
 */
const GUARDED_TRIGGERS: readonly ClaimedRun['trigger'][] = ['schedule', 'webhook', 'manual'];

/** Whether the mass-change guard looks at this run before it applies, unless an admin already approved it. */
export function guardsRun(run: Pick<ClaimedRun, 'trigger' | 'direction' | 'approved' | 'processed'>): boolean {
  // A run that already applied some batches (resumed after a restart) was judged when it started.
  return GUARDED_TRIGGERS.includes(run.trigger) && run.direction === 'from_app' && !run.approved && run.processed === 0;
}

/** The guard's verdict on the run's selected work, planned read-only with the preview's planner. */
export async function judgeRun(db: Database, run: Pick<ClaimedRun, 'practiceId' | 'app' | 'syncData'>, items: readonly WorkItem[]): Promise<GuardVerdict> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    const scope = { practiceId: run.practiceId, app: run.app, syncData: run.syncData };
    const planned: PlannedClientChange[] = [];
    for await (const { applies } of planInboundWork(tx, scope, items)) {
      for (const apply of applies) if (apply.kind !== null) planned.push({ fields: apply.fields });
    }
    return massChangeVerdict(guardFacts(await activeLinks(tx, scope), planned));
  });
}
