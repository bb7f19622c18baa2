import 'server-only';
import { sql } from 'drizzle-orm';
import { type Database, type Transaction, queryRows } from '@/db';
import type { AppId } from '@/lib/apps/ids';
import { NAME_ONLY_MIN_SIMILARITY, normalizeEmail, normalizeName, normalizeTaxNumber, selectSuggestions, type Scored } from '@/lib/sync/matching';
import { connectedApps } from '../client-picker/connected-apps';

/**
 * Every suggested match of a practice: an active client here and a live directory record
 * of a connected app, neither linked for that app, not dismissed, not an exact normalised
 * name (runs link those; an exact partner also keeps either side out), with evidence
 * the matching module accepts (selectSuggestions).
 *
 * The database proposes candidates with indexes — trigram `%` on the directory's
 * normalised name (GIN), email equality, and a hash join on the last digits of tax and
 * business numbers (XPM shows only the last four) — and code decides with the duplicate
 * detector, so no second similarity exists. Clients' names are normalised here (the rule
 * is code, not SQL) and sent as one JSON parameter: hundreds of clients, one statement.
 */
export interface ClientSide {
  id: string;
  name: string;
  email: string | null;
  taxNumber: string | null;
  businessNumber: string | null;
}

export interface RecordSide {
  app: AppId;
  externalId: string;
  name: string;
  email: string | null;
  city: string | null;
  taxNumber: string | null;
  businessNumber: string | null;
}

export type Suggestion = Scored<ClientSide, RecordSide> & { app: AppId };

interface CandidateRow {
  client_id: string;
  app: AppId;
  external_id: string;
  name: string;
  email: string | null;
  city: string | null;
  tax_number: string | null;
  business_number: string | null;
}

type Db = Database | Transaction;

/**
 * How many last digits the database joins tax numbers on: XPM shows the last four. Three
 * (the fewest the matcher compares) let a thousandth of all pairs through as candidates;
 * four, a ten-thousandth. Code then compares all the digits there are.
 */
const TAX_TAIL = 4;

/** Digits a tax number ends with, as the SQL side computes them. */
function taxTails(client: ClientSide): string[] {
  const tails = [client.taxNumber, client.businessNumber]
    .map((n) => normalizeTaxNumber(n)?.digits.slice(-TAX_TAIL))
    .filter((t): t is string => t !== undefined && t.length === TAX_TAIL);
  return [...new Set(tails)];
}

/**
 * Active clients not yet linked to every connected app: only they can be one side of a
 * suggestion. Each is one trigram probe below, so a practice that has been syncing for a
 * while (most clients linked) pays for its few unlinked clients, not for all of them.
 */
async function unlinkedClients(db: Db, practiceId: string, apps: readonly AppId[]): Promise<ClientSide[]> {
  return queryRows<ClientSide>(
    db,
    sql`select c.id, c.name, c.email, c.tax_number as "taxNumber", c.business_number as "businessNumber"
      from clients c
      where c.practice_id = ${practiceId} and c.archived_at is null
        and (select count(*) from client_links l
          where l.practice_id = c.practice_id and l.client_id = c.id and l.app in (${appList(apps)})) < ${apps.length}`,
  );
}

const appList = (apps: readonly AppId[]) =>
  sql.join(
    apps.map((app) => sql`${app}::app_id`),
    sql`, `,
  );

export async function findSuggestions(db: Db, practiceId: string): Promise<Suggestion[]> {
  const apps = await connectedApps(db, practiceId);
  if (apps.length === 0) return [];
  const clients = await unlinkedClients(db, practiceId, apps);
  if (clients.length === 0) return [];
  const byId = new Map(clients.map((c) => [c.id, c]));
  const probe = clients.map((c) => ({ client_id: c.id, norm: normalizeName(c.name), email: normalizeEmail(c.email) }));
  const tails = clients.flatMap((c) => taxTails(c).map((tail) => ({ client_id: c.id, tail })));

  const rows = await db.transaction(async (tx) => {
    // `%` means "at least this alike" and the trigram index prunes by it: a name alone
    // needs NAME_ONLY_MIN_SIMILARITY (pairs with other evidence come from the other
    // arms), and an exact name (1) is still found. Local: the pooled connection is
    // given back with the default.
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(NAME_ONLY_MIN_SIMILARITY)}, true)`);
    return queryRows<CandidateRow>(
      tx,
      sql`with probe as materialized (
        select * from jsonb_to_recordset(${JSON.stringify(probe)}::jsonb) as p(client_id uuid, norm text, email text)
      ),
      probe_tax as materialized (
        select * from jsonb_to_recordset(${JSON.stringify(tails)}::jsonb) as t(client_id uuid, tail text)
      ),
      record_tax as (
        select d.id, right(regexp_replace(n, '\\D', '', 'g'), ${TAX_TAIL}) as tail
        from directory_records d cross join lateral unnest(array[d.tax_number, d.business_number]) as n
        where d.practice_id = ${practiceId} and n is not null
      ),
      pairs as (
        select p.client_id, d.id as record_id from probe p
          join directory_records d on d.normalized_name % p.norm
          where d.practice_id = ${practiceId} and p.norm <> ''
        union
        select p.client_id, d.id from probe p
          join directory_records d on lower(d.email) = p.email
          where d.practice_id = ${practiceId}
        union
        select t.client_id, r.id from probe_tax t join record_tax r on r.tail = t.tail
      )
      select pairs.client_id, d.app, d.external_id, d.name, d.email, d.city, d.tax_number, d.business_number
      from pairs join directory_records d on d.id = pairs.record_id
      where d.app in (${appList(apps)}) and not d.archived
        and not exists (select 1 from client_links l where l.practice_id = d.practice_id and l.app = d.app and l.external_id = d.external_id)
        and not exists (select 1 from client_links l where l.practice_id = d.practice_id and l.client_id = pairs.client_id and l.app = d.app)
        and not exists (select 1 from dismissed_match_suggestions x
          where x.practice_id = d.practice_id and x.client_id = pairs.client_id and x.app = d.app and x.external_id = d.external_id)`,
    );
  });

  const candidates = rows.flatMap((row) => {
    const client = byId.get(row.client_id);
    if (!client) return [];
    const record: RecordSide = {
      app: row.app,
      externalId: row.external_id,
      name: row.name,
      email: row.email,
      city: row.city,
      taxNumber: row.tax_number,
      businessNumber: row.business_number,
    };
    return [{ clientId: client.id, app: row.app, externalId: row.external_id, client, record }];
  });
  return selectSuggestions(candidates) as Suggestion[];
}
