import { and, eq, sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import { connections } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import { loadClientsForSync } from '@/lib/commands/client-sync-batch';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { type FieldChange, planRecord } from '@/lib/sync/plan/field-changes';
import { guardFacts, type GuardVerdict, massChangeVerdict, type PlannedClientChange } from '@/lib/sync/plan/mass-change-guard';
import type { SyncData, SyncDirection } from '@/lib/sync/rules/types';
import { type BatchCounts, clientIdsOf, loadRecords, planSlice } from './apply-batch';
import { type PushItem, selectPushWork } from './push-select';
import { isEmptyPush, xpmPushFromPlan } from './push-plan';
import { SKIPS_SHOWN } from '@/lib/sync/runs/skip-reason-values';
import type { SkippedRecord } from './auto-link';
import { selectWork, textArray, type WorkItem } from './select-work';

/**
 * What a run would do right now, without doing it (issue 12, requirement 1): the same work
 * selection and the same per-record planner as a run, minus the apply step. It reads the
 * directory as it stands — no refresh, so no call to any app — inside a READ ONLY transaction,
 * so the database itself refuses any write; and it says how old that directory is.
 */
export interface PreviewChange {
  clientId: string;
  clientName: string;
  externalId: string;
  kind: 'updated' | 'linked' | 'created' | 'link_archived' | 'link_restored' | 'sent';
  fields: FieldChange[];
  /** Contact names before → after, when the contacts would change. */
  contacts: { before: string[]; after: string[] } | null;
}

export interface SyncPreview {
  app: 'xpm' | 'gusto';
  direction: SyncDirection;
  syncData: SyncData;
  /** When the directory the preview planned from was last refreshed; null if never. */
  dataAsOf: Date | null;
  counts: { created: number; linked: number; updated: number; unchanged: number; skipped: number; failed: number; linksArchived: number };
  /** The clients that would change, the first `maxChanges` of them by external id. */
  changes: PreviewChange[];
  changeCount: number;
  /**
   * Records a sync would leave for a person because their name is shared (the first
   * SKIPS_SHOWN, or `maxChanges` if fewer, by name): the run page names the same ones once it has run.
   */
  skips: { externalId: string; recordName: string | null; reason: SkippedRecord['reason'] }[];
  /** How many such records in all (`skips` holds the first of them). */
  skipTotal: number;
  /** The mass-change guard's verdict on the whole plan (a scheduled run like it would wait for review). */
  guard: GuardVerdict;
}

export interface PreviewScope {
  practiceId: string;
  app: 'xpm' | 'gusto';
  direction: SyncDirection;
  syncData: SyncData;
  /** Only these external records (a paused run scoped by a webhook or a retry); every record when absent. */
  onlyExternalIds?: string[] | null;
  /** The run option: unlinked records that match no client would become new clients. */
  importUnlinked?: boolean;
}

/** Records planned per read: a preview of thousands of records never holds them all at once. */
const PREVIEW_CHUNK = 500;

export async function previewSync(db: Database, scope: PreviewScope, options: { maxChanges?: number } = {}): Promise<SyncPreview> {
  const maxChanges = options.maxChanges ?? 200;
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    const preview: SyncPreview = {
      ...scope,
      dataAsOf: await directoryAge(tx, scope),
      counts: { created: 0, linked: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, linksArchived: 0 },
      changes: [],
      changeCount: 0,
      skips: [],
      skipTotal: 0,
      guard: { kind: 'apply' },
    };
    if (scope.syncData === 'nothing') return preview;
    const planned: PlannedClientChange[] = [];
    if (scope.direction === 'to_app') {
      if (scope.app === 'xpm') await previewPush(tx, scope, preview, maxChanges, planned);
    } else {
      await previewInbound(tx, scope, preview, maxChanges, planned);
    }
    preview.guard = massChangeVerdict(guardFacts(await activeLinks(tx, scope), planned));
    return preview;
  });
}

/**
 * The planner over selected work, a chunk at a time, without writing: what each record's
 * apply would do (`applies`), with the clients as they are now (`locals`). The preview and
 * the mass-change guard both use it; a run's apply stage runs the same planSlice with writes.
 */
export async function* planInboundWork(tx: Transaction, scope: Pick<PreviewScope, 'practiceId' | 'app' | 'syncData'>, items: readonly WorkItem[]) {
  const actor = systemActor(scope.practiceId, 'manual');
  const run = { id: 'plan', practiceId: scope.practiceId, app: scope.app, syncData: scope.syncData };
  for (let start = 0; start < items.length; start += PREVIEW_CHUNK) {
    const chunk = items.slice(start, start + PREVIEW_CHUNK);
    const records = await loadRecords(
      tx,
      run,
      chunk.map((i) => i.externalId),
    );
    // A run links every auto-link that is still free when it gets there; planning assumes it will.
    const wouldLink = new Set(chunk.filter((i) => i.kind === 'auto_link' && records.get(i.externalId)?.link_status === null).map((i) => i.externalId));
    const locals = await loadClientsForSync(tx, actor, clientIdsOf(chunk, records), { lock: false });
    const names = new Map([...records].map(([externalId, record]) => [externalId, record.name]));
    yield { ...planChunk(scope.syncData, chunk, records, locals, wouldLink), locals, names };
  }
}

/**
 * A record the planner cannot handle (a malformed stored payload) fails alone, as it would in
 * the run's apply: the chunk is planned again record by record and that one is counted failed.
 */
function planChunk(
  syncData: SyncData,
  chunk: readonly WorkItem[],
  records: Parameters<typeof planSlice>[2],
  locals: Parameters<typeof planSlice>[3],
  wouldLink: ReadonlySet<string>,
): { applies: ReturnType<typeof planSlice>; counts: BatchCounts } {
  try {
    const counts: BatchCounts = {};
    return { applies: planSlice(syncData, chunk, records, locals, wouldLink, counts), counts };
  } catch {
    const counts: BatchCounts = {};
    const applies = chunk.flatMap((item) => {
      try {
        return planSlice(syncData, [item], records, locals, wouldLink, counts);
      } catch {
        counts.failed = (counts.failed ?? 0) + 1;
        return [];
      }
    });
    return { applies, counts };
  }
}

async function previewInbound(tx: Transaction, scope: PreviewScope, preview: SyncPreview, maxChanges: number, planned: PlannedClientChange[]): Promise<void> {
  const work = await selectWork(tx, {
    practiceId: scope.practiceId,
    app: scope.app,
    syncData: scope.syncData,
    onlyExternalIds: scope.onlyExternalIds ?? null,
    cursor: null,
    importUnlinked: scope.importUnlinked === true,
  });
  preview.counts.skipped += work.skipped.length;
  preview.skips = await namedSkips(tx, scope, work.skipped, Math.min(maxChanges, SKIPS_SHOWN));
  preview.skipTotal = work.skipped.length;
  preview.counts.unchanged += work.unchanged;
  for await (const { applies, locals, names, counts } of planInboundWork(tx, scope, work.items)) {
    preview.counts.created += counts.created ?? 0;
    preview.counts.linked += counts.linked ?? 0;
    preview.counts.updated += counts.updated ?? 0;
    preview.counts.unchanged += counts.unchanged ?? 0;
    preview.counts.skipped += counts.skipped ?? 0;
    preview.counts.failed += counts.failed ?? 0;
    for (const apply of applies) {
      if (apply.kind === null) continue;
      if (apply.kind === 'link_archived') preview.counts.linksArchived += 1;
      preview.changeCount += 1;
      planned.push({ fields: apply.fields, newLink: apply.kind === 'linked' });
      if (preview.changes.length >= maxChanges) continue;
      preview.changes.push({
        clientId: apply.clientId,
        // A client the run would create does not exist yet: it takes the record's name.
        clientName: apply.kind === 'created' ? (names.get(apply.externalId) ?? '') : (locals.get(apply.clientId)?.client.name ?? ''),
        externalId: apply.externalId,
        kind: apply.kind as PreviewChange['kind'],
        fields: apply.fields,
        contacts: apply.contacts ? { before: apply.contacts.before.map((c) => c.name), after: apply.contacts.after.map((c) => c.name) } : null,
      });
    }
  }
}

/**
 * To XPM: what a push run would send for each selected link, a chunk at a time, without
 * sending or writing — XPM's side before (the directory record) and ours after. `push` is
 * null for a link the run would skip: the record not in the directory yet, archived in XPM,
 * or the client archived. The preview and the mass-change guard both use it; a run's send
 * stage plans each record the same way (./push.ts).
 */
export async function* planPushWork(tx: Transaction, scope: Pick<PreviewScope, 'practiceId' | 'app' | 'syncData'>, items: readonly PushItem[]) {
  const actor = systemActor(scope.practiceId, 'manual');
  for (let start = 0; start < items.length; start += PREVIEW_CHUNK) {
    const chunk = items.slice(start, start + PREVIEW_CHUNK);
    const locals = await loadClientsForSync(
      tx,
      actor,
      chunk.map((i) => i.clientId),
      { lock: false },
    );
    const rows = await queryRows<{ external_id: string; payload: CanonicalClient | string }>(
      tx,
      sql`select d.external_id, d.payload from directory_records d
          where d.practice_id = ${scope.practiceId} and d.app = ${scope.app} and d.external_id = any(${textArray(chunk.map((i) => i.externalId))})`,
    );
    const recordOf = new Map(rows.map((r) => [r.external_id, typeof r.payload === 'string' ? (JSON.parse(r.payload) as CanonicalClient) : r.payload]));
    for (const item of chunk) {
      const local = locals.get(item.clientId);
      const record = recordOf.get(item.externalId);
      if (!local || local.archived || !record || record.archived) {
        yield { item, clientName: local?.client.name ?? '', push: null };
        continue;
      }
      const push = xpmPushFromPlan(record, planRecord(local, record, { syncData: scope.syncData, direction: 'to_app' }), local.contacts);
      yield { item, clientName: local.client.name, push };
    }
  }
}

/** To XPM: the linked clients whose content changed since their last push, and the fields that would be sent. */
async function previewPush(tx: Transaction, scope: PreviewScope, preview: SyncPreview, maxChanges: number, planned: PlannedClientChange[]): Promise<void> {
  const work = await selectPushWork(tx, { ...scope, onlyExternalIds: scope.onlyExternalIds ?? null, cursor: null });
  preview.counts.unchanged += work.unchanged;
  for await (const { item, clientName, push } of planPushWork(tx, scope, work.items)) {
    // Not in the directory yet, archived upstream, or the client archived: the run reads or skips it.
    if (!push) {
      preview.counts.skipped += 1;
      continue;
    }
    if (isEmptyPush(push)) {
      preview.counts.unchanged += 1;
      continue;
    }
    preview.counts.updated += 1;
    preview.changeCount += 1;
    planned.push({ fields: push.fields });
    if (preview.changes.length < maxChanges) {
      preview.changes.push({
        clientId: item.clientId,
        clientName,
        externalId: item.externalId,
        kind: 'sent',
        fields: push.fields,
        contacts: push.contacts ? { before: push.contacts.before.map((c) => c.name), after: push.contacts.after.map((c) => c.name) } : null,
      });
    }
  }
}

export async function activeLinks(tx: Transaction, scope: Pick<PreviewScope, 'practiceId' | 'app'>): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from client_links where practice_id = ${scope.practiceId} and app = ${scope.app} and status = 'active'`,
  );
  return Number(row?.n ?? 0);
}

async function directoryAge(tx: Transaction, scope: PreviewScope): Promise<Date | null> {
  const [row] = await tx
    .select({ at: connections.directoryRefreshedAt })
    .from(connections)
    .where(and(eq(connections.practiceId, scope.practiceId), eq(connections.app, scope.app)));
  return row?.at ?? null;
}

/**
 * The first `limit` skipped records by name, with their names from the directory: the order
 * and the cap of the run page's list (lib/dal/sync-run-skips.ts), so both name the same ones.
 */
async function namedSkips(tx: Transaction, scope: PreviewScope, skipped: readonly SkippedRecord[], limit: number): Promise<SyncPreview['skips']> {
  if (skipped.length === 0 || limit === 0) return [];
  const reasonOf = new Map(skipped.map((s) => [s.externalId, s.reason]));
  const rows = await queryRows<{ external_id: string; name: string }>(
    tx,
    sql`select d.external_id, d.name from directory_records d
        where d.practice_id = ${scope.practiceId} and d.app = ${scope.app} and d.external_id = any(${textArray([...reasonOf.keys()])})
        order by d.name, d.external_id
        limit ${limit}`,
  );
  return rows.map((r) => ({ externalId: r.external_id, recordName: r.name, reason: reasonOf.get(r.external_id)! }));
}
