import 'server-only';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { getDb, queryRows, type Transaction } from '@/db';
import { clientLinks, clients, directoryRecords } from '@/db/schema';
import { appShortLabel } from '@/lib/apps/registry';
import type { AppId } from '@/lib/apps/ids';
import { memberActor } from '@/lib/commands/actor';
import { linkClient } from '@/lib/commands/clients';
import { dismissMatchSuggestion } from '@/lib/commands/match-suggestions';
import { type PairDecision, planBulkConfirm, type SkipReason } from '@/lib/sync/matching';
import { settlePlannerStats } from '@/lib/sync/engine/planner-stats';
import { countOf } from '@/lib/format/count';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { ActionError, MESSAGES } from '../action';
import { type ListPage, pageOf } from '../list-page';
import type { Member } from '../session';
import { cachedSuggestions, cachedSuggestionsAsOf, carryDecision, decisionFingerprints, type DecisionFingerprints } from './cached-suggestions';
import type { Suggestion } from './find-suggestions';
import { suggestionKey, toSuggestionView, type SuggestionView } from './view';

/**
 * Suggested matches, reviewed by an admin (issue 12): list them, confirm or dismiss one,
 * or confirm all at or above a confidence after a preview that names every pair.
 *
 * Confirming is linking, through linkClient like every other link. Each pair is checked
 * again under the same advisory lock the picker takes for that record
 * (client-picker/adopt-directory-record.ts), so a link made meanwhile — by the picker, a
 * run or another admin — is never doubled: the pair is refused in words instead.
 */
export const SUGGESTIONS_PAGE_SIZE = 25;
/** A bulk confirmation names its pairs; more than this is not a person's review. */
export const MAX_PAIRS_PER_CONFIRMATION = 1000;

export interface PairInput {
  clientId: string;
  app: AppId;
  externalId: string;
}

/** How many suggestions there are, all pages together, and how many reach each bulk threshold. */
export interface SuggestionTally {
  total: number;
  /** For the picker of "confirm all above". */
  atOrAbove: Record<number, number>;
  /**
   * For each threshold, how many of those pairs "confirm all" would link (planBulkConfirm, as its
   * preview and confirmation do): fewer where pairs share a client or record. A trial picked
   * "90% confidence (3 pairs)" and saw 1 linked.
   */
  linkable: Record<number, number>;
}

export interface SuggestedMatchesPage extends ListPage<SuggestionView>, SuggestionTally {
  /**
   * The database snapshot the list and counts were read under (`pg_current_snapshot()`): the
   * page compares a decision's transaction with it to tell whether the counts include it yet.
   */
  asOf: string;
}

/**
 * A decision as the page needs it back: its transaction, and the counts read after it
 * committed. The page's refresh is drawn after the action answers (under load, a while after),
 * and linking takes other pairs of the same client or record off the list too, on any page:
 * only the server can count that.
 */
export interface DecisionReceipt {
  xid: string;
  /** Null when the counts could not be read after the decision (it stands): the page then counts it itself. */
  tally: SuggestionTally | null;
}

function requireAdmin(member: Member): void {
  if (member.role !== 'admin') throw new ActionError(MESSAGES.forbidden, undefined, 'forbidden');
}

export async function listSuggestedMatches(member: Member, requestedPage: number, thresholds: readonly number[]): Promise<SuggestedMatchesPage> {
  requireAdmin(member);
  const { suggestions: all, asOf } = await cachedSuggestionsAsOf(await getDb(), member.practiceId);
  const { page, pageCount, offset } = pageOf(all.length, requestedPage, SUGGESTIONS_PAGE_SIZE);
  return { rows: all.slice(offset, offset + SUGGESTIONS_PAGE_SIZE).map(toSuggestionView), page, pageCount, asOf, ...tallyOf(all, thresholds) };
}

function tallyOf(all: readonly Suggestion[], thresholds: readonly number[]): SuggestionTally {
  return {
    total: all.length,
    atOrAbove: Object.fromEntries(thresholds.map((t) => [t, all.filter((s) => s.confidence >= t).length])),
    linkable: Object.fromEntries(thresholds.map((t) => [t, planBulkConfirm(all, t).link.length])),
  };
}

/** The counts as they are now, for a decision's receipt: read after the decision committed. */
export async function suggestionTally(member: Member, thresholds: readonly number[]): Promise<SuggestionTally> {
  requireAdmin(member);
  return tallyOf(await cachedSuggestions(await getDb(), member.practiceId), thresholds);
}

/** The transaction's id, for a receipt (assigned now if it has written nothing). */
async function transactionId(tx: Transaction): Promise<string> {
  const [row] = await queryRows<{ xid: string }>(tx, sql`select pg_current_xact_id()::text as xid`);
  return row!.xid;
}

/** How many suggestions each connected app has, for a pointer to this page (Integrations). Empty apps are left out. */
export async function countSuggestedMatches(member: Member): Promise<{ app: AppId; count: number }[]> {
  requireAdmin(member);
  const counts = new Map<AppId, number>();
  for (const s of await cachedSuggestions(await getDb(), member.practiceId)) counts.set(s.app, (counts.get(s.app) ?? 0) + 1);
  return [...counts].map(([app, count]) => ({ app, count }));
}

/** What "confirm all at or above" would link, and what it would skip and why, for the preview. */
export interface BulkPreview {
  minConfidence: number;
  link: SuggestionView[];
  skipped: { suggestion: SuggestionView; why: string }[];
}

function skipWords(reason: SkipReason, pair: Suggestion, instead: Suggestion): string {
  const app = appShortLabel(instead.app);
  switch (reason) {
    case 'client_taken':
      return `${instead.client.name} links to ${app}’s “${instead.record.name}” instead (a client links to one ${app} record)`;
    case 'record_taken':
      return `${app}’s “${instead.record.name}” links to ${instead.client.name} instead (a record links to one client)`;
    case 'tied':
      // Said of the side the pairs share: their other sides may even have the same name.
      return pair.clientId === instead.clientId
        ? `${pair.client.name} has other ${app} records as likely as this one, so none is linked: confirm the right one on its own`
        : `${app}’s “${pair.record.name}” has other clients as likely as this one, so none is linked: confirm the right one on its own`;
    case 'undecided':
      return `${instead.client.name} with ${app}’s “${instead.record.name}” is likelier and left for you to choose, so this waits too`;
  }
}

export async function previewBulkConfirm(member: Member, minConfidence: number): Promise<BulkPreview> {
  requireAdmin(member);
  const plan = planBulkConfirm(await cachedSuggestions(await getDb(), member.practiceId), minConfidence);
  return {
    minConfidence,
    link: plan.link.map(toSuggestionView),
    skipped: plan.skipped.map(({ pair, reason, instead }) => ({ suggestion: toSuggestionView(pair), why: skipWords(reason, pair, instead) })),
  };
}

type PairOutcome = { kind: 'linked' } | { kind: 'already_linked' } | { kind: 'refused'; why: string; code: 'refused' | 'not_found' };

async function lockRecord(tx: Transaction, practiceId: string, pair: PairInput) {
  // The picker's lock key for the same record: the picker and this page take turns.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`client-link:${practiceId}:${pair.app}:${pair.externalId}`}, 0))`);
}

/** Checks the pair as it is now (under the record's lock) and links it if nothing stands in the way. */
async function confirmPair(tx: Transaction, member: Member, pair: PairInput): Promise<PairOutcome> {
  const { practiceId } = member;
  const app = appShortLabel(pair.app);
  const [client] = await tx
    .select({ name: clients.name })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, pair.clientId), isNull(clients.archivedAt)));
  const [record] = await tx
    .select({ name: directoryRecords.name, archived: directoryRecords.archived })
    .from(directoryRecords)
    .where(and(eq(directoryRecords.practiceId, practiceId), eq(directoryRecords.app, pair.app), eq(directoryRecords.externalId, pair.externalId)));
  if (!client) return { kind: 'refused', code: 'not_found', why: 'That client no longer exists here or was archived.' };
  if (!record) return { kind: 'refused', code: 'not_found', why: `That ${app} record is no longer in ${app}’s directory.` };

  const links = await tx
    .select({ clientId: clientLinks.clientId, externalId: clientLinks.externalId, clientName: clients.name })
    .from(clientLinks)
    .innerJoin(clients, and(eq(clients.practiceId, clientLinks.practiceId), eq(clients.id, clientLinks.clientId)))
    .where(and(eq(clientLinks.practiceId, practiceId), eq(clientLinks.app, pair.app), or(eq(clientLinks.externalId, pair.externalId), eq(clientLinks.clientId, pair.clientId))));
  if (links.some((l) => l.clientId === pair.clientId && l.externalId === pair.externalId)) return { kind: 'already_linked' };
  const recordTaken = links.find((l) => l.externalId === pair.externalId);
  if (recordTaken)
    return { kind: 'refused', code: 'refused', why: `${app}’s “${record.name}” is already linked to ${recordTaken.clientName}. Unlink it there first if this pair is right.` };
  if (links.length > 0)
    return { kind: 'refused', code: 'refused', why: `${client.name} is already linked to another ${app} record. Unlink it on the client’s page first if this pair is right.` };
  if (record.archived) return { kind: 'refused', code: 'refused', why: `${app}’s “${record.name}” is archived in ${app}.` };

  if (!(await linkClient(tx, memberActor(member), { app: pair.app, externalId: pair.externalId, clientId: pair.clientId, lastSyncedHash: null }))) {
    // Only a link made without the lock gets here (the unique keys said no): say so, link nothing.
    return { kind: 'refused', code: 'refused', why: `${client.name} or ${app}’s “${record.name}” was linked by someone else just now.` };
  }
  return { kind: 'linked' };
}

/**
 * What a decision's transaction wrote, with the fingerprints read after it (cached-suggestions.ts):
 * read in the transaction, applied to the cached suggestions once it committed, so the counts
 * in the receipt and the page's refresh need not work every suggestion out again.
 */
async function written(tx: Transaction, practiceId: string, decision: PairDecision): Promise<{ decision: PairDecision; fingerprints: DecisionFingerprints } | null> {
  if (decision.linked.length === 0 && decision.dismissed.length === 0) return null;
  return { decision, fingerprints: await decisionFingerprints(tx, practiceId, decision) };
}

/** After the commit: the decision stands whatever happens here; at worst the next reader works the suggestions out. */
async function carry(practiceId: string, wrote: Awaited<ReturnType<typeof written>>): Promise<void> {
  if (!wrote) return;
  try {
    await carryDecision(practiceId, wrote.fingerprints, wrote.decision);
  } catch (error) {
    console.error('[suggested-matches] applying a decision to the cached suggestions failed', describeErrorForLog(error));
  }
}

/** Confirms one suggestion. Confirming a pair already linked together does nothing and says so. */
export async function confirmSuggestedMatch(member: Member, pair: PairInput): Promise<{ outcome: 'linked' | 'already_linked'; xid: string }> {
  requireAdmin(member);
  const db = await getDb();
  const { outcome, xid, wrote } = await db.transaction(async (tx) => {
    await lockRecord(tx, member.practiceId, pair);
    const outcome = await confirmPair(tx, member, pair);
    const wrote = await written(tx, member.practiceId, { linked: outcome.kind === 'linked' ? [pair] : [], dismissed: [] });
    return { outcome, xid: await transactionId(tx), wrote };
  });
  if (outcome.kind === 'refused') throw new ActionError(outcome.why, undefined, outcome.code);
  await carry(member.practiceId, wrote);
  return { outcome: outcome.kind, xid };
}

export interface BulkConfirmResult {
  linked: number;
  alreadyLinked: number;
  /** Each pair not linked, and why, in words. */
  skipped: { clientName: string; recordName: string; why: string }[];
  /** One sentence for the status region. */
  summary: string;
  /** The confirmation's transaction (DecisionReceipt). */
  xid: string;
}

/**
 * Links exactly the pairs the admin saw in the preview (sent back by the page, each checked
 * again here as a single confirmation is), one transaction for all. A pair
 * whose client or record was linked meanwhile — by someone else, or by an earlier pair of this
 * same request, taken in record order — is skipped with the reason. The preview's plan
 * (planBulkConfirm) already kept only one pair per client and record.
 */
export async function confirmSuggestedMatches(member: Member, pairs: readonly PairInput[]): Promise<BulkConfirmResult> {
  requireAdmin(member);
  if (pairs.length > MAX_PAIRS_PER_CONFIRMATION) throw new ActionError(`Confirm at most ${countOf(MAX_PAIRS_PER_CONFIRMATION, 'pair')} at a time.`, undefined, 'invalid');
  const db = await getDb();
  const names = await pairNames(member.practiceId, pairs);
  const transacted = await db.transaction(async (tx) => {
    // Every record's lock first, in one order: two admins confirming overlapping sets take
    // turns instead of deadlocking, and nothing is written before all locks are held.
    const unique = [...new Map(pairs.map((p) => [suggestionKey(p), p])).values()].sort((a, b) => `${a.app} ${a.externalId}`.localeCompare(`${b.app} ${b.externalId}`));
    for (const pair of unique) await lockRecord(tx, member.practiceId, pair);
    const out: BulkConfirmResult = { linked: 0, alreadyLinked: 0, skipped: [], summary: '', xid: await transactionId(tx) };
    const linked: PairInput[] = [];
    for (const pair of unique) {
      const outcome = await confirmPair(tx, member, pair);
      if (outcome.kind === 'linked') linked.push(pair);
      else if (outcome.kind === 'already_linked') out.alreadyLinked += 1;
      else out.skipped.push({ ...(names.get(suggestionKey(pair)) ?? { clientName: 'A client', recordName: 'a record' }), why: outcome.why });
    }
    out.linked = linked.length;
    return { out, wrote: await written(tx, member.practiceId, { linked, dismissed: [] }) };
  });
  const result = transacted.out;
  await carry(member.practiceId, transacted.wrote);
  // Every picker search joins the links. A thousand new links planned from statistics that
  // predate them made searches about twice as slow until the next sync run analysed the table
  // (3,000 clients, two runs of a probe script: p50 14–19 → 7–11 ms on PGlite, 6–7 → 2–3 ms
  // on PostgreSQL). The links are committed by now: a failure here is logged, not reported as
  // a failed confirmation.
  if (result.linked > 0) {
    await settlePlannerStats(db, ['client_links']).catch((error: unknown) =>
      console.error('[suggested-matches] analysing the links after a bulk confirmation failed', describeErrorForLog(error)),
    );
  }
  result.summary = [
    `Linked ${countOf(result.linked, 'pair')}.`,
    result.alreadyLinked ? `${countOf(result.alreadyLinked, 'pair was', 'pairs were')} already linked.` : '',
    result.skipped.length ? `Skipped ${countOf(result.skipped.length, 'pair')}: see below.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return result;
}

/** Names for the pairs, so a skipped pair is reported by name even if it is gone. */
async function pairNames(practiceId: string, pairs: readonly PairInput[]) {
  const db = await getDb();
  const out = new Map<string, { clientName: string; recordName: string }>();
  if (pairs.length === 0) return out;
  const rows = await queryRows<{ client_id: string; app: string; external_id: string; client_name: string | null; record_name: string | null }>(
    db,
    sql`select p.client_id, p.app, p.external_id, c.name as client_name, d.name as record_name
      from jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ client_id: p.clientId, app: p.app, external_id: p.externalId })))}::jsonb)
        as p(client_id uuid, app text, external_id text)
      left join clients c on c.practice_id = ${practiceId} and c.id = p.client_id
      left join directory_records d on d.practice_id = ${practiceId} and d.app::text = p.app and d.external_id = p.external_id`,
  );
  for (const r of rows) {
    out.set(suggestionKey({ clientId: r.client_id, app: r.app, externalId: r.external_id }), { clientName: r.client_name ?? 'A client', recordName: r.record_name ?? 'a record' });
  }
  return out;
}

/** "Not the same business": the pair is never suggested again. Dismissing twice changes nothing. */
export async function dismissSuggestedMatch(member: Member, pair: PairInput): Promise<{ xid: string }> {
  requireAdmin(member);
  const db = await getDb();
  const { xid, wrote } = await db.transaction(async (tx) => {
    const [client] = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.practiceId, member.practiceId), eq(clients.id, pair.clientId)));
    if (!client) throw new ActionError('That client no longer exists here.', undefined, 'not_found');
    const dismissed = await dismissMatchSuggestion(tx, memberActor(member), pair);
    return { xid: await transactionId(tx), wrote: await written(tx, member.practiceId, { linked: [], dismissed: dismissed ? [pair] : [] }) };
  });
  await carry(member.practiceId, wrote);
  return { xid };
}
