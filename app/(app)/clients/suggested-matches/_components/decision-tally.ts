import { countOf, formatCount } from '@/lib/format/count';

/**
 * How many suggested pairs there are, as the page says it ("3 likely pairs", "80% confidence
 * (2 pairs)"), kept right while the person decides them.
 *
 * Three sources, each right about something:
 * - the page as the server drew it (`Listed`): every pair, read under one database snapshot;
 * - the server's answer to the last decision (`Answered`): the counts read after it committed,
 *   with its transaction id. It arrives before the page's refresh (Next resolves an action's
 *   promise first, and draws the refreshed page in a later transition: under load, a while
 *   later), and it already counts what linking took off the list elsewhere: other pairs of the
 *   same client or record, on other pages too;
 * - decisions not answered yet (`pending`): their own pairs, taken off at once.
 *
 * Whichever of the first two is newer is the base: the page, once its snapshot includes the
 * last answered decision; until then, the answer. Comparing transaction ids, not arrival
 * order, is what keeps an older refresh (the first of two quick decisions) from putting the
 * second pair back into the count.
 */
export interface Tally {
  total: number;
  /** For each bulk-confirmation threshold, how many pairs reach it. */
  atOrAbove: Readonly<Record<number, number>>;
  /**
   * For each threshold, how many of those "confirm all" would link (the server's planBulkConfirm):
   * fewer where pairs share a client or record. Absent: all of them.
   */
  linkable?: Readonly<Record<number, number>>;
}

export interface Listed extends Tally {
  /** The database snapshot the counts were read under (`pg_current_snapshot()` as text). */
  asOf: string;
}

export interface Answered {
  /** The decision's transaction (`pg_current_xact_id()` as text). */
  xid: string;
  tally: Tally;
}

export interface CountedPair {
  key: string;
  confidence: number;
}

/**
 * Whether a transaction's work is in a snapshot, as PostgreSQL decides it
 * (`pg_visible_in_snapshot`): the snapshot's text is `xmin:xmax:xip,…`; a transaction is in it
 * when it ended before `xmin`, or began before `xmax` and is not among those in progress.
 * Transaction ids are 64-bit (epoch and xid), so they are compared as bigints. A snapshot that
 * cannot be read includes nothing: the answer's counts stay until a readable one arrives.
 */
export function snapshotIncludes(snapshot: string, xid: string): boolean {
  const match = /^(\d+):(\d+):([\d,]*)$/.exec(snapshot);
  if (!match || !/^\d+$/.test(xid)) return false;
  const id = BigInt(xid);
  const [, xmin, xmax, inProgress] = match;
  if (id < BigInt(xmin!)) return true;
  if (id >= BigInt(xmax!)) return false;
  return !inProgress!.split(',').some((x) => x !== '' && BigInt(x) === id);
}

/**
 * The counts with these pairs taken off; never below zero. How many are linkable is the
 * server's to say (which pairs win a shared client or record): until its answer, no more than
 * the pairs left.
 */
export function withoutPairs(tally: Tally, pairs: readonly CountedPair[]): Tally {
  const atOrAbove: Record<number, number> = {};
  for (const [threshold, count] of Object.entries(tally.atOrAbove)) {
    const t = Number(threshold);
    atOrAbove[t] = Math.max(0, count - pairs.filter((p) => p.confidence >= t).length);
  }
  const { linkable } = tally;
  if (!linkable) return { total: Math.max(0, tally.total - pairs.length), atOrAbove };
  const bounded = Object.fromEntries(Object.entries(linkable).map(([t, n]) => [t, Math.min(n, atOrAbove[Number(t)] ?? n)]));
  return { total: Math.max(0, tally.total - pairs.length), atOrAbove, linkable: bounded };
}

/**
 * A bulk threshold as the picker lists it: what confirming would link. "90% confidence (3
 * pairs)" when all would be; "90% confidence (links 1 of 3 pairs)" when pairs sharing a client
 * or record leave some for a person (a trial read "3 pairs" and saw 1 linked).
 */
export function bulkChoiceLabel(choice: number, tally: Tally): string {
  const pairs = tally.atOrAbove[choice] ?? 0;
  const linkable = tally.linkable?.[choice] ?? pairs;
  return linkable === pairs ? `${choice}% confidence (${countOf(pairs, 'pair')})` : `${choice}% confidence (links ${formatCount(linkable)} of ${countOf(pairs, 'pair')})`;
}

/** What the page shows: the newer of the page and the last answer, less the pairs still being decided. */
export function shownTally(listed: Listed, answered: Answered | null, pending: readonly CountedPair[]): Tally {
  const base = answered && !snapshotIncludes(listed.asOf, answered.xid) ? answered.tally : listed;
  return withoutPairs({ total: base.total, atOrAbove: base.atOrAbove, ...(base.linkable ? { linkable: base.linkable } : {}) }, pending);
}

export interface PairSides {
  key: string;
  clientId: string;
  app: string;
  externalId: string;
}

/**
 * The pairs that linking `linked` takes off the list: a client links to one record of each
 * app and a record to one client, so every pair sharing either side with a linked pair stops
 * being a suggestion (find-suggestions.ts keeps only unlinked sides). The linked pairs
 * themselves are included.
 */
export function pairsTakenByLinking<P extends PairSides>(linked: readonly PairSides[], rows: readonly P[]): P[] {
  const clients = new Set(linked.map((p) => `${p.clientId} ${p.app}`));
  const records = new Set(linked.map((p) => `${p.app} ${p.externalId}`));
  return rows.filter((r) => clients.has(`${r.clientId} ${r.app}`) || records.has(`${r.app} ${r.externalId}`));
}
