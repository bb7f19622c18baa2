import { and, eq, sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import { syncRuns } from '@/db/schema';
import type { Actor } from '@/lib/commands/actor';
import { applyInboundChanges, type InboundApply, loadClientsForSync, recordPush } from '@/lib/commands/client-sync-batch';
import { finishSyncRun, recordBatchProgress, recordRunErrors, type RunCounter } from '@/lib/commands/sync-runs';
import { removeLinksForUndo, restoreLinksForUndo, startUndoRun } from '@/lib/commands/undo-runs';
import { practiceXpmClient } from '@/lib/integrations/grant-clients';
import { describeErrorForLog, describeErrorForPeople } from '@/lib/log-safe-error';
import { isProviderError } from '@/lib/providers/errors';
import type { CanonicalClient } from '../canonical-client';
import { HALTS_RUN, readOne, send, storeSentRecord } from '../engine/push';
import { isEmptyPush, xpmPushFromPlan } from '../engine/push-plan';
import { contentHashes } from '../engine/push-select';
import { textArray } from '../engine/select-work';
import { clientFromCanonical, type ContactColumns } from '../mapping/client-from-canonical';
import type { ClientField } from '../plan/field-changes';
import type { SyncData } from '../rules/types';
import { type CurrentState, planUndoChange, type RecordedChange, type UndoClientPlan, type UndoSettings, undoWrites } from './plan-undo';

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
export interface UndoSource {
  id: string;
  practiceId: string;
  app: 'xpm' | 'gusto';
  direction: 'from_app' | 'to_app';
  syncData: SyncData;
  status: (typeof syncRuns.$inferSelect)['status'];
  /** How many records the run recorded a change for. */
  changeCount: number;
}

export async function loadUndoSource(db: Database, practiceId: string, runId: string): Promise<UndoSource | null> {
  const [row] = await queryRows<UndoSource & { change_count: number; sync_data: SyncData }>(
    db,
    sql`select r.id, r.practice_id as "practiceId", r.app, r.direction, r.sync_data, r.status,
          (select count(*)::int from sync_run_changes c where c.practice_id = r.practice_id and c.run_id = r.id) as change_count
        from sync_runs r where r.practice_id = ${practiceId} and r.id = ${runId}`,
  );
  if (!row) return null;
  return { id: row.id, practiceId: row.practiceId, app: row.app, direction: row.direction, syncData: row.sync_data, status: row.status, changeCount: Number(row.change_count) };
}

/** One page of the run's recorded changes, in external-id order (the undo's cursor). */
export async function readRecordedChanges(db: Database | Transaction, source: UndoSource, after: string | null, limit: number): Promise<RecordedChange[]> {
  const rows = await queryRows<{
    client_id: string;
    external_id: string;
    kind: RecordedChange['kind'];
    fields: RecordedChange['fields'] | string;
    contacts: RecordedChange['contacts'] | string;
  }>(
    db,
    sql`select client_id, external_id, kind, fields, contacts from sync_run_changes
        where practice_id = ${source.practiceId} and run_id = ${source.id} ${after === null ? sql`` : sql`and external_id collate "C" > ${after}`}
        order by external_id collate "C" limit ${limit}`,
  );
  const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
  return rows.map((r) => ({ clientId: r.client_id, externalId: r.external_id, kind: r.kind, fields: json(r.fields) ?? [], contacts: json(r.contacts) ?? null }));
}

/**
 * What is there now for a page of changes: the clients here (locked when applying) or, for a
 * To-app run, the app's records as the directory holds them; and the links as they are.
 */
export async function currentStates(
  tx: Transaction,
  actor: Actor,
  source: UndoSource,
  changes: readonly RecordedChange[],
  options: { lock: boolean },
): Promise<{ states: Map<string, CurrentState>; locals: Awaited<ReturnType<typeof loadClientsForSync>> }> {
  const clientIds = [...new Set(changes.map((c) => c.clientId))];
  const externalIds = changes.map((c) => c.externalId);
  const locals = await loadClientsForSync(tx, actor, clientIds, { lock: options.lock });
  const links = await queryRows<{ client_id: string; external_id: string }>(
    tx,
    sql`select client_id, external_id from client_links
        where practice_id = ${source.practiceId} and app = ${source.app}
          and (external_id = any(${textArray(externalIds)}) or client_id = any(array(select jsonb_array_elements_text(${JSON.stringify(clientIds)}::jsonb)::uuid)))`,
  );
  const remote = source.direction === 'to_app' ? await directoryRecords(tx, source, externalIds) : null;
  const states = new Map<string, CurrentState>();
  for (const change of changes) {
    const local = locals.get(change.clientId);
    const linkExists = links.some((l) => l.external_id === change.externalId && l.client_id === change.clientId);
    const linkFree = !links.some((l) => l.external_id === change.externalId || l.client_id === change.clientId);
    if (remote) {
      const record = remote.get(change.externalId);
      const values = record ? appValues(record) : null;
      states.set(change.externalId, { values: local ? (values?.client ?? null) : null, contacts: values?.contacts ?? null, linkExists, linkFree });
    } else {
      states.set(change.externalId, { values: local?.client ?? null, contacts: local?.contacts ?? null, linkExists, linkFree });
    }
  }
  return { states, locals };
}

/** The app's record as client columns, keeping the tax number as the app shows it (masked in XPM), so it is compared, never mistaken for a value. */
function appValues(record: CanonicalClient) {
  const mapped = clientFromCanonical(record);
  return { client: { ...mapped.client, taxNumber: record.taxNumber }, contacts: mapped.contacts };
}

async function directoryRecords(tx: Transaction, source: UndoSource, externalIds: readonly string[]): Promise<Map<string, CanonicalClient>> {
  const rows = await queryRows<{ external_id: string; payload: CanonicalClient | string }>(
    tx,
    sql`select external_id, payload from directory_records where practice_id = ${source.practiceId} and app = ${source.app} and external_id = any(${textArray(externalIds)})`,
  );
  return new Map(rows.map((r) => [r.external_id, typeof r.payload === 'string' ? (JSON.parse(r.payload) as CanonicalClient) : r.payload]));
}

export interface UndoPreviewData {
  plans: UndoClientPlan[];
  /** How many recorded changes the run has (the preview may show fewer). */
  total: number;
  /** To an app: when the oldest app record compared was last read (the directory); null: the values here. */
  dataAsOf: Date | null;
}

/** The preview: the plan without the apply step, read without locks (it must not hold up a member's save). */
export async function previewUndo(db: Database, actor: Actor, source: UndoSource, limit: number): Promise<UndoPreviewData> {
  return db.transaction(async (tx) => {
    const changes = await readRecordedChanges(tx, source, null, limit);
    const { states } = await currentStates(tx, actor, source, changes, { lock: false });
    const settings: UndoSettings = { direction: source.direction, ticked: new Set() };
    const plans = changes.map((c) => planUndoChange(c, states.get(c.externalId)!, settings));
    let dataAsOf: Date | null = null;
    if (source.direction === 'to_app' && changes.length > 0) {
      const [row] = await queryRows<{ oldest: string | Date | null }>(
        tx,
        sql`select min(refreshed_at) as oldest from directory_records where practice_id = ${source.practiceId} and app = ${source.app} and external_id = any(${textArray(changes.map((c) => c.externalId))})`,
      );
      dataAsOf = row?.oldest ? new Date(row.oldest) : null;
    }
    return { plans, total: source.changeCount, dataAsOf };
  });
}

export type UndoResult =
  | { kind: 'done'; runId: string; status: 'succeeded' | 'partial' | 'failed'; counts: Partial<Record<RunCounter, number>> }
  | { kind: 'busy'; runId: string | null };

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Changes per batch (one transaction each) for an undo here; an undo sent to XPM goes record by record. */
const UNDO_BATCH = 200;
const SEND_PAGE = 20;

/**
 * Applies the undo as a run. `actor` is the admin's (member id; trigger and run id are set
 * here). Ticked: changed-since fields to restore after all, by `undoKey`.
 */
export async function executeUndo(
  db: Database,
  member: { practiceId: string; memberId: string | null },
  source: UndoSource,
  ticked: ReadonlySet<string>,
  options: { batchSize?: number } = {},
): Promise<UndoResult> {
  const starter: Actor = { practiceId: member.practiceId, memberId: member.memberId, trigger: 'undo' };
  const started = await db.transaction((tx) =>
    startUndoRun(tx, starter, { id: source.id, app: source.app, direction: source.direction, syncData: source.syncData, total: source.changeCount }),
  );
  if (started.kind === 'busy') return started;
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
    console.error('[sync] undo failed', describeErrorForLog(error));
    await db.transaction((tx) =>
      finishSyncRun(tx, actor, started.runId, {
        status: 'failed',
        error: 'The undo stopped because of an unexpected problem. What it restored stands; undo the run again to restore the rest.',
        errorDetail: describeErrorForPeople(error),
      }),
    );
    return { kind: 'done', runId: started.runId, status: 'failed', counts };
  }
  const status = (counts.failed ?? 0) > 0 ? 'partial' : 'succeeded';
  await db.transaction((tx) => finishSyncRun(tx, actor, started.runId, { status }));
  return { kind: 'done', runId: started.runId, status, counts };
}

/** The counter a client's undo adds to: updated (something put back), skipped (only changed-since ones, left alone), unchanged. */
function counterFor(plan: UndoClientPlan, did: boolean): RunCounter {
  if (did) return 'updated';
  const leftAlone = [...plan.fields, ...(plan.contacts ? [plan.contacts] : [])].some((p) => p.decision === 'changed_since' && !p.ticked);
  return leftAlone ? 'skipped' : 'unchanged';
}

type Halt = { status: 'failed'; error: string; errorDetail: string | null } | null;

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
        const counter = counterFor(plan, did);
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

async function sendBack(db: Database, actor: Actor, source: UndoSource, settings: UndoSettings, add: (c: Partial<Record<RunCounter, number>>) => void): Promise<Halt> {
  const xpm = await practiceXpmClient(db, source.practiceId);
  const run = { practiceId: source.practiceId, app: source.app, syncData: source.syncData };
  let cursor: string | null = null;
  for (;;) {
    const changes = await readRecordedChanges(db, source, cursor, SEND_PAGE);
    if (changes.length === 0) return null;
    cursor = changes[changes.length - 1]!.externalId;
    for (const change of changes) {
      let counts: Partial<Record<RunCounter, number>>;
      try {
        counts = await sendOne(db, actor, source, run, xpm, change, settings);
      } catch (error) {
        if (isProviderError(error) && HALTS_RUN.has(error.kind)) {
          return {
            status: 'failed',
            error: `${error.message} The undo stopped; what it sent stands. Undo the run again to send the rest.`,
            errorDetail: [error.kind, error.status && `HTTP ${error.status}`].filter(Boolean).join(' · '),
          };
        }
        const why = isProviderError(error) ? ` XPM said: ${error.message}` : '';
        counts = { failed: 1 };
        await db.transaction(async (tx) => {
          await recordRunErrors(tx, actor, actor.syncRunId!, [
            {
              externalId: change.externalId,
              recordName: null,
              message: `This client’s earlier values could not be sent back to XPM, so XPM keeps its current details.${why} Undo the run again to retry.`,
              detail: describeErrorForPeople(error),
            },
          ]);
          await recordBatchProgress(tx, actor, actor.syncRunId!, { processed: 1, cursor: change.externalId, counts });
        });
      }
      add(counts);
    }
  }
}

async function sendOne(
  db: Database,
  actor: Actor,
  source: UndoSource,
  run: { practiceId: string; app: 'xpm' | 'gusto'; syncData: SyncData },
  xpm: Awaited<ReturnType<typeof practiceXpmClient>>,
  change: RecordedChange,
  settings: UndoSettings,
): Promise<Partial<Record<RunCounter, number>>> {
  // XPM as it is now, not as the directory last saw it: a value edited there since is left alone.
  const record = await readOne(xpm, change.externalId);
  const exists = await db.transaction(async (tx) => (await loadClientsForSync(tx, actor, [change.clientId], { lock: false })).has(change.clientId));
  const values = appValues(record);
  const plan = planUndoChange(change, { values: exists ? values.client : null, contacts: values.contacts as ContactColumns[], linkExists: true, linkFree: false }, settings);
  const writes = undoWrites(plan);
  const push = xpmPushFromPlan(record, { direction: 'to_app', fields: writes.fields.map((f) => ({ ...f, field: f.field as ClientField })), contacts: null }, []);
  const after = isEmptyPush(push) || record.archived ? null : await send(xpm, change.externalId, push, source.syncData === 'client_name' ? 'client_name' : 'everything');
  const counts = { [counterFor(plan, after !== null)]: 1 } as Partial<Record<RunCounter, number>>;
  await db.transaction(async (tx) => {
    if (after) {
      const syncedHash = await storeSentRecord(tx, run, change.externalId, after);
      // Our content as it is: the next To-XPM run finds the link in step and does not send the run's values again.
      const contentHash = (await contentHashes(tx, source.practiceId, source.syncData, [change.clientId])).get(change.clientId) ?? null;
      if (contentHash)
        await recordPush(tx, actor, source.app, { clientId: change.clientId, externalId: change.externalId, contentHash, syncedHash, fields: push.fields, contacts: null });
    }
    await recordBatchProgress(tx, actor, actor.syncRunId!, { processed: 1, cursor: change.externalId, counts });
  });
  return counts;
}

/** Whether another run of the app is queued or running (the undo would be refused). */
export async function activeRunOf(db: Database, practiceId: string, app: 'xpm' | 'gusto'): Promise<string | null> {
  const [row] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, practiceId), eq(syncRuns.app, app), sql`${syncRuns.status} in ('queued', 'running')`))
    .limit(1);
  return row?.id ?? null;
}
