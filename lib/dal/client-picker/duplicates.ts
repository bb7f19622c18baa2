import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, isEmbedded, type LocalSettings, queryRows, queryRowsWithSettings, type Database, type Transaction } from '@/db';
import type { AppId } from '@/lib/sync/canonical-client';
import { emailDomain, findDuplicateCandidates, foldText, normalizeEmail, normalizeName, normalizeTaxNumber, type DuplicateReason } from '@/lib/sync/matching';
import type { Member } from '../session';
import { connectedApps, connectedBadges } from './connected-apps';
import { linkedAppsOf } from './linked-apps';
import type { PickerSource } from './search-query';
import { normalizedNameSql } from './normalized-name-sql';
import { escapeLike } from './search-terms';
import { taxNumberEnding } from '@/lib/clients/tax-number';
import type { PickerEntry } from './search';

/**
 * Likely duplicates of a client the author is about to create, across the practice's
 * clients and every connected app's directory: a similar name, the same email or business
 * email domain, or the same tax number (DESIGN §3: suggestions a person confirms).
 *
 * The database narrows the field with indexes (trigram name similarity, email) and keeps the
 * nearest of each source; the matching module decides and orders. A directory record linked to
 * a client counts as that client, once, so "Use this instead" never offers the same business
 * twice.
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

/** Number columns like a pattern of the probe's digits (the matcher then compares all of them). */
function numberLike(pattern: string | null, numberColumns: readonly SQL[]): SQL | null {
  return pattern
    ? sql`(${sql.join(
        numberColumns.map((column) => sql`${column} like ${pattern}`),
        sql` or `,
      )})`
    : null;
}

/** Clients (aliased `c`) whose names may be the draft's: the trigram index on lower(name) answers both. */
function clientNameMayBe(p: Probe): SQL | null {
  const name = sql`lower(c.name)`;
  const conditions = [p.folded ? sql`${name} % ${p.folded}` : null, p.normalized ? sql`${p.normalized} <% ${name}` : null].filter((c): c is SQL => c !== null);
  return conditions.length ? anyOf(conditions) : null;
}

/** Clients whose email or numbers may be the draft's: the email and tax-number indexes answer. */
function clientEvidenceMayBe(p: Probe, numberColumns: readonly SQL[]): SQL | null {
  const conditions = [
    p.email ? sql`lower(c.email) = ${p.email}` : null,
    p.domainPattern ? sql`lower(c.email) like ${p.domainPattern}` : null,
    numberLike(p.taxPattern, numberColumns),
    numberLike(p.businessPattern, numberColumns),
  ].filter((c): c is SQL => c !== null);
  return conditions.length ? anyOf(conditions) : null;
}

/** Which clients (aliased `c`) may be the draft: the database's narrowing, on its indexes; the matcher decides. */
function clientMayBe(p: Probe, numberColumns: readonly SQL[]): SQL {
  return anyOf([clientNameMayBe(p), clientEvidenceMayBe(p, numberColumns)]);
}

/**
 * How close a client's name is to the draft's, 0…1: the trigram similarity of the two names
 * normalised (the matcher's measure), so the client with the draft's very name scores 1.
 * Compared raw ("green & kaur advisory pty ltd" with "green and kaur advisory"), it scored
 * below "Green and Chen Advisory", and enough such names cut it off.
 */
function clientNameCloseness(p: Probe): SQL {
  return sql`similarity(${normalizedNameSql(sql`c.name`)}, ${p.normalized})`;
}

/**
 * Each source's candidates come from two reads, each under its own cap: the names nearest the
 * draft's, nearest first, and the records with its email, email domain or numbers, the strongest
 * evidence first. In one read under one cap, in no order, a name shared by more records than
 * the cap ("Green … Advisory") let the very same name be cut before the matcher ranked them
 * (a user trial: "Create anyway" then made a duplicate of an XPM client); and ordered by
 * name alone, the same email or tax number would be.
 *
 * Ordering reads every record the trigram index finds instead of stopping at the cap (for a
 * common word, 250–450 of 10,000 clients and up to 1,500 of 50,000 directory records), so each
 * read must start from that index, not test every record of the practice: see practiceScope.
 */
function clientCandidates(practiceId: string, p: Probe, embedded: boolean): SQL[] {
  const columns = sql`c.id::text as id, 'practice' as source, c.name, c.email, c.street_city as city, c.tax_number,
      c.business_number, null::text as linked_client_id, ${linkedAppsOf(practiceId, sql`c.id`)} as client_apps`;
  const live = sql`${practiceScope('c', practiceId, embedded)} and c.archived_at is null`;
  const byName = clientNameMayBe(p);
  const byEvidence = clientEvidenceMayBe(p, [sql`c.tax_number`, sql`c.business_number`]);
  return [
    byName &&
      sql`(select ${columns} from clients c where ${live} and ${byName}
        order by ${clientNameCloseness(p)} desc, c.id limit ${CANDIDATES_PER_SOURCE})`,
    byEvidence &&
      sql`(select ${columns} from clients c where ${live} and ${byEvidence}
        order by ${strongEvidenceFirst(p, sql`c.email`, [sql`c.tax_number`, sql`c.business_number`])}c.id limit ${CANDIDATES_PER_SOURCE})`,
  ].filter((branch): branch is SQL => branch !== null);
}

/**
 * The practice's clients (alias `c`) or directory records (`d`). Each read of names must start
 * from the trigram index, but both engines' planners price a trigram test as cheap as an
 * equality (pg_trgm declares no cost) and so prefer testing every record of the practice: for
 * "Green & Kaur Advisory" in a practice of 10,000 clients, every one (190–310 ms on PGlite,
 * machine busy) where the index found the 57 to score (15–30 ms). PLANNER_SETTINGS corrects
 * that, each engine its own way:
 *
 * - PGlite (one practice, as a rule): as the picker's search reads clients (search-query.ts,
 *   clientTrigramBranch), `is true` hides practice_id from the btree indexes and the statement
 *   runs without sequential or plain index scans, so only the trigram indexes are left;
 * - PostgreSQL (practices share the tables): the predicate stays plain, so its planner can AND
 *   the practice's rows with the trigram index's, and the statement tells it what a test of a
 *   row costs, so it no longer chooses to test them all (duplicates-plan.test.ts holds both).
 */
function practiceScope(alias: 'c' | 'd', practiceId: string, embedded: boolean): SQL {
  const column = sql.raw(`${alias}.practice_id`);
  return embedded ? sql`(${column} = ${practiceId}) is true` : sql`${column} = ${practiceId}`;
}

function directoryCandidates(practiceId: string, app: AppId, p: Probe, embedded: boolean): SQL[] {
  const columns = sql`d.external_id as id, d.app::text as source, d.name, d.email, d.city, d.tax_number,
      d.business_number, l.client_id::text as linked_client_id, null::text[] as client_apps`;
  const from = sql`directory_records d
    left join client_links l on l.practice_id = d.practice_id and l.app = d.app and l.external_id = d.external_id`;
  const live = sql`${practiceScope('d', practiceId, embedded)} and d.app = ${app} and not d.archived`;
  // Alike as the matcher measures it (both names normalised), all it can flag by name: a record
  // that only contains the draft's words (`<%`: for "Green", 1,152 of 50,000) is under its
  // DEFAULT_SIMILAR_NAME_THRESHOLD unless `%` finds it too, and was only read to be dropped.
  const byName = p.normalized ? sql`d.normalized_name % ${p.normalized}` : null;
  const evidence = [
    p.email ? sql`lower(d.email) = ${p.email}` : null,
    p.domainPattern ? sql`lower(d.email) like ${p.domainPattern}` : null,
    p.taxPattern ? sql`(d.tax_number like ${p.taxPattern} or d.business_number like ${p.taxPattern})` : null,
  ].filter((c): c is SQL => c !== null);
  return [
    // The stored normalised name is normalizeName's: the record named as the draft scores 1.
    byName &&
      sql`(select ${columns} from ${from} where ${live} and ${byName}
        order by similarity(d.normalized_name, ${p.normalized}) desc, d.external_id limit ${CANDIDATES_PER_SOURCE})`,
    evidence.length
      ? sql`(select ${columns} from ${from} where ${live} and ${anyOf(evidence)}
        order by ${strongEvidenceFirst(p, sql`d.email`, [sql`d.tax_number`, sql`d.business_number`])}d.external_id limit ${CANDIDATES_PER_SOURCE})`
      : null,
  ].filter((branch): branch is SQL => branch !== null);
}

/** The candidates among the practice's clients and `apps`' directories, in one statement. */
function candidatesStatement(practiceId: string, apps: readonly AppId[], probe: Probe, embedded: boolean): SQL {
  const branches = [...clientCandidates(practiceId, probe, embedded), ...apps.flatMap((app) => directoryCandidates(practiceId, app, probe, embedded))];
  return sql.join(branches, sql` union all `);
}

/** The same for a draft (one with a name, email or tax number), for its query-plan test. */
export function likelyDuplicatesStatement(practiceId: string, apps: readonly AppId[], draft: DuplicateDraft, embedded: boolean): SQL {
  return candidatesStatement(practiceId, apps, probeFor(draft), embedded);
}

/**
 * The statement's planner settings (practiceScope). PostgreSQL's cpu_operator_cost is 0.0025 by
 * default, what an ordinary comparison costs; a trigram test costs about a hundred times that.
 */
export const PLANNER_SETTINGS = {
  embedded: { enable_seqscan: 'off', enable_indexscan: 'off' },
  postgres: { cpu_operator_cost: 0.25 },
} as const satisfies Record<string, LocalSettings>;

export async function findLikelyDuplicates(member: Member, draft: DuplicateDraft): Promise<LikelyDuplicate[]> {
  const probe = probeFor(draft);
  if (!probe.folded && !probe.email && !probe.taxPattern) return [];
  const db = await getDb();
  const apps = await connectedApps(db, member.practiceId);
  const embedded = isEmbedded(db);
  const statement = candidatesStatement(member.practiceId, apps, probe, embedded);
  const rows = await queryRowsWithSettings<Row>(db, statement, PLANNER_SETTINGS[embedded ? 'embedded' : 'postgres']);

  // Collapse linked records into their client: one entry per business, with every badge.
  const byKey = new Map<string, { row: Row; sources: Set<PickerSource>; emails: string[] }>();
  const seen = new Set<string>();
  for (const row of rows) {
    // A record both named like the draft and sharing its email comes from both reads: once is enough.
    const recordKey = `${row.source}:${row.id}`;
    if (seen.has(recordKey)) continue;
    seen.add(recordKey);
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
  phone: string | null;
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
function strongEvidenceFirst(p: Probe, email: SQL, numbers: readonly SQL[]): SQL {
  const strong = [
    ...(p.email ? [sql`coalesce(lower(${email}) = ${p.email}, false)`] : []),
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
    sql`select c.id::text as id, c.name, c.email, c.street_city as city, coalesce(c.tax_number, c.tax_number_masked) as tax_number, c.business_number, c.phone,
        ${linkedAppsOf(practiceId, sql`c.id`)} as client_apps
      from clients c
      where c.practice_id = ${practiceId} and c.archived_at is null and ${clientMayBe(probe, [sql`c.tax_number`, sql`c.tax_number_masked`, sql`c.business_number`])}
      order by ${strongEvidenceFirst(probe, sql`c.email`, [sql`c.tax_number`, sql`c.tax_number_masked`, sql`c.business_number`])}${clientNameCloseness(probe)} desc, c.id
      limit ${LOOKALIKE_CANDIDATES}`,
  );
}
