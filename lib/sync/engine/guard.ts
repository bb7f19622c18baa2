import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import type { ClaimedRun } from '@/lib/commands/sync-runs';
import { guardFacts, type GuardVerdict, massChangeVerdict, type PlannedClientChange } from '@/lib/sync/plan/mass-change-guard';
import { activeLinks, planInboundWork, planPushWork } from './preview';
import { isEmptyPush } from './push-plan';
import type { PushItem } from './push-select';
import type { WorkItem } from './select-work';

/**
 * Runs the guard looks at, in either direction: those nobody watched start (schedule, webhook),
 * and manual ones — "Sync now" from an app, "Retry failed records" — whose admin pressed the
 * button before the run read what changed, so a mass change needs one more confirmation
 * (issue 12): the run pauses and the card links to its review. Not guarded: runs whose changes
 * a person already reviewed in a preview of their own (onboarding's first sync, undo) and a
 * member's edit pushed To XPM (trigger `edit`: that one client, the member's own action).
 */
const GUARDED_TRIGGERS: readonly ClaimedRun['trigger'][] = ['schedule', 'webhook', 'manual'];

/** Whether the mass-change guard looks at this run before it applies, unless an admin already approved it. */
export function guardsRun(run: Pick<ClaimedRun, 'trigger' | 'approved' | 'processed'>): boolean {
  // A run that already applied some batches (resumed after a restart) was judged when it
  // started. Known limit: what a request added to it while it waited (./settled-records.ts)
  // is not judged again; such a run was already covering some records unwatched.
  return GUARDED_TRIGGERS.includes(run.trigger) && !run.approved && run.processed === 0;
}

/** A run's selected work: records to apply here (From an app) or linked clients to send (To XPM). */
export type GuardedWork = { direction: 'from_app'; items: readonly WorkItem[] } | { direction: 'to_app'; items: readonly PushItem[] };

/**
 * The guard's verdict on the run's selected work, planned read-only with the preview's planners:
 * From an app, the values that would be overwritten here; To XPM, the values XPM holds that the
 * push would overwrite or empty there. One pure guard (lib/sync/plan/mass-change-guard.ts) judges both.
 */
export async function judgeRun(db: Database, run: Pick<ClaimedRun, 'practiceId' | 'app' | 'syncData'>, work: GuardedWork): Promise<GuardVerdict> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    const scope = { practiceId: run.practiceId, app: run.app, syncData: run.syncData };
    const planned: PlannedClientChange[] = [];
    if (work.direction === 'from_app') {
      for await (const { applies } of planInboundWork(tx, scope, work.items)) {
        for (const apply of applies) if (apply.kind !== null) planned.push({ fields: apply.fields, newLink: apply.kind === 'linked' });
      }
    } else {
      for await (const { push } of planPushWork(tx, scope, work.items)) if (push && !isEmptyPush(push)) planned.push({ fields: push.fields });
    }
    return massChangeVerdict(guardFacts(await activeLinks(tx, scope), planned));
  });
}
