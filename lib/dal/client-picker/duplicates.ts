import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, queryRows, type Database, type Transaction } from '@/db';
import type { AppId } from '@/lib/sync/canonical-client';
import { emailDomain, findDuplicateCandidates, foldText, normalizeEmail, normalizeName, normalizeTaxNumber, type DuplicateReason } from '@/lib/sync/matching';
import type { Member } from '../session';
import { connectedApps, connectedBadges } from './connected-apps';
import { linkedAppsOf } from './linked-apps';
import type { PickerSource } from './search-query';
import { escapeLike } from './search-terms';
import { taxNumberEnding } from '@/lib/clients/tax-number';
import type { PickerEntry } from './search';

/**
 * Likely duplicates of a client the author is about to create, across the practice's
 * clients and every connected app's directory: a similar name, the same email or business
 * email domain, or the same tax number (DESIGN §3: suggestions a person confirms).
 *
 * The database narrows the field with indexes (trigram name similarity, email); the
 * matching module decides and orders. A directory record linked to a client counts as that
 * client, once, so "Use this instead" never offers the same business twice.
 */
export interface DuplicateDraft {
  name: string;
  email?: string | null;
  taxNumber?: string | null;
  /** A picked record's EIN / ABN: narrowed on like a tax number (the new-client form has none). */
  businessNumber?: string | null;
}

/** A record shown like a picker entry (and picked like one with "Use this instead"), with why it may be the same client. */
export interface LikelyDuplicate extends Pick<PickerEntry, 'key' | 'clientId' | 'external' | 'name' | 'sources' | 'email' | 'city' | 'taxNumberEnding'> {
  reasons: DuplicateReason[];
}

export const MAX_DUPLICATES = 6;
const CANDIDATES_PER_SOURCE = 20;

interface Row {
  id: string;
  source: PickerSource;
  name: string;
  email: string | null;
  city: string | null;
  tax_number: string | null;
  business_number: string | null;
  linked_client_id: string | null;
  /** A client row's active links' apps (its badges), whatever records the probe found. */
  client_apps: string[] | null;
}

interface Probe {
  folded: string;
  normalized: string;
  email: string | null;
  domainPattern: string | null;
  taxPattern: string | null;
  businessPattern: string | null;
  /** The last four digits (or all, when fewer) of each number: a client whose number ends so is strong evidence. */
  numberTails: string[];
}

/** The last digits are contiguous however the number is spaced; the matcher then compares all digits. */
function numberPattern(raw: string | null | undefined): string | null {
  const number = normalizeTaxNumber(raw);
  return number && number.digits.length >= 3 ? `%${number.digits.slice(-3)}%` : null;
}

function probeFor(draft: DuplicateDraft): Probe {
  const email = normalizeEmail(draft.email);
  const domain = emailDomain(email);
  return {
    folded: foldText(draft.name),
    normalized: normalizeName(draft.name),
    email,
    domainPattern: domain ? `%@${escapeLike(domain)}` : null,
    taxPattern: numberPattern(draft.taxNumber),
    businessPattern: numberPattern(draft.businessNumber),
    numberTails: [draft.taxNumber, draft.businessNumber]
      .map((raw) => normalizeTaxNumber(raw)?.digits ?? '')
      .filter((digits) => digits.length >= 3)
      .map((digits) => digits.slice(-4)),
  };
}

function anyOf(conditions: (SQL | null)[]): SQL {
  const present = conditions.filter((c): c is SQL => c !== null);
  return present.length ? sql`(${sql.join(present, sql` or `)})` : sql`false`;
}

/** Which clients (aliased `c`) may be the draft: the database's narrowing, on its indexes; the matcher decides. */
function clientMayBe(p: Probe, numberColumns: readonly SQL[]): SQL {
  const name = sql`lower(c.name)`;
  const numberLike = (pattern: string | null) =>
    pattern
      ? sql`(${sql.join(
          numberColumns.map((column) => sql`${column} like ${pattern}`),
          sql` or `,
        )})`
      : null;
  return anyOf([
    p.folded ? sql`${name} % ${p.folded}` : null,
    p.normalized ? sql`${p.normalized} <% ${name}` : null,
    p.email ? sql`lower(c.email) = ${p.email}` : null,
    p.domainPattern ? sql`lower(c.email) like ${p.domainPattern}` : null,
    numberLike(p.taxPattern),
    numberLike(p.businessPattern),
  ]);
}

function clientCandidates(practiceId: string, p: Probe): SQL {
  return sql`(select c.id::text as id, 'practice' as source, c.name, c.email, c.street_city as city, c.tax_number,
      c.business_number, null::text as linked_client_id, ${linkedAppsOf(practiceId, sql`c.id`)} as client_apps
    from clients c
    where c.practice_id = ${practiceId} and c.archived_at is null and ${clientMayBe(p, [sql`c.tax_number`, sql`c.business_number`])}
    limit ${CANDIDATES_PER_SOURCE})`;
}

function directoryCandidates(practiceId: string, app: AppId, p: Probe): SQL {
  return sql`(select d.external_id as id, d.app::text as source, d.name, d.email, d.city, d.tax_number,
      d.business_number, l.client_id::text as linked_client_id, null::text[] as client_apps
    from directory_records d
    left join client_links l on l.practice_id = d.practice_id and l.app = d.app and l.external_id = d.external_id
    where d.practice_id = ${practiceId} and d.app = ${app} and not d.archived and ${anyOf([
      p.normalized ? sql`d.normalized_name % ${p.normalized}` : null,
      p.normalized ? sql`${p.normalized} <% d.normalized_name` : null,
      p.email ? sql`lower(d.email) = ${p.email}` : null,
      p.domainPattern ? sql`lower(d.email) like ${p.domainPattern}` : null,
      p.taxPattern ? sql`(d.tax_number like ${p.taxPattern} or d.business_number like ${p.taxPattern})` : null,
    ])}
    limit ${CANDIDATES_PER_SOURCE})`;
}

export async function findLikelyDuplicates(member: Member, draft: DuplicateDraft): Promise<LikelyDuplicate[]> {
  const probe = probeFor(draft);
  if (!probe.folded && !probe.email && !probe.taxPattern) return [];
  const db = await getDb();
  const apps = await connectedApps(db, member.practiceId);
  const rows = await queryRows<Row>(
    db,
    sql.join([clientCandidates(member.practiceId, probe), ...apps.map((app) => directoryCandidates(member.practiceId, app, probe))], sql` union all `),
  );

  // Collapse linked records into their client: one entry per business, with every badge.
  const byKey = new Map<string, { row: Row; sources: Set<PickerSource>; emails: string[] }>();
  for (const row of rows) {
    const key = row.source === 'practice' ? `client:${row.id}` : row.linked_client_id ? `client:${row.linked_client_id}` : `${row.source}:${row.id}`;
    // A client's own links badge it too (only apps still searched): its linked record need not be a candidate.
    const linkedApps = connectedBadges(row.client_apps, apps);
    const entry = byKey.get(key);
    if (!entry) {
      byKey.set(key, { row, sources: new Set([row.source, ...linkedApps]), emails: row.email ? [row.email] : [] });
      continue;
    }
    entry.sources.add(row.source);
    for (const app of linkedApps) entry.sources.add(app);
    if (row.email) entry.emails.push(row.email);
    if (row.source === 'practice') entry.row = row; // show the client itself
  }

  const checkable = [...byKey.entries()].map(([key, { row, sources, emails }]) => ({
    key,
    row,
    sources,
    name: row.name,
    emails,
    taxNumber: row.tax_number,
    businessNumber: row.business_number,
  }));
  const found = findDuplicateCandidates({ name: draft.name, email: draft.email, taxNumber: draft.taxNumber }, checkable, { limit: MAX_DUPLICATES });
  return found.map(({ record, reasons }) => {
    const { row, key } = record;
    const clientId = key.startsWith('client:') ? key.slice('client:'.length) : null;
    const sources = [...record.sources, ...(clientId ? (['practice'] as const) : [])];
    return {
      key,
      clientId,
      external: clientId === null && row.source !== 'practice' ? { app: row.source, externalId: row.id } : null,
      name: row.name,
      sources: (['practice', 'xpm', 'gusto'] as const).filter((s) => sources.includes(s)),
      email: row.email,
      city: row.city,
      taxNumberEnding: taxNumberEnding(row.tax_number),
      reasons,
    };
  });
}

/** A client of the practice that a picked record may be (lib/clients/picked-record-plan.ts decides). */
export interface LookalikeClientRow {
  id: string;
  name: string;
  email: string | null;
  city: string | null;
  /** The whole number when the practice holds it, else XPM's masked one (as the sync compares them). */
  tax_number: string | null;
  business_number: string | null;
  client_apps: string[] | null;
}

/** More than the new-client form's: the matcher drops most, and the likeliest by name must not be cut off. */
const LOOKALIKE_CANDIDATES = 50;

/**
 * The practice's active clients that may be the picked directory record `draft`, whatever they
 * are linked to: the same narrowing as the new-client form's warning (clientMayBe), only
 * clients (the proposal's client is to be one of them, or a new one), the nearest names first.
 */
/**
 * The same email, or a number ending in the same last digits, first: such a client is kept ahead of the
 * name-alike ones under the cap (review: in a large practice, ordering by name alone let dozens of
 * similar names push out "SPC Holdings" with the record's very tax number).
 */
function strongEvidenceFirst(p: Probe): SQL {
  const numbers = [sql`c.tax_number`, sql`c.tax_number_masked`, sql`c.business_number`];
  const strong = [
    ...(p.email ? [sql`coalesce(lower(c.email) = ${p.email}, false)`] : []),
    ...p.numberTails.flatMap((tail) => numbers.map((column) => sql`coalesce(regexp_replace(${column}, '[^0-9]', '', 'g') like ${`%${tail}`}, false)`)),
  ];
  // Nothing to rank by: no key at all (a constant in ORDER BY is an error).
  return strong.length ? sql`(${sql.join(strong, sql` or `)}) desc, ` : sql``;
}

export async function lookalikeClients(db: Database | Transaction, practiceId: string, draft: DuplicateDraft): Promise<LookalikeClientRow[]> {
  const probe = probeFor(draft);
  if (!probe.folded && !probe.email && !probe.taxPattern && !probe.businessPattern) return [];
  return queryRows<LookalikeClientRow>(
    db,
    sql`select c.id::text as id, c.name, c.email, c.street_city as city, coalesce(c.tax_number, c.tax_number_masked) as tax_number, c.business_number,
        ${linkedAppsOf(practiceId, sql`c.id`)} as client_apps
      from clients c
      where c.practice_id = ${practiceId} and c.archived_at is null and ${clientMayBe(probe, [sql`c.tax_number`, sql`c.tax_number_masked`, sql`c.business_number`])}
      order by ${strongEvidenceFirst(probe)}similarity(lower(c.name), ${probe.folded}) desc, c.id
      limit ${LOOKALIKE_CANDIDATES}`,
  );
}
