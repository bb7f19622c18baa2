import type { Database } from '@/db/open';
import { syncRunChanges, syncRuns } from '@/db/schema';

type RunValues = typeof syncRuns.$inferInsert;
type ChangeValues = typeof syncRunChanges.$inferInsert;

/**
 * A run that ended `succeeded` with one recorded change, inserted directly: what the undo and
 * "recent changes" tests start from without running a sync. Returns the run's id.
 */
export async function finishedRunWithChange(
  db: Database,
  run: Pick<RunValues, 'practiceId' | 'app' | 'direction' | 'trigger'>,
  change: Pick<ChangeValues, 'clientId' | 'externalId' | 'kind' | 'fields'>,
): Promise<string> {
  const [inserted] = await db
    .insert(syncRuns)
    .values({ ...run, syncData: 'everything', status: 'succeeded' })
    .returning({ id: syncRuns.id });
  await db.insert(syncRunChanges).values({ practiceId: run.practiceId, runId: inserted!.id, ...change });
  return inserted!.id;
}
