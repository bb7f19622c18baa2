import { sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import type { Actor } from '@/lib/commands/actor';
import { loadClientsForSync, type PushRecorded, recordPush, type SyncedClient } from '@/lib/commands/client-sync-batch';
import { recordBatchProgress, recordRunErrors, recordRunSkips, type RunCounter } from '@/lib/commands/sync-runs';
import { directoryRow, upsertDirectory } from '@/lib/integrations/directory-upsert';
import { practiceXpmClient } from '@/lib/integrations/grant-clients';
import { describeErrorForPeople } from '@/lib/log-safe-error';
import { isProviderError, ProviderError, type ProviderErrorKind } from '@/lib/providers/errors';
import type { XpmClient, XpmSyncData } from '@/lib/providers/xpm';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { planRecord } from '@/lib/sync/plan/field-changes';
import type { SyncData } from '@/lib/sync/rules/types';
import { contentHashes, type PushItem, selectPushWork } from './push-select';
import { isEmptyPush, xpmPushFromPlan, type XpmPush } from './push-plan';
import { syncedHashSql, textArray } from './select-work';

/**
 * The apply stage of a To-XPM run (docs/sync-engine.md "To XPM"). The read stage has just
 * refreshed the directory, so XPM's values are minutes old at most; then, for each linked
 * client whose synced content changed since it was last pushed:
 *
 * 1. plan against the directory record (planRecord, direction `to_app`): an empty plan costs
 *    no call to XPM and only marks the link in step;
 * 2. send over the network, outside any transaction: the adapter reads, merges and sends
 *    the whole record; contacts go through the contact calls;
 * 3. one short transaction: the record as XPM now holds it into the directory, the link's
 *    pushed hash and synced hash (so the next From-XPM read finds no change — no echo), the
 *    run's change row with the fields sent, the counters and the cursor.
 *
 * A record XPM refuses fails alone (sync_run_errors, plain message); a limit or a lost
 * connection stops the run with a readable message, and what was sent stands.
 */
export type PushOutcome = { kind: 'done'; failed: number; processed: number } | { kind: 'stopped' } | { kind: 'halted'; error: ProviderError; processed: number };

export interface PushRun {
  id: string;
  practiceId: string;
  app: 'xpm' | 'gusto';
  syncData: SyncData;
  onlyExternalIds: string[] | null;
  cursor: string | null;
  processed: number;
}

/** Clients loaded and planned together; each is then sent and recorded on its own. */
const PUSH_BATCH = 20;

/** These mean every following call would fail the same way: the run stops instead. */
export const HALTS_RUN: ReadonlySet<ProviderErrorKind> = new Set(['rate_limited', 'reauth_required', 'auth_expired', 'forbidden']);

export async function selectPush(db: Database, run: PushRun & { settled?: ReadonlySet<string> }) {
  return selectPushWork(db, run);
}

export async function pushRecords(db: Database, actor: Actor, run: PushRun, items: PushItem[], signal?: AbortSignal): Promise<PushOutcome> {
  if (items.length === 0) return { kind: 'done', failed: 0, processed: 0 };
  const xpm = await practiceXpmClient(db, run.practiceId);
  let failed = 0;
  let processed = 0;
  for (let start = 0; start < items.length; start += PUSH_BATCH) {
    const batch = items.slice(start, start + PUSH_BATCH);
    const loaded = await db.transaction(async (tx) => {
      const clientIds = [...new Set(batch.map((i) => i.clientId))];
      const locals = await loadClientsForSync(tx, actor, clientIds);
      const hashes = await contentHashes(tx, actor.practiceId, run.syncData, clientIds);
      const records = await queryRows<{ external_id: string; payload: CanonicalClient | string }>(
        tx,
        sql`select d.external_id, d.payload from directory_records d
            where d.practice_id = ${run.practiceId} and d.app = ${run.app} and d.external_id = any(${textArray(batch.map((i) => i.externalId))})`,
      );
      return { locals, hashes, records: new Map(records.map((r) => [r.external_id, typeof r.payload === 'string' ? (JSON.parse(r.payload) as CanonicalClient) : r.payload])) };
    });
    for (const item of batch) {
      if (signal?.aborted) return { kind: 'stopped' };
      const local = loaded.locals.get(item.clientId);
      const contentHash = loaded.hashes.get(item.clientId);
      let counts: Partial<Record<RunCounter, number>>;
      try {
        if (!local || !contentHash || local.archived) {
          counts = { unchanged: 1 }; // archived or gone since the work was chosen
          await db.transaction((tx) => recordBatchProgress(tx, actor, run.id, { processed: 1, cursor: item.externalId, counts }));
        } else {
          counts = await pushOne(db, actor, run, xpm, item, local, contentHash, loaded.records.get(item.externalId) ?? null);
        }
      } catch (error) {
        if (isProviderError(error) && HALTS_RUN.has(error.kind)) return { kind: 'halted', error, processed };
        await recordFailure(db, actor, run, item, loaded.records.get(item.externalId)?.name ?? null, error);
        counts = { failed: 1 };
      }
      processed += 1;
      failed += counts.failed ?? 0;
    }
  }
  return { kind: 'done', failed, processed };
}

async function pushOne(
  db: Database,
  actor: Actor,
  run: PushRun,
  xpm: XpmClient,
  item: PushItem,
  local: SyncedClient,
  contentHash: string,
  known: CanonicalClient | null,
): Promise<Partial<Record<RunCounter, number>>> {
  const record = known ?? (await readOne(xpm, item.externalId));
  if (record.archived) {
    // Archived or deleted in XPM: nothing is sent to it; the From side marks the link.
    await db.transaction(async (tx) => {
      await recordRunSkips(tx, actor, run, [{ externalId: item.externalId, reason: 'archived_in_app' }]);
      await recordBatchProgress(tx, actor, run.id, { processed: 1, cursor: item.externalId, counts: { skipped: 1 } });
    });
    return { skipped: 1 };
  }
  const plan = planRecord(local, record, { syncData: run.syncData, direction: 'to_app' });
  const push = xpmPushFromPlan(record, plan, local.contacts);
  const after = isEmptyPush(push) ? null : await send(xpm, item.externalId, push, run.syncData === 'client_name' ? 'client_name' : 'everything');
  const counts = { [after ? 'updated' : 'unchanged']: 1 } as Partial<Record<RunCounter, number>>;
  await db.transaction(async (tx) => {
    const syncedHash = after ? await storeSentRecord(tx, run, item.externalId, after) : null;
    const pushed: PushRecorded = {
      clientId: item.clientId,
      externalId: item.externalId,
      contentHash,
      syncedHash,
      fields: after ? push.fields : [],
      contacts: after ? push.contacts : null,
    };
    await recordPush(tx, actor, run.app, pushed);
    await recordBatchProgress(tx, actor, run.id, { processed: 1, cursor: item.externalId, counts });
  });
  return counts;
}

/**
 * The record as the app holds it after a send, into the directory; returns the link's new
 * synced hash, so the next From read finds no change (no echo). Inside the send's short transaction.
 */
export async function storeSentRecord(
  tx: Transaction,
  run: { practiceId: string; app: 'xpm' | 'gusto'; syncData: SyncData },
  externalId: string,
  after: CanonicalClient,
): Promise<string | null> {
  const grant = await queryRows<{ grant_id: string | null }>(
    tx,
    sql`select grant_id from directory_records where practice_id = ${run.practiceId} and app = ${run.app} and external_id = ${externalId}`,
  );
  await upsertDirectory(tx, [directoryRow(run.practiceId, grant[0]?.grant_id ?? null, after)]);
  const [row] = await queryRows<{ hash: string }>(
    tx,
    sql`select ${syncedHashSql(sql`d.payload_hash`, run.syncData)} as hash from directory_records d
        where d.practice_id = ${run.practiceId} and d.app = ${run.app} and d.external_id = ${externalId}`,
  );
  return row?.hash ?? null;
}

/** Sends one record's changes; returns the record as XPM now holds it. */
export async function send(xpm: XpmClient, uuid: string, push: XpmPush, syncData: XpmSyncData): Promise<CanonicalClient> {
  // The adapter reads XPM's record, merges, and sends it whole in XPM's request form (Client name: the name only).
  let after: CanonicalClient | null = Object.keys(push.patch).length > 0 ? await xpm.updateClient(uuid, push.patch, { syncData }) : null;
  for (const call of push.contactCalls) {
    if (call.kind === 'add') await xpm.addContact(uuid, call.contact);
    else await xpm.updateContact(uuid, call.contactUuid, call.patch); // with the client's UUID, so XPM keeps Position and IsPrimary
  }
  // Contact calls answer with the contact alone: read the record back, as the next list will show it.
  if (push.contactCalls.length > 0 || !after) after = await readOne(xpm, uuid);
  return after;
}

export async function readOne(xpm: XpmClient, uuid: string): Promise<CanonicalClient> {
  const result = await xpm.getClient(uuid);
  if (result.ok) return result.record;
  throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: `XPM's record could not be read: ${result.error}` });
}

async function recordFailure(db: Database, actor: Actor, run: PushRun, item: PushItem, knownName: string | null, error: unknown): Promise<void> {
  const [client] = await queryRows<{ name: string }>(db, sql`select name from clients where practice_id = ${run.practiceId} and id = ${item.clientId}`);
  const name = client?.name ?? knownName;
  const why = isProviderError(error) ? ` XPM said: ${error.message}` : '';
  await db.transaction(async (tx) => {
    await recordRunErrors(tx, actor, run.id, [
      {
        externalId: item.externalId,
        recordName: name,
        message: `${name ? `“${name}”` : 'This client'} could not be sent to XPM, so XPM keeps its current details.${why} Retry it, and if it fails again, check the record in XPM.`,
        detail: describeErrorForPeople(error),
      },
    ]);
    await recordBatchProgress(tx, actor, run.id, { processed: 1, cursor: item.externalId, counts: { failed: 1 } });
  });
}
