import 'server-only';
import { and, eq, isNull, max } from 'drizzle-orm';
import type { Database } from '@/db';
import { syncRuns } from '@/db/schema';
import type { AppId } from '@/lib/sync/rules';

/**
 * The scheduler's "last run" of an app (lib/jobs/scheduler.ts scheduleCandidates): when the
 * latest run of every record started, whatever started it; null if none has. A run scoped to
 * a few records (one member's edit, one webhook's company) does not count, as it does not put
 * off the scheduled run. One max per app, which sync_runs_practice_app_started_idx answers
 * from its end (grouping by app read every run).
 */
export async function lastRunStartedAt(db: Database, practiceId: string, app: AppId): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(syncRuns.startedAt) })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, practiceId), eq(syncRuns.app, app), isNull(syncRuns.onlyExternalIds)));
  return row?.at ?? null;
}
