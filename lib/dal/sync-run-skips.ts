import 'server-only';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { clientLinks, clients, type SyncSkipReason, syncRunSkips } from '@/db/schema';
import type { AppId } from '@/lib/sync/rules';

/** Skipped records shown on a run's page: enough to act on; the count says how many more. */
export const RUN_SKIPS_SHOWN = 100;

export interface RunSkipView {
  externalId: string;
  /** The record's name when the run skipped it (null: it had left the directory). */
  recordName: string | null;
  reason: SyncSkipReason;
  /** The client the record is linked to now, if a person has linked it since (or meanwhile). */
  linkedClient: { id: string; name: string } | null;
}

/**
 * The records one run skipped, by name, with the client each is linked to now. The caller has
 * already found the run in the member's practice; every row is scoped by it here too.
 */
export async function runSkips(db: Database, practiceId: string, runId: string, app: AppId): Promise<{ rows: RunSkipView[]; total: number }> {
  const scope = and(eq(syncRunSkips.runId, runId), eq(syncRunSkips.practiceId, practiceId));
  const rows = await db
    .select({
      externalId: syncRunSkips.externalId,
      recordName: syncRunSkips.recordName,
      reason: syncRunSkips.reason,
      clientId: clients.id,
      clientName: clients.name,
    })
    .from(syncRunSkips)
    .leftJoin(clientLinks, and(eq(clientLinks.practiceId, syncRunSkips.practiceId), eq(clientLinks.app, app), eq(clientLinks.externalId, syncRunSkips.externalId)))
    .leftJoin(clients, and(eq(clients.practiceId, clientLinks.practiceId), eq(clients.id, clientLinks.clientId)))
    .where(scope)
    .orderBy(asc(syncRunSkips.recordName), asc(syncRunSkips.externalId))
    .limit(RUN_SKIPS_SHOWN);
  const [totals] = await db.select({ total: count() }).from(syncRunSkips).where(scope);
  return {
    rows: rows.map(({ clientId, clientName, ...row }) => ({ ...row, linkedClient: clientId && clientName !== null ? { id: clientId, name: clientName } : null })),
    total: totals?.total ?? 0,
  };
}
