import { and, count, eq, isNotNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { syncRunErrors, syncRuns } from '@/db/schema';
import type { RunErrorInput } from '@/lib/commands/sync-runs';

/** A resumed run reads again: errors it already recorded for a record are not recorded twice. */
export async function newErrorsOnly(runId: string, errors: RunErrorInput[]): Promise<RunErrorInput[]> {
  if (errors.length === 0) return errors;
  const known = new Set((await recordedExternalIds(runId)).filter((id): id is string => id !== null));
  return errors.filter((e) => e.externalId === null || !known.has(e.externalId));
}

export async function failedSoFar(runId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(syncRunErrors).where(eq(syncRunErrors.runId, runId));
  return row?.n ?? 0;
}

async function recordedExternalIds(runId: string): Promise<(string | null)[]> {
  const db = await getDb();
  const rows = await db.selectDistinct({ externalId: syncRunErrors.externalId }).from(syncRunErrors).where(eq(syncRunErrors.runId, runId));
  return rows.map((r) => r.externalId);
}

/**
 * "Retry failed records": the external ids of a run's records (and Gusto companies) that
 * could not be read or applied, for `requestSyncRun(tx, actor, { app, retryOfRunId,
 * onlyExternalIds })`. Scoped by practice: another practice's run has none.
 */
export async function failedExternalIds(practiceId: string, runId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ externalId: syncRunErrors.externalId })
    .from(syncRunErrors)
    .innerJoin(syncRuns, and(eq(syncRuns.id, syncRunErrors.runId), eq(syncRuns.practiceId, syncRunErrors.practiceId)))
    .where(and(eq(syncRunErrors.runId, runId), eq(syncRunErrors.practiceId, practiceId), isNotNull(syncRunErrors.externalId)));
  return rows.map((r) => r.externalId!).sort();
}
