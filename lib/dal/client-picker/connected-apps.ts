import 'server-only';
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '@/db';
import { connections } from '@/db/schema';
import { APP_IDS } from '@/lib/apps/ids';
import type { AppId } from '@/lib/sync/canonical-client';

/**
 * The apps whose directories the picker searches: every app the practice has connected and
 * not disconnected. A connection that needs re-authorisation still has a useful directory.
 */
export async function connectedApps(db: Database | Transaction, practiceId: string): Promise<AppId[]> {
  const rows = await db.select({ app: connections.app }).from(connections).where(isConnected(practiceId));
  return inAppOrder(rows.map((r) => r.app));
}

/** The practice's connections that count as connected, for a query that reads more of them (a client's Sync section reads their settings). */
export function isConnected(practiceId: string): SQL | undefined {
  return and(eq(connections.practiceId, practiceId), ne(connections.status, 'disconnected'));
}

/**
 * The same question as `connectedApps`, as a subquery to put inside another statement: one row,
 * `apps`, the practice's connected apps as an array (empty when none). The picker's search asks
 * it in its own statement, saving a round trip per search (search-query.ts).
 */
export function connectedAppsSubquery(practiceId: string): SQL {
  return sql`select coalesce(array_agg(app order by app), '{}') as apps from connections
    where practice_id = ${practiceId} and status <> 'disconnected'`;
}

/** A fixed order, so results and badges never shuffle between searches. */
export function inAppOrder(apps: Iterable<string>): AppId[] {
  const found = new Set(apps);
  return APP_IDS.filter((app) => found.has(app));
}

/**
 * A client's app badges: the apps it is linked to that are connected, in the fixed order. A link
 * to an app since disconnected is no badge: the picker no longer searches that app. Every list
 * the picker shows badges a client so (search, likely duplicates, a picked record's look-alikes).
 */
export function connectedBadges(linkedApps: readonly string[] | null, connected: readonly AppId[]): AppId[] {
  return connected.filter((app) => linkedApps?.includes(app));
}
