import { is, SQL, sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import { runsOnCallerThread } from '@/db/busy';
import { concurrently } from '@/db/concurrently';
import { pipeline, type PipelinedStatement } from '@/db/pipeline';
import type { Actor } from '@/lib/commands/actor';
import {
  createClientsForImport,
  deleteUnlinkedImports,
  type InboundApply,
  inboundChangeStatements,
  insertAutoLinks,
  type LinkStatusValue,
  loadClientsForSync,
  type SyncedClient,
} from '@/lib/commands/client-sync-batch';
import { batchProgressUpdate, recordBatchProgress, recordRunErrors, type RunCounter, runSkipsInsert } from '@/lib/commands/sync-runs';
import { describeErrorForPeople } from '@/lib/log-safe-error';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { maskedTaxNumberOf } from '@/lib/sync/mapping/client-from-canonical';
import { isEmptyPlan, planRecord } from '@/lib/sync/plan/field-changes';
import type { SyncData } from '@/lib/sync/rules/types';
import { syncedHashSql, textArray, type WorkItem } from './select-work';

/**
 * Step 4 of a run: one batch, one transaction — links made, each record planned with
 * planRecord, clients/contacts/provenance/change rows/link hashes written in bulk, and the
 * run's counters, cursor and heartbeat moved, all committed together or not at all.
 */
export interface BatchRun {
  id: string;
  practiceId: string;
  app: 'xpm' | 'gusto';
  syncData: SyncData;
}

export type BatchCounts = Partial<Record<RunCounter, number>>;

export interface RecordRow {
  external_id: string;
  name: string;
  payload: CanonicalClient;
  target_hash: string;
  link_status: LinkStatusValue | null;
  link_client_id: string | null;
}

/** The batch's records and their links: two lookups by unique key, whatever the planner's statistics. */
export async function loadRecords(tx: Database | Transaction, run: BatchRun, externalIds: string[]): Promise<Map<string, RecordRow>> {
  const ids = textArray(externalIds);
  // Both at once where the database allows (db/concurrently.ts): on PGlite in its thread, one round trip.
  const [records, links] = await concurrently(tx, [
    () =>
      queryRows<Omit<RecordRow, 'link_status' | 'link_client_id'>>(
        tx,
        sql`select d.external_id, d.name, d.payload, ${syncedHashSql(sql`d.payload_hash`, run.syncData)} as target_hash
        from directory_records d
        where d.practice_id = ${run.practiceId} and d.app = ${run.app} and d.external_id = any(${ids})`,
      ),
    () =>
      queryRows<{ external_id: string; status: LinkStatusValue; client_id: string }>(
        tx,
        sql`select l.external_id, l.status, l.client_id from client_links l
        where l.practice_id = ${run.practiceId} and l.app = ${run.app} and l.external_id = any(${ids})`,
      ),
  ]);
  const linkOf = new Map(links.map((l) => [l.external_id, l]));
  return new Map(
    records.map((r) => [
      r.external_id,
      {
        ...r,
        payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as CanonicalClient) : r.payload,
        link_status: linkOf.get(r.external_id)?.status ?? null,
        link_client_id: linkOf.get(r.external_id)?.client_id ?? null,
      },
    ]),
  );
}

const add = (counts: BatchCounts, counter: RunCounter) => {
  counts[counter] = (counts[counter] ?? 0) + 1;
};

/**
 * PGlite on the caller's own thread (tests, scripts) runs each statement there and resolves it
 * without a macrotask, so a whole batch would otherwise hold the event loop: there a turn of
 * the loop goes between statements. The app runs PGlite in a worker thread, where waiting a
 * turn would only hold the connection longer (db/pipeline.ts); on PostgreSQL the wait is on
 * the network anyway.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Records per multi-row statement: an idle-paced batch (./pace.ts) in one statement per table.
 * A larger batch (one transaction, one commit) is written a slice at a time. The app runs
 * PGlite in a worker thread (db/pglite-thread.ts), so a long statement does not hold the app's
 * event loop; fewer, larger statements cut a 20,000-record run from ~1,250 to ~1,700
 * records/s on PGlite (`npm run bench:sync`, event-loop lag p99 20–30 ms), and people using
 * the app get small batches anyway (the foreground pace).
 */
export const RECORDS_PER_STATEMENT = 500;

/**
 * GIN indexes (the picker's trigram search) collect new entries in a pending list and merge
 * it into the index when it outgrows this limit; merging the default 4 MB at once holds the
 * thread for well over 100 ms on PGlite, and every search scans the list in full until then.
 * Smaller lists merge in shorter, more frequent steps.
 */
const GIN_PENDING_LIST_LIMIT_KB = 512;

/**
 * One batch's transaction. Per slice: its reads (records and links, then the clients, locked),
 * the plan, then its writes sent together (db/pipeline.ts) — the last slice's with the run's
 * progress — so the transaction holds the connection for about 4 round trips plus the
 * database's own work, however busy the app's event loop is.
 */
async function applyInTransaction(
  tx: Transaction,
  actor: Actor,
  run: BatchRun,
  items: WorkItem[],
  perStatement = RECORDS_PER_STATEMENT,
  onCallerThread = false,
): Promise<BatchCounts> {
  // Only the writes need it, and they come after the reads below: sent with the first slice's reads.
  const setPendingListLimit = () => tx.execute(sql.raw(`set local gin_pending_list_limit = ${GIN_PENDING_LIST_LIMIT_KB}`));
  const counts: BatchCounts = {};
  for (let start = 0; start < items.length; start += perStatement) {
    if (start > 0 && onCallerThread) await breathe();
    const [, statements] = await concurrently(tx, [
      () => (start === 0 ? setPendingListLimit() : Promise.resolve(undefined)),
      () => planSliceWrites(tx, actor, run, items.slice(start, start + perStatement), counts, onCallerThread),
    ]);
    if (start + perStatement >= items.length) {
      statements.push(batchProgressUpdate(tx, actor, run.id, { processed: items.length, cursor: items.at(-1)!.externalId, counts }));
    }
    if (!onCallerThread) await pipeline(tx, statements);
    else {
      for (const statement of statements) {
        await breathe();
        await (is(statement, SQL) ? tx.execute(statement) : statement);
      }
    }
  }
  return counts;
}

/**
 * What applying these records would do, record by record (pure: the preview runs exactly this,
 * without the writes). `linkedNow`: the auto-links that were made (a preview assumes all are).
 * `skipped`, when given, collects the ids it counts as skipped, for the run page to name.
 */
export function planSlice(
  syncData: SyncData,
  items: readonly WorkItem[],
  records: ReadonlyMap<string, RecordRow>,
  locals: ReadonlyMap<string, SyncedClient>,
  linkedNow: ReadonlySet<string>,
  counts: BatchCounts,
  skipped: string[] = [],
): InboundApply[] {
  const clientIdOf = (item: WorkItem) => (item.kind !== 'linked' ? item.clientId : (records.get(item.externalId)?.link_client_id ?? item.clientId));
  const applies: InboundApply[] = [];
  for (const item of items) {
    const record = records.get(item.externalId);
    if (item.kind === 'import' && item.clientId === null) {
      // Planned before the client exists (a preview): it would be created from the record.
      if (!record || record.link_status !== null || record.payload.archived) {
        add(counts, 'skipped');
        skipped.push(item.externalId);
      } else {
        applies.push({ clientId: '', externalId: item.externalId, linkHash: record.target_hash, linkStatus: 'active', kind: 'created', client: null, fields: [], contacts: null });
        add(counts, 'created');
      }
      continue;
    }
    const local = locals.get(clientIdOf(item) ?? '');
    if (item.kind !== 'linked' && !linkedNow.has(item.externalId)) {
      add(counts, 'skipped'); // linked by a person meanwhile, or the client was: leave it to them
      skipped.push(item.externalId);
      continue;
    }
    if (!record || !local) {
      add(counts, 'unchanged'); // gone from the directory or the link since the work was chosen
      continue;
    }
    const payload = record.payload;
    const base = { clientId: local.id, externalId: item.externalId, linkHash: record.target_hash };
    if (payload.archived) {
      // Marks the link; never archives or changes the client (DESIGN §3 "Nothing is lost").
      const changed = record.link_status === 'active' || item.kind === 'auto_link';
      applies.push({ ...base, linkStatus: 'external_archived', kind: changed ? 'link_archived' : null, client: null, fields: [], contacts: null });
      add(counts, 'unchanged');
      continue;
    }
    const plan = planRecord(local, payload, { syncData, direction: 'from_app' });
    const restored = record.link_status !== null && record.link_status !== 'active';
    const client = plan.fields.length > 0 ? { ...local.client, ...Object.fromEntries(plan.fields.map((f) => [f.field, f.after])) } : null;
    const kind = item.kind === 'import' ? 'created' : item.kind === 'auto_link' ? 'linked' : restored ? 'link_restored' : isEmptyPlan(plan) ? null : 'updated';
    // Under Client name only, the tax number is not the run's to touch, masked or not.
    const taxNumberMasked = syncData === 'everything' ? maskedTaxNumberOf(payload) : null;
    applies.push({ ...base, linkStatus: 'active', kind, client, fields: plan.fields, contacts: plan.contacts, taxNumberMasked });
    add(counts, item.kind === 'import' ? 'created' : item.kind === 'auto_link' ? 'linked' : isEmptyPlan(plan) ? 'unchanged' : 'updated');
  }
  return applies;
}

/** The clients the batch's records are (or become) linked to. */
export function clientIdsOf(items: readonly WorkItem[], records: ReadonlyMap<string, RecordRow>): string[] {
  const ids = items.map((item) => (item.kind !== 'linked' ? item.clientId : (records.get(item.externalId)?.link_client_id ?? item.clientId)));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/**
 * Imports (a run option): each still-unlinked live record gets a new client, linked like an
 * auto-link (audited as the run's). The client starts with an empty name and every value —
 * the name too — comes from the planner, so its provenance and change row say this run wrote
 * it, exactly as for an update. A record linked by a person meanwhile keeps that link; the
 * client made for it is removed in the same transaction.
 */
async function createImports(
  tx: Transaction,
  actor: Actor,
  run: BatchRun,
  items: WorkItem[],
  records: ReadonlyMap<string, RecordRow>,
): Promise<{ items: WorkItem[]; linked: Set<string> }> {
  const wanted = items.filter((i) => i.kind === 'import' && records.get(i.externalId)?.link_status === null && !records.get(i.externalId)?.payload.archived);
  if (wanted.length === 0) return { items, linked: new Set() };
  const created = await createClientsForImport(
    tx,
    actor,
    wanted.map((i) => i.externalId),
  );
  const linked = await insertAutoLinks(
    tx,
    actor,
    run.app,
    [...created].map(([externalId, clientId]) => ({ externalId, clientId })),
  );
  await deleteUnlinkedImports(
    tx,
    actor,
    [...created].filter(([externalId]) => !linked.has(externalId)).map(([, clientId]) => clientId),
  );
  return { items: items.map((i) => (i.kind === 'import' ? { ...i, clientId: created.get(i.externalId) ?? null } : i)), linked };
}

/**
 * Reads and plans one slice of a batch, adding to the batch's `counts`; returns its writes,
 * in order, for the caller to send (imports and auto-links are written here: later reads
 * depend on them, and they are rare).
 */
async function planSliceWrites(tx: Transaction, actor: Actor, run: BatchRun, selected: WorkItem[], counts: BatchCounts, onCallerThread: boolean): Promise<PipelinedStatement[]> {
  const records = await loadRecords(
    tx,
    run,
    selected.map((i) => i.externalId),
  );
  const imports = await createImports(tx, actor, run, selected, records);
  const items = imports.items;
  const autoLinked = await insertAutoLinks(
    tx,
    actor,
    run.app,
    items.flatMap((i) => (i.kind === 'auto_link' && records.get(i.externalId)?.link_status === null ? [{ externalId: i.externalId, clientId: i.clientId }] : [])),
  );
  const linkedNow = new Set([...autoLinked, ...imports.linked]);
  if (onCallerThread) await breathe();
  const locals = await loadClientsForSync(tx, actor, clientIdsOf(items, records));
  if (onCallerThread) await breathe();
  const skipped: string[] = [];
  const applies = planSlice(run.syncData, items, records, locals, linkedNow, counts, skipped);
  const statements = inboundChangeStatements(actor, run.app, applies);
  // The records the run chose were unlinked when it chose them: a skip here of a record still
  // live is a link a person made while the run went (to the record, or to its client). One
  // archived or gone meanwhile (a refresh beside the run; rare) is counted, not named.
  const linkedMeanwhile = skipped.filter((externalId) => records.get(externalId) && !records.get(externalId)!.payload.archived);
  if (linkedMeanwhile.length > 0)
    statements.push(
      runSkipsInsert(
        actor,
        run,
        linkedMeanwhile.map((externalId) => ({ externalId, reason: 'linked_meanwhile' as const })),
      ),
    );
  return statements;
}

/**
 * Applies one batch. If it throws, it is rolled back and applied again record by record, so
 * one bad record fails alone: its error is recorded (plain message, raw detail) and the
 * others commit.
 */
export async function applyBatch(db: Database, actor: Actor, run: BatchRun, items: WorkItem[], recordsPerStatement?: number): Promise<BatchCounts> {
  if (items.length === 0) return {};
  const onCallerThread = runsOnCallerThread(db);
  try {
    return await db.transaction((tx) => applyInTransaction(tx, actor, run, items, recordsPerStatement, onCallerThread));
  } catch (error) {
    if (items.length === 1) return recordFailure(db, actor, run, items[0]!, error);
  }
  const total: BatchCounts = {};
  for (const item of items) {
    let counts: BatchCounts;
    try {
      counts = await db.transaction((tx) => applyInTransaction(tx, actor, run, [item], undefined, onCallerThread));
    } catch (error) {
      counts = await recordFailure(db, actor, run, item, error);
    }
    for (const [counter, n] of Object.entries(counts) as [RunCounter, number][]) total[counter] = (total[counter] ?? 0) + n;
  }
  return total;
}

async function recordFailure(db: Database, actor: Actor, run: BatchRun, item: WorkItem, error: unknown): Promise<BatchCounts> {
  const [record] = await queryRows<{ name: string }>(
    db,
    sql`select name from directory_records where practice_id = ${run.practiceId} and app = ${run.app} and external_id = ${item.externalId}`,
  );
  const label = run.app === 'xpm' ? 'XPM' : 'Gusto';
  await db.transaction(async (tx) => {
    await recordRunErrors(tx, actor, run.id, [
      {
        externalId: item.externalId,
        recordName: record?.name ?? null,
        message: `${record ? `“${record.name}”` : `This ${label} record`} could not be applied, so the client keeps its current details. Retry it, and if it fails again, check the record in ${label}.`,
        detail: describeErrorForPeople(error),
      },
    ]);
    await recordBatchProgress(tx, actor, run.id, { processed: 1, cursor: item.externalId, counts: { failed: 1 } });
  });
  return { failed: 1 };
}
