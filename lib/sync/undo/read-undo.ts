import { and, eq, sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import { syncRuns } from '@/db/schema';
import type { Actor } from '@/lib/commands/actor';
import { loadClientsForSync } from '@/lib/commands/client-sync-batch';
import type { CanonicalClient } from '../canonical-client';
import { textArray } from '../engine/select-work';
import { clientFromCanonical } from '../mapping/client-from-canonical';
import type { SyncData } from '../rules/types';
import { type CurrentState, planUndoChange, type RecordedChange, summarizeUndo, type UndoClientPlan, type UndoSettings, type UndoSummary } from './plan-undo';

/**
 * What "Undo this run" reads (docs/sync-engine.md "Undo a run"): the run, its recorded changes
 * (sync_run_changes) a page at a time, and what is there now to compare them with — the
 * clients here, or for a To-app run the app's records as the directory holds them — and the
 * preview, which is the plan without the apply step.
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
export function appValues(record: CanonicalClient) {
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
  /** The first `limit` clients' plans (the list). */
  plans: UndoClientPlan[];
  /** What the undo would do over every recorded change, not only the listed ones. */
  summary: UndoSummary;
  /** How many recorded changes the run has (the preview may show fewer). */
  total: number;
  /** To an app: when the oldest app record compared was last read (the directory); null: the values here. */
  dataAsOf: Date | null;
}

/**
 * The preview: the plan without the apply step, read without locks (it must not hold up a
 * member's save). The list keeps the first `limit` clients; the summary counts every recorded
 * change, a page of `limit` at a time, so its counts are the undo's, however large the run. Each
 * page is read in a short transaction of its own: on PGlite a transaction holds the one
 * connection, and a 20,000-change run read in one would keep every search waiting for it.
 */
export async function previewUndo(db: Database, actor: Actor, source: UndoSource, limit: number): Promise<UndoPreviewData> {
  const settings: UndoSettings = { direction: source.direction, ticked: new Set() };
  const planPage = (after: string | null) =>
    db.transaction(async (tx) => {
      const changes = await readRecordedChanges(tx, source, after, limit);
      const { states } = await currentStates(tx, actor, source, changes, { lock: false });
      return {
        changes,
        plans: changes.map((c) => planUndoChange(c, states.get(c.externalId)!, settings)),
        dataAsOf: after === null ? await oldestRead(tx, source, changes) : null,
      };
    });
  const first = await planPage(null);
  const summary = summarizeUndo(first.plans);
  for (let page = first; page.changes.length === limit; ) {
    page = await planPage(page.changes[page.changes.length - 1]!.externalId);
    const more = summarizeUndo(page.plans);
    for (const key of Object.keys(summary) as (keyof UndoSummary)[]) summary[key] += more[key];
  }
  return { plans: first.plans, summary, total: source.changeCount, dataAsOf: first.dataAsOf };
}

/** To an app: when the oldest of the listed records was last read (the directory); null: the values here. */
async function oldestRead(tx: Transaction, source: UndoSource, changes: readonly RecordedChange[]): Promise<Date | null> {
  if (source.direction !== 'to_app' || changes.length === 0) return null;
  const [row] = await queryRows<{ oldest: string | Date | null }>(
    tx,
    sql`select min(refreshed_at) as oldest from directory_records where practice_id = ${source.practiceId} and app = ${source.app} and external_id = any(${textArray(changes.map((c) => c.externalId))})`,
  );
  return row?.oldest ? new Date(row.oldest) : null;
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
