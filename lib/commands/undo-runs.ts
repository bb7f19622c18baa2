import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Transaction } from '@/db';
import { type AppIdValue, syncRuns, users } from '@/db/schema';
import { isUniqueViolation } from '@/lib/dal/unique-violation';
import type { Actor } from './actor';
import { insertAutoLinks } from './client-sync-batch';
import { recordLinkAudit } from './link-audit';

/**
 * The writes of "Undo this run" that the sync batch commands do not already cover: the undo's
 * own run row, and the links it removes or makes again. Field values, contacts, provenance and
 * change rows go through applyInboundChanges / recordPush like any run's (one write path).
 */

export const UNDO_BUSY_MESSAGE = 'Another sync of this app is running or waiting to start. Undo this run once it has finished, so the undo sees what that sync changed.';

/** An undo of the run already there when another was asked for: who started it, and how it stands. */
export type ExistingUndo = {
  id: string;
  status: (typeof syncRuns.$inferSelect)['status'];
  requestedByName: string | null;
  /** When it ended, or (still going) when it started. */
  at: Date;
};

export type StartUndoResult = { kind: 'started'; runId: string } | { kind: 'busy'; runId: string | null } | { kind: 'already_undone'; undo: ExistingUndo };

/**
 * The undo's run, started at once (`running`): an admin watches it, and it needs no read of
 * the app. Refused while another run of the app is queued or running — the undo's preview
 * would no longer say what it does — and the one-running index is the last defence when two
 * admins (or an admin and a worker) start at once.
 *
 * Refused too when the run was undone since the admin's preview (`seenUndoId`: the latest undo
 * of the run that preview showed, null for none; undefined: no preview to hold to, as in the
 * sync's own tests). Two tabs on one preview: the second confirm finds the first's undo and makes
 * no second, empty run. The run's row is locked first (for update), so two confirms at once
 * queue here and the later one reads the earlier's undo row once that has committed.
 *
 * What the latest undo is decides, not only whether there is one:
 * - queued or running: refused, whatever the preview showed; it is still putting values back.
 * - succeeded: refused unless the preview showed this very undo — then it was itself undone
 *   since (an undo of the undo returns to the run's result), and undoing the run again is right.
 * - failed or partial: allowed again from a preview that showed it, as the failed undo's own
 *   message says ("undo the run again to restore the rest"); what it did restore plans as
 *   "already", so nothing is done twice. Refusing while it "changed nothing" only would strand
 *   the rest of a part-way undo. A preview from before it is refused: it did not show the undo.
 */
export async function startUndoRun(
  tx: Transaction,
  actor: Actor,
  source: { id: string; app: AppIdValue; direction: 'from_app' | 'to_app'; syncData: 'everything' | 'client_name' | 'nothing'; total: number },
  seenUndoId?: string | null,
): Promise<StartUndoResult> {
  await tx
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.id, source.id)))
    .for('update');
  const [latest] = await tx
    .select({
      id: syncRuns.id,
      status: syncRuns.status,
      requestedByName: users.name,
      queuedAt: syncRuns.queuedAt,
      startedAt: syncRuns.startedAt,
      finishedAt: syncRuns.finishedAt,
    })
    .from(syncRuns)
    .leftJoin(users, and(eq(users.id, syncRuns.requestedByUserId), eq(users.practiceId, syncRuns.practiceId)))
    .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.undoOfRunId, source.id)))
    .orderBy(desc(syncRuns.queuedAt), desc(syncRuns.id))
    .limit(1);
  if (latest) {
    const inProgress = latest.status === 'queued' || latest.status === 'running';
    const notSeen = seenUndoId !== undefined && latest.id !== seenUndoId;
    if (inProgress || notSeen) {
      const at = latest.finishedAt ?? latest.startedAt ?? latest.queuedAt;
      return { kind: 'already_undone', undo: { id: latest.id, status: latest.status, requestedByName: latest.requestedByName, at } };
    }
  }
  const [active] = await tx
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, actor.practiceId), eq(syncRuns.app, source.app), inArray(syncRuns.status, ['queued', 'running'])))
    .limit(1);
  if (active) return { kind: 'busy', runId: active.id };
  const now = new Date();
  try {
    const [row] = await tx.transaction((savepoint) =>
      savepoint
        .insert(syncRuns)
        .values({
          practiceId: actor.practiceId,
          app: source.app,
          direction: source.direction,
          syncData: source.syncData,
          trigger: 'undo',
          requestedByUserId: actor.memberId,
          undoOfRunId: source.id,
          status: 'running',
          total: source.total,
          queuedAt: now,
          startedAt: now,
          heartbeatAt: now,
        })
        .returning({ id: syncRuns.id }),
    );
    return { kind: 'started', runId: row!.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'busy', runId: null };
    throw error;
  }
}

/** Removes links the undone run made. Only the exact link (record → client): one relinked since is someone else's. Returns the external ids unlinked. */
export async function removeLinksForUndo(tx: Transaction, actor: Actor, app: AppIdValue, links: readonly { clientId: string; externalId: string }[]): Promise<Set<string>> {
  if (links.length === 0) return new Set();
  const removed = await queryRows<{ external_id: string; client_id: string }>(
    tx,
    sql`
    delete from client_links l
    using jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as v("clientId" uuid, "externalId" text)
    where l.practice_id = ${actor.practiceId} and l.app = ${app} and l.external_id = v."externalId" and l.client_id = v."clientId"
    returning l.external_id, l.client_id`,
  );
  await recordLinkAudit(
    tx,
    actor,
    removed.map((r) => ({ clientId: r.client_id, app, action: 'unlink' as const, beforeExternalId: r.external_id, afterExternalId: null })),
  );
  return new Set(removed.map((r) => r.external_id));
}

/** Makes links an undo removed again; a record or client linked meanwhile is left as it is. Returns the external ids linked. */
export async function restoreLinksForUndo(tx: Transaction, actor: Actor, app: AppIdValue, links: readonly { clientId: string; externalId: string }[]): Promise<Set<string>> {
  return insertAutoLinks(tx, actor, app, links);
}
