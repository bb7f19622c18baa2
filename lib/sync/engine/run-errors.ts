import { and, count, eq, isNotNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { syncRunErrors, syncRuns } from '@/db/schema';
import type { RunErrorInput } from '@/lib/commands/sync-runs';

/** A resumed run reads again: errors it already recorded are not recorded twice. */
export async function newErrorsOnly(runId: string, errors: RunErrorInput[]): Promise<RunErrorInput[]> {
  if (errors.length === 0) return errors;
  return unrecordedErrors(await recordedErrors(runId), errors);
}

type RecordedError = Pick<RunErrorInput, 'externalId' | 'recordName' | 'message' | 'detail'>;

/**
 * The errors of a read that a run has not recorded yet. A record's error is known by its
 * external id. An error without one (a record the app sent without an id) is known by its
 * name and words, as many times as it was recorded: a second read that meets the same two
 * id-less records again adds nothing, and a third such record still counts.
 */
export function unrecordedErrors(recorded: readonly RecordedError[], errors: readonly RunErrorInput[]): RunErrorInput[] {
  const knownIds = new Set<string>();
  const idlessLeft = new Map<string, number>();
  for (const error of recorded) {
    if (error.externalId !== null) knownIds.add(error.externalId);
    else {
      const key = idlessKey(error);
      idlessLeft.set(key, (idlessLeft.get(key) ?? 0) + 1);
    }
  }
  return errors.filter((error) => {
    if (error.externalId !== null) return !knownIds.has(error.externalId);
    const left = idlessLeft.get(idlessKey(error)) ?? 0;
    if (left === 0) return true;
    idlessLeft.set(idlessKey(error), left - 1);
    return false;
  });
}

const idlessKey = (error: RecordedError) => JSON.stringify([error.recordName, error.message, error.detail]);

export async function failedSoFar(runId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(syncRunErrors).where(eq(syncRunErrors.runId, runId));
  return row?.n ?? 0;
}

async function recordedErrors(runId: string): Promise<RecordedError[]> {
  const db = await getDb();
  return db
    .select({ externalId: syncRunErrors.externalId, recordName: syncRunErrors.recordName, message: syncRunErrors.message, detail: syncRunErrors.detail })
    .from(syncRunErrors)
    .where(eq(syncRunErrors.runId, runId));
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
