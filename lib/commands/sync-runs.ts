import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { type Transaction } from '@/db';
import { type AppIdValue, connections, syncRuns } from '@/db/schema';
import { isUniqueViolation } from '@/lib/dal/unique-violation';
import type { Actor } from './actor';

export interface SyncRunRequest {
  app: AppIdValue;
  /** Only these external records (a webhook's company, a retry's failed records). */
  onlyExternalIds?: string[];
  /** "Retry failed records": the run being retried. */
  retryOfRunId?: string;
}

export type SyncRunRequestResult =
  /** A new run is queued: enqueue it (after the transaction commits). */
  | { kind: 'queued'; runId: string }
  /** A run is already queued or running and this request is not merged into it ("Sync now" twice). */
  | { kind: 'in_progress'; runId: string }
  /** A waiting run already covers this request (a webhook or schedule during a wait): nothing to enqueue. */
  | { kind: 'coalesced'; runId: string }
  /** The connection is not an inbound source: nothing would flow in. */
  | { kind: 'not_inbound'; reason: string };

/**
 * Asks for a sync run of one app. One write path for every trigger: a member's "Sync now"
 * (actor trigger `manual`), the schedule, a webhook, a retry. The partial unique indexes on
 * sync_runs (one running, one queued per practice and app) are the last defence when two
 * instances ask at once.
 *
 * - `manual` refuses while any run of the app is queued or running, naming it.
 * - Other triggers queue one follow-up behind a running run, and collapse into a waiting one
 *   (widening it to every record when either asked for all).
 */
export async function requestSyncRun(tx: Transaction, actor: Actor, request: SyncRunRequest): Promise<SyncRunRequestResult> {
  const [connection] = await tx
    .select({ status: connections.status, syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(and(eq(connections.practiceId, actor.practiceId), eq(connections.app, request.app)));
  if (!connection || connection.status === 'disconnected') return { kind: 'not_inbound', reason: 'The app is not connected.' };
  if (connection.direction !== 'from_app' || connection.syncData === 'nothing') {
    return { kind: 'not_inbound', reason: 'Nothing flows in from this app with its current sync settings.' };
  }
  const active = await tx
    .select({ id: syncRuns.id, status: syncRuns.status, onlyExternalIds: syncRuns.onlyExternalIds })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.app, request.app), inArray(syncRuns.status, ['queued', 'running'])))
    .for('update');
  const running = active.find((r) => r.status === 'running');
  const waiting = active.find((r) => r.status === 'queued');
  if (actor.trigger === 'manual' && (running || waiting)) {
    // "Sync now" asks for everything: a waiting run scoped by a webhook widens to every record.
    if (waiting && !request.onlyExternalIds) await coalesceInto(tx, actor, waiting, request);
    return { kind: 'in_progress', runId: (running ?? waiting)!.id };
  }
  if (waiting) return coalesceInto(tx, actor, waiting, request);
  try {
    // A savepoint: on PostgreSQL a refused insert would otherwise abort the caller's transaction.
    const [row] = await tx.transaction((savepoint) =>
      savepoint
      .insert(syncRuns)
      .values({
        practiceId: actor.practiceId,
        app: request.app,
        direction: connection.direction,
        syncData: connection.syncData,
        trigger: actor.trigger,
        requestedByUserId: actor.memberId,
        retryOfRunId: request.retryOfRunId ?? null,
        onlyExternalIds: request.onlyExternalIds ?? null,
      })
      .returning({ id: syncRuns.id }),
    );
    return { kind: 'queued', runId: row!.id };
  } catch (error) {
    // Another instance queued one between our read and our insert: the index said no.
    if (!isUniqueViolation(error)) throw error;
    const [other] = await tx
      .select({ id: syncRuns.id, onlyExternalIds: syncRuns.onlyExternalIds })
      .from(syncRuns)
      .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.app, request.app), eq(syncRuns.status, 'queued')))
      .for('update');
    if (!other) throw error;
    if (actor.trigger === 'manual') return { kind: 'in_progress', runId: other.id };
    // Its scope must take ours in, or a webhook's company that lost this race is never read.
    return coalesceInto(tx, actor, other, request);
  }
}

/** Merges a request into the waiting run: the union of their records, or every record when either asked for all. */
async function coalesceInto(
  tx: Transaction,
  actor: Actor,
  waiting: { id: string; onlyExternalIds: string[] | null },
  request: SyncRunRequest,
): Promise<SyncRunRequestResult> {
  const widened = waiting.onlyExternalIds && request.onlyExternalIds ? [...new Set([...waiting.onlyExternalIds, ...request.onlyExternalIds])] : null;
  await tx
    .update(syncRuns)
    .set({ onlyExternalIds: widened })
    .where(and(eq(syncRuns.id, waiting.id), eq(syncRuns.practiceId, actor.practiceId)));
  return { kind: 'coalesced', runId: waiting.id };
}
