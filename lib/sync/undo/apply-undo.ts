import type { Database } from '@/db';
import type { Actor } from '@/lib/commands/actor';
import { applyInboundChanges, type InboundApply } from '@/lib/commands/client-sync-batch';
import { finishSyncRun, recordBatchProgress, type RunCounter } from '@/lib/commands/sync-runs';
import { type ExistingUndo, removeLinksForUndo, restoreLinksForUndo, startUndoRun } from '@/lib/commands/undo-runs';
import { describeErrorForLog, describeErrorForPeople } from '@/lib/log-safe-error';
import { isProviderError } from '@/lib/providers/errors';
import { planUndoChange, undoCounter, type UndoSettings, undoWrites } from './plan-undo';
import { currentStates, readRecordedChanges, type UndoSource } from './read-undo';
import { type Halt, sendBack } from './send-undo';

/**
 * "Undo this run" against the database (docs/sync-engine.md "Undo a run"): the run's recorded
 * changes are read in pages, planned by the pure ./plan-undo.ts against what is there now, and
 * applied through the sync's own write commands, one transaction per batch. The undo is a run
 * of its own (trigger `undo`, `undo_of_run_id`), with change rows, so it can be undone too.
 *
 * - From an app: the client's values are put back here; nothing is sent to the app. Provenance
 *   names the undo run. The link's synced hash is kept, so the next read does not re-apply
 *   the app's values unless the app changes again.
 * - To an app (XPM): the `before`s are sent to XPM as a new push, read live first so a value
 *   edited in XPM since is left alone; the client here is not touched.
 */
export type UndoResult =
  | { kind: 'done'; runId: string; status: 'succeeded' | 'partial' | 'failed'; counts: Partial<Record<RunCounter, number>> }
  | { kind: 'busy'; runId: string | null }
  | { kind: 'already_undone'; undo: ExistingUndo };

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Changes per batch (one transaction each) for an undo here; an undo sent to XPM goes record by record (./send-undo.ts). */
const UNDO_BATCH = 200;

/**
 * Applies the undo as a run. `actor` is the admin's (member id; trigger and run id are set
 * here). Ticked: changed-since fields to restore after all, by `undoKey`. `seenUndoId`: the
 * run's latest undo as the admin's preview showed it (null: none), so an undo made since is
 * found and nothing more is done (startUndoRun).
 */
export async function executeUndo(
  db: Database,
  member: { practiceId: string; memberId: string | null },
  source: UndoSource,
  ticked: ReadonlySet<string>,
  options: { batchSize?: number; seenUndoId?: string | null } = {},
): Promise<UndoResult> {
  const starter: Actor = { practiceId: member.practiceId, memberId: member.memberId, trigger: 'undo' };
  const started = await db.transaction((tx) =>
    startUndoRun(tx, starter, { id: source.id, app: source.app, direction: source.direction, syncData: source.syncData, total: source.changeCount }, options.seenUndoId),
  );
  if (started.kind !== 'started') return started;
  const actor: Actor = { ...starter, syncRunId: started.runId };
  const settings: UndoSettings = { direction: source.direction, ticked };
  const counts: Partial<Record<RunCounter, number>> = {};
  const add = (more: Partial<Record<RunCounter, number>>) => {
    for (const [k, v] of Object.entries(more) as [RunCounter, number][]) counts[k] = (counts[k] ?? 0) + v;
  };
  try {
    const halted =
      source.direction === 'to_app' ? await sendBack(db, actor, source, settings, add) : await restoreHere(db, actor, source, settings, add, options.batchSize ?? UNDO_BATCH);
    if (halted) {
      await db.transaction((tx) => finishSyncRun(tx, actor, started.runId, halted));
      return { kind: 'done', runId: started.runId, status: 'failed', counts };
    }
  } catch (error) {
    const plain = isProviderError(error);
    if (!plain) console.error('[sync] undo failed', describeErrorForLog(error));
    await db.transaction((tx) =>
      finishSyncRun(tx, actor, started.runId, {
        status: 'failed',
        error: `${plain ? error.message : 'The undo stopped because of an unexpected problem.'} What it restored stands; undo the run again to restore the rest.`,
        errorDetail: describeErrorForPeople(error),
      }),
    );
    return { kind: 'done', runId: started.runId, status: 'failed', counts };
  }
  const status = (counts.failed ?? 0) > 0 ? 'partial' : 'succeeded';
  await db.transaction((tx) => finishSyncRun(tx, actor, started.runId, { status }));
  return { kind: 'done', runId: started.runId, status, counts };
}

async function restoreHere(
  db: Database,
  actor: Actor,
  source: UndoSource,
  settings: UndoSettings,
  add: (c: Partial<Record<RunCounter, number>>) => void,
  batchSize: number,
): Promise<Halt> {
  let cursor: string | null = null;
  for (;;) {
    const changes = await readRecordedChanges(db, source, cursor, batchSize);
    if (changes.length === 0) return null;
    cursor = changes[changes.length - 1]!.externalId;
    const batchCounts = await db.transaction(async (tx) => {
      const { states, locals } = await currentStates(tx, actor, source, changes, { lock: true });
      const plans = changes.map((c) => planUndoChange(c, states.get(c.externalId)!, settings));
      const unlinked = await removeLinksForUndo(
        tx,
        actor,
        source.app,
        plans.filter((p) => p.link === 'unlink'),
      );
      const relinked = await restoreLinksForUndo(
        tx,
        actor,
        source.app,
        plans.filter((p) => p.link === 'relink'),
      );
      const items: InboundApply[] = [];
      const batch: Partial<Record<RunCounter, number>> = {};
      for (const plan of plans) {
        const writes = undoWrites(plan);
        const linkChanged = unlinked.has(plan.externalId) || relinked.has(plan.externalId);
        const did = writes.fields.length > 0 || writes.contacts !== null || linkChanged;
        const counter = undoCounter(plan, did);
        batch[counter] = (batch[counter] ?? 0) + 1;
        if (!did) continue;
        const local = locals.get(plan.clientId)!;
        const client = writes.fields.length > 0 ? { ...local.client, ...Object.fromEntries(writes.fields.map((f) => [f.field, f.after])) } : null;
        items.push({
          clientId: plan.clientId,
          externalId: plan.externalId,
          linkHash: null,
          linkStatus: 'active',
          kind: unlinked.has(plan.externalId) ? 'unlinked' : relinked.has(plan.externalId) ? 'linked' : 'updated',
          client,
          fields: writes.fields,
          contacts: writes.contacts,
        });
      }
      // A turn of the event loop between statements: on PGlite the database runs on this thread (as in apply-batch.ts).
      await applyInboundChanges(tx, actor, source.app, items, breathe);
      await recordBatchProgress(tx, actor, actor.syncRunId!, { processed: changes.length, cursor: cursor!, counts: batch });
      return batch;
    });
    add(batchCounts);
  }
}
