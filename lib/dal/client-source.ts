import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { clientLinks, connections, directoryRecords } from '@/db/schema';
import { type ClientSourceNotice, clientSourceNotice } from '@/lib/clients/source-notice';
import { syncedHashSql } from '@/lib/sync/engine/select-work';
import { findSource } from '@/lib/sync/rules/source';
import { isConnected } from './client-picker/connected-apps';
import type { Member } from './session';

/**
 * Whether the practice's client source will overwrite what is typed in this client's edit form,
 * and in words (lib/clients/source-notice.ts): read from the practice's connected apps' saved
 * settings and this client's links, both scoped by the member's practice. Only the notice goes
 * to the browser — no record ids, hashes or settings beyond what it says. Null for a client of
 * another practice (it has no links there) or one no source overwrites.
 */
export async function getClientSourceNotice(member: Member, clientId: string): Promise<ClientSourceNotice | null> {
  const db = await getDb();
  const settings = await db
    .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(isConnected(member.practiceId));
  if (!findSource(settings)) return null; // no app overwrites anything here: no links to read
  // A link is in step when its last applied record is the directory's record as it is now under
  // the app's current Sync data: the engine's own test (select-work.ts), so the next sync
  // leaves it alone until the record changes in the app.
  const links = await db
    .select({
      app: clientLinks.app,
      inStep: sql<boolean>`coalesce(${clientLinks.lastSyncedHash} = ${syncedHashSql(sql`${directoryRecords.payloadHash}`, sql`${connections.syncData}`)}, false)`,
    })
    .from(clientLinks)
    .innerJoin(connections, and(eq(connections.practiceId, clientLinks.practiceId), eq(connections.app, clientLinks.app)))
    .leftJoin(
      directoryRecords,
      and(eq(directoryRecords.practiceId, clientLinks.practiceId), eq(directoryRecords.app, clientLinks.app), eq(directoryRecords.externalId, clientLinks.externalId)),
    )
    .where(and(eq(clientLinks.practiceId, member.practiceId), eq(clientLinks.clientId, clientId)));
  return clientSourceNotice(settings, links);
}
