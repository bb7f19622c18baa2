import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Database, Transaction } from '@/db';
import { connections } from '@/db/schema';
import type { AppId } from '@/lib/sync/canonical-client';

/**
 * The apps whose directories the picker searches: every app the practice has connected and
 * not disconnected. A connection that needs re-authorisation still has a useful directory.
 */
export async function connectedApps(db: Database | Transaction, practiceId: string): Promise<AppId[]> {
  const rows = await db
    .select({ app: connections.app })
    .from(connections)
    .where(and(eq(connections.practiceId, practiceId), ne(connections.status, 'disconnected')));
  const apps = new Set(rows.map((r) => r.app));
  // A fixed order, so results and badges never shuffle between searches.
  return (['xpm', 'gusto'] as const).filter((app) => apps.has(app));
}
