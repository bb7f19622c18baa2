import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import { SYNCED_CLIENT_COLUMNS } from '@/lib/commands/client-sync-batch';
import type { SyncData } from '@/lib/sync/rules/types';
import { textArray } from './select-work';

/**
 * Which linked clients a To-an-app run looks at, decided in SQL: active links of active
 * clients whose synced content — per Sync data: the name alone, or every synced column and
 * the contact list — hashes differently from the link's `last_pushed_hash` (what was last
 * pushed, or found already in step). A replay selects nothing; changing Sync data re-plans
 * every link, as the From runs do.
 */
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** md5 of client `c`'s synced content under `syncData` (SQL over the alias `c`). */
export function contentHashSql(syncData: SyncData): SQL {
  if (syncData === 'client_name') return sql`md5(c.name || ':client_name')`;
  const columns = sql.raw(SYNCED_CLIENT_COLUMNS.map((column) => `c.${snake(column)}`).join(', '));
  return sql`md5(jsonb_build_array(${columns})::text || ':' || coalesce((
      select jsonb_agg(jsonb_build_array(cc.name, cc.email, cc.phone, cc.mobile, cc.salutation, cc.position, cc.is_primary) order by cc.sort_order, cc.id)::text
      from client_contacts cc where cc.practice_id = c.practice_id and cc.client_id = c.id), '[]') || ':' || ${syncData}::text)`;
}

export interface PushItem {
  externalId: string;
  clientId: string;
}

export interface PushScope {
  practiceId: string;
  app: 'xpm' | 'gusto';
  syncData: SyncData;
  onlyExternalIds: string[] | null;
  cursor: string | null;
  /** Records this run already sent, failed or skipped, left out (./settled-records.ts). */
  settled?: ReadonlySet<string>;
}

export async function selectPushWork(db: Database | Transaction, scope: PushScope): Promise<{ items: PushItem[]; unchanged: number }> {
  if (scope.syncData === 'nothing') return { items: [], unchanged: 0 };
  const parts = [sql`l.practice_id = ${scope.practiceId}`, sql`l.app = ${scope.app}`, sql`l.status = 'active'`, sql`c.archived_at is null`];
  if (scope.cursor !== null) parts.push(sql`l.external_id collate "C" > ${scope.cursor}`);
  if (scope.onlyExternalIds) parts.push(sql`l.external_id = any(${textArray(scope.onlyExternalIds)})`);
  const rows = await queryRows<{ external_id: string; client_id: string; in_step: boolean }>(
    db,
    sql`select l.external_id, l.client_id, l.last_pushed_hash is not distinct from ${contentHashSql(scope.syncData)} as in_step
        from client_links l
        join clients c on c.practice_id = l.practice_id and c.id = l.client_id
        where ${sql.join(parts, sql` and `)}
        order by l.external_id collate "C"`,
  );
  const outOfStep = rows.filter((r) => !r.in_step);
  const items = outOfStep.filter((r) => !scope.settled?.has(r.external_id)).map((r) => ({ externalId: r.external_id, clientId: r.client_id }));
  return { items, unchanged: rows.length - outOfStep.length };
}

/** The content hashes of some clients now (read in the transaction that loads them, so they agree). */
export async function contentHashes(tx: Transaction, practiceId: string, syncData: SyncData, clientIds: readonly string[]): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; hash: string }>(
    tx,
    sql`select c.id, ${contentHashSql(syncData)} as hash from clients c
        where c.practice_id = ${practiceId} and c.id = any(array(select jsonb_array_elements_text(${JSON.stringify(clientIds)}::jsonb)::uuid))`,
  );
  return new Map(rows.map((r) => [r.id, r.hash]));
}
