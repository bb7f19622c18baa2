import 'server-only';
import { and, asc, count, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { getDb, queryRowsWithSettings } from '@/db';
import { clientLinks, clients, syncRunSkips } from '@/db/schema';
import { formatPracticeDateTime } from '@/lib/practice-time';
import { normalizeName } from '@/lib/sync/matching';
import { differingNumberDetail, type NamesakeFacts, namesakeDetails } from '@/lib/sync/runs/namesake-details';
import { type RunSkipReason, SKIPS_SHOWN } from '@/lib/sync/runs/skip-reason-values';
import type { AppId } from '@/lib/sync/rules';
import type { Member } from './session';

/** A client, as a skipped record's row links to it. */
export interface ClientRef {
  id: string;
  name: string;
}

/** A namesake also says what tells it apart: clients sharing a name often differ only there. */
export interface NamesakeRef extends ClientRef {
  /**
   * Its email, city, phone or when it was added ("added 3 Dec 2026, 4:31 pm AEDT"): the first
   * of them that tells the namesakes shown apart (lib/sync/runs/namesake-details.ts).
   */
  detail: string;
}

export interface SkipView {
  externalId: string;
  /** The record's name when it was skipped (null: it had left the directory). */
  recordName: string | null;
  reason: RunSkipReason;
  /** The client the record is linked to now, if a person has linked it since (or meanwhile). */
  linkedClient: ClientRef | null;
  /**
   * Otherwise, the active clients not linked to the app whose name is the record's once
   * normalised — the ones a sync compared it with — where "Link to …" is: a search of the
   * client list would not find them all ("Smith & Jones" is "smith and jones" normalised).
   */
  namesakes: NamesakeRef[];
  /** How many namesakes in all (`namesakes` holds the first few). */
  namesakeCount: number;
}

/** Namesakes listed per skipped record: a name shared more widely is the exception. */
const NAMESAKES_SHOWN = 5;

/**
 * The records one run skipped, by name, with the client each is linked to now or its
 * namesakes. The caller has already found the run in the member's practice; every row is
 * scoped by it here too.
 */
export async function runSkips(member: Member, runId: string, app: AppId): Promise<{ rows: SkipView[]; total: number }> {
  const db = await getDb();
  const scope = and(eq(syncRunSkips.runId, runId), eq(syncRunSkips.practiceId, member.practiceId));
  const rows = await db
    .select({
      externalId: syncRunSkips.externalId,
      recordName: syncRunSkips.recordName,
      reason: syncRunSkips.reason,
      clientId: clients.id,
      clientName: clients.name,
    })
    .from(syncRunSkips)
    .leftJoin(clientLinks, and(eq(clientLinks.practiceId, syncRunSkips.practiceId), eq(clientLinks.app, app), eq(clientLinks.externalId, syncRunSkips.externalId)))
    .leftJoin(clients, and(eq(clients.practiceId, clientLinks.practiceId), eq(clients.id, clientLinks.clientId)))
    .where(scope)
    .orderBy(asc(syncRunSkips.recordName), asc(syncRunSkips.externalId))
    .limit(SKIPS_SHOWN);
  const [totals] = await db.select({ total: count() }).from(syncRunSkips).where(scope);
  const withLinks = rows.map(({ clientId, clientName, ...row }) => ({ ...row, linkedClient: clientId && clientName !== null ? { id: clientId, name: clientName } : null }));
  return { rows: await withNamesakes(member, app, withLinks), total: totals?.total ?? 0 };
}

/**
 * Each unlinked skipped record's namesakes (a preview's skips too). Names are normalised in
 * code, as the sync does (lib/sync/engine/select-work.ts matchByName), so the names of the
 * practice's unlinked active clients are read once — only when some record needs them — and
 * then the few clients whose names matched, in full.
 *
 * Why two reads: a first sync's preview has every client unlinked, and reading 10,000 of
 * them whole (dates, emails, cities, phones) cost several times reading their names alone
 * (`npm run bench:namesakes`).
 */
export async function withNamesakes<T extends { recordName: string | null; reason: RunSkipReason; linkedClient?: ClientRef | null }>(
  member: Member,
  app: AppId,
  rows: readonly T[],
): Promise<(T & { linkedClient: ClientRef | null; namesakes: NamesakeRef[]; namesakeCount: number })[]> {
  const wanted = new Set(rows.filter((r) => !r.linkedClient && r.recordName).map((r) => normalizeName(r.recordName!)));
  wanted.delete('');
  const { byName, countOf } = await namesakesByName(member, app, wanted);
  return rows.map((row) => {
    const key = row.linkedClient || !row.recordName ? null : normalizeName(row.recordName);
    // Skipped for another number: the client's own number is the detail the admin compares.
    const namesakes = (key ? (byName.get(key) ?? []) : []).map(({ numbers, ...namesake }) => ({
      ...namesake,
      detail: differingNumberDetail(row.reason, numbers) ?? namesake.detail,
    }));
    return { ...row, linkedClient: row.linkedClient ?? null, namesakes, namesakeCount: key ? (countOf.get(key) ?? 0) : 0 };
  });
}

/** The active clients not linked to `app` whose normalised names are `wanted`: the first few of each, and how many. */
type NamesakeWithNumbers = NamesakeRef & { numbers: { taxNumber: string | null; businessNumber: string | null } };

async function namesakesByName(member: Member, app: AppId, wanted: ReadonlySet<string>): Promise<{ byName: Map<string, NamesakeWithNumbers[]>; countOf: Map<string, number> }> {
  const byName = new Map<string, NamesakeWithNumbers[]>();
  const countOf = new Map<string, number>();
  if (wanted.size === 0) return { byName, countOf };
  const db = await getDb();
  const unlinkedActive = and(
    eq(clients.practiceId, member.practiceId),
    isNull(clients.archivedAt),
    notExists(
      db
        .select({ one: sql`1` })
        .from(clientLinks)
        .where(and(eq(clientLinks.practiceId, clients.practiceId), eq(clientLinks.clientId, clients.id), eq(clientLinks.app, app))),
    ),
  );
  const matchingNames = new Set<string>();
  // Hash the practice's links to the app once: the planner, seeing few or no links (a first
  // sync), probes them once per client instead — 10,000 probes took 50 ms of 75 on PGlite.
  const unlinkedNames = await queryRowsWithSettings<{ name: string }>(db, sql`select ${clients.name} from ${clients} where ${unlinkedActive}`, { enable_nestloop: 'off' });
  for (const { name } of unlinkedNames) {
    const key = normalizeName(name);
    if (!wanted.has(key)) continue;
    countOf.set(key, (countOf.get(key) ?? 0) + 1);
    matchingNames.add(name);
  }
  if (matchingNames.size === 0) return { byName, countOf };

  const named = [...matchingNames];
  const candidates = await db
    .select({
      id: clients.id,
      name: clients.name,
      email: clients.email,
      city: clients.streetCity,
      phone: clients.phone,
      createdAt: clients.createdAt,
      taxNumber: sql<string | null>`coalesce(${clients.taxNumber}, ${clients.taxNumberMasked})`,
      businessNumber: clients.businessNumber,
    })
    .from(clients)
    // lower(name) as well as name: the (practice, lower(name)) index finds them. Lowered by the
    // database on both sides: JavaScript's toLowerCase and the server's lower() differ on some
    // letters (a final sigma; anything but A–Z under the C locale), and a miss here would count
    // a namesake without showing it.
    .where(
      and(
        unlinkedActive,
        inArray(
          sql`lower(${clients.name})`,
          named.map((name) => sql`lower(${name})`),
        ),
        inArray(clients.name, named),
      ),
    )
    .orderBy(asc(clients.name), asc(clients.id));
  const shown = new Map<string, (ClientRef & NamesakeFacts & Pick<NamesakeWithNumbers, 'numbers'>)[]>();
  for (const { id, name, email, city, phone, createdAt, taxNumber, businessNumber } of candidates) {
    const key = normalizeName(name);
    const list = shown.get(key) ?? [];
    if (list.length < NAMESAKES_SHOWN)
      shown.set(key, [
        ...list,
        { id, name, email, city, phone, added: `added ${formatPracticeDateTime(createdAt, member.practiceTimezone)}`, numbers: { taxNumber, businessNumber } },
      ]);
  }
  for (const [key, list] of shown) {
    // The two reads are not one snapshot: a namesake added between them is shown, so counted.
    countOf.set(key, Math.max(countOf.get(key) ?? 0, list.length));
    const details = namesakeDetails(list);
    byName.set(
      key,
      list.map(({ id, name, numbers }, i) => ({ id, name, detail: details[i]!, numbers })),
    );
  }
  return { byName, countOf };
}
