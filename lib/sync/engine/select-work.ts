import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows, type Transaction } from '@/db';
import { decideAutoLinks, pairKey, type SkippedRecord } from './auto-link';

/**
 * Step 3 of a run: which directory records the apply stage looks at, decided in SQL.
 *
 * - Linked records whose synced hash differs from the link's `last_synced_hash`. The synced
 *   hash is the payload hash combined with the run's Sync data, so changing Everything →
 *   Client name plans every link again, and a replayed run with no upstream change selects
 *   nothing.
 * - Unlinked, live records whose normalised name equals exactly one unlinked, active
 *   client's: linked automatically (DESIGN §3 Matching). Several clients (or several
 *   records) with that name, or a different tax or business number on the two sides: skipped —
 *   a person chooses. None: not imported,
 *   unless the run asks to import them (`importUnlinked`, the onboarding wizard's first sync):
 *   then each becomes a new client (`import` items), created and linked by the apply stage.
 *
 * Ordered by external id and after the run's cursor, so a resumed run starts where its
 * last committed batch ended (a run widened while it waited has no cursor and starts from its
 * first record); a resumed run also leaves out what it already settled (./settled-records.ts).
 */
export type WorkItem =
  | { kind: 'linked'; externalId: string; clientId: string }
  | { kind: 'auto_link'; externalId: string; clientId: string }
  /** A new client from this record: its id is known once the apply stage has created it. */
  | { kind: 'import'; externalId: string; clientId: string | null };

export interface SelectedWork {
  items: WorkItem[];
  /** Unlinked records whose name matches several clients, or another record, or a client with another number: left for a person, each named on the run page. */
  skipped: SkippedRecord[];
  /** Linked records in scope already in step (their synced hash matches): counted, not touched. */
  unchanged: number;
}

export interface WorkScope {
  practiceId: string;
  app: 'xpm' | 'gusto';
  syncData: string;
  onlyExternalIds: string[] | null;
  cursor: string | null;
  /** Records this run already applied, failed or skipped, left out (./settled-records.ts). */
  settled?: ReadonlySet<string>;
  /** Import unlinked records that match no client (a run option); off unless asked. */
  importUnlinked?: boolean;
}

/** The value stored in `client_links.last_synced_hash` once a record is applied. */
export function syncedHashSql(payloadHash: SQL, syncData: string | SQL): SQL {
  return sql`md5(${payloadHash} || ':' || ${syncData}::text)`;
}

/**
 * Strings as one array parameter, for `= any(…)`: drizzle would spread a JS array into a list
 * of parameters, and `in (select …)` is planned as a scan of the whole directory.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

function scopeFilter(scope: WorkScope): SQL {
  const parts = [sql`d.practice_id = ${scope.practiceId}`, sql`d.app = ${scope.app}`];
  if (scope.cursor !== null) parts.push(sql`d.external_id collate "C" > ${scope.cursor}`);
  if (scope.onlyExternalIds) parts.push(sql`d.external_id = any(${textArray(scope.onlyExternalIds)})`);
  return sql.join(parts, sql` and `);
}

export async function selectWork(db: Database | Transaction, scope: WorkScope): Promise<SelectedWork> {
  if (scope.syncData === 'nothing') return { items: [], skipped: [], unchanged: 0 };
  const linkedInScope = await queryRows<{ external_id: string; client_id: string; in_step: boolean }>(
    db,
    sql`select d.external_id, l.client_id,
               l.last_synced_hash is not distinct from ${syncedHashSql(sql`d.payload_hash`, scope.syncData)} as in_step
        from directory_records d
        join client_links l on l.practice_id = d.practice_id and l.app = d.app and l.external_id = d.external_id
        where ${scopeFilter(scope)}`,
  );
  const linked = linkedInScope.filter((r) => !r.in_step);
  const unlinked = await queryRows<UnlinkedRecord>(
    db,
    sql`select d.external_id, d.normalized_name, d.tax_number, d.business_number
        from directory_records d
        where ${scopeFilter(scope)} and not d.archived
          and not exists (select 1 from client_links l where l.practice_id = d.practice_id and l.app = d.app and l.external_id = d.external_id)`,
  );
  const matched = unlinked.length === 0 ? { items: [], skipped: [] } : await matchByName(db, scope, unlinked, scope.importUnlinked === true);
  const unchanged = linkedInScope.length - linked.length;
  const items: WorkItem[] = [...linked.map((r): WorkItem => ({ kind: 'linked', externalId: r.external_id, clientId: r.client_id })), ...matched.items].filter(
    (item) => !scope.settled?.has(item.externalId),
  );
  // Settled records still took part in the name matching: two records sharing a name are
  // both skipped, even when this run already skipped one of them.
  const skipped = matched.skipped.filter((record) => !scope.settled?.has(record.externalId));
  // Code-unit order, the same as the cursor's `collate "C"` comparison (ids are ASCII).
  items.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
  return { items, skipped, unchanged };
}

interface UnlinkedRecord {
  external_id: string;
  normalized_name: string;
  tax_number: string | null;
  business_number: string | null;
}

/**
 * The pairs of these records and clients that were linked once and taken apart since — by a
 * person's Unlink or Relink, or an undo — from the link audit (decideAutoLinks `apart`). Only
 * this batch's records are looked up, by the audit's before-id.
 */
async function pairsTakenApart(db: Database | Transaction, scope: WorkScope, unlinked: readonly UnlinkedRecord[]): Promise<Set<string>> {
  if (unlinked.length === 0) return new Set();
  const rows = await queryRows<{ client_id: string; external_id: string }>(
    db,
    sql`select distinct a.client_id, a.before_external_id as external_id from client_link_audit a
        where a.practice_id = ${scope.practiceId} and a.app = ${scope.app} and a.action in ('unlink', 'relink')
          and a.before_external_id = any(${textArray(unlinked.map((r) => r.external_id))})`,
  );
  return new Set(rows.map((r) => pairKey(r.client_id, r.external_id)));
}

/**
 * Clients' names are normalised here (normalizeName is code, not SQL); the unlinked active
 * clients of a practice are read once per run, not per record.
 */
async function matchByName(
  db: Database | Transaction,
  scope: WorkScope,
  unlinked: UnlinkedRecord[],
  importUnmatched: boolean,
): Promise<{ items: WorkItem[]; skipped: SkippedRecord[] }> {
  // A client's tax number is whole when typed here or given whole by an app; XPM's masked form
  // is kept apart, and is still evidence when it is all there is (decideAutoLinks).
  const candidates = await queryRows<{ id: string; name: string; tax_number: string | null; business_number: string | null }>(
    db,
    sql`select c.id, c.name, coalesce(c.tax_number, c.tax_number_masked) as tax_number, c.business_number from clients c
        where c.practice_id = ${scope.practiceId} and c.archived_at is null
          and not exists (select 1 from client_links l where l.practice_id = c.practice_id and l.client_id = c.id and l.app = ${scope.app})`,
  );
  const decided = decideAutoLinks(
    unlinked.map((r) => ({ externalId: r.external_id, normalizedName: r.normalized_name, taxNumber: r.tax_number, businessNumber: r.business_number })),
    candidates.map((c) => ({ id: c.id, name: c.name, taxNumber: c.tax_number, businessNumber: c.business_number })),
    await pairsTakenApart(db, scope, unlinked),
  );
  const items = decided.links.map((l): WorkItem => ({ kind: 'auto_link', ...l }));
  if (importUnmatched) items.push(...decided.unmatched.map((externalId): WorkItem => ({ kind: 'import', externalId, clientId: null })));
  return { items, skipped: decided.skipped };
}
