import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { clientLinks, connectionGrants, connections, directoryRecords, settingsAudit, users } from '@/db/schema';
import { forgetGrant } from '@/lib/integrations/grant-clients';
import { runningRefresh } from '@/lib/integrations/refresh-runner';
import { openFor } from '@/lib/integrations/token-sealing';
import { gustoConfig, xpmConfig } from '@/lib/integrations/provider-config';
import { revokeGustoToken } from '@/lib/providers/gusto';
import { revokeXpmToken } from '@/lib/providers/xpm';
import { isInboundSource } from '@/lib/sync/rules';
import { ActionError } from './action';
import type { Member } from './session';

export type AppId = 'xpm' | 'gusto';
export const APPS: readonly AppId[] = ['xpm', 'gusto'];

export interface GrantView {
  id: string;
  externalId: string;
  label: string;
  status: string;
  lastError: string | null;
  connectedAt: Date;
}

export interface ConnectionView {
  app: AppId;
  id: string | null;
  status: 'connected' | 'needs_reauth' | 'error' | 'disconnected' | 'not_connected';
  connectedByName: string | null;
  connectedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  syncData: 'everything' | 'client_name' | 'nothing';
  direction: 'from_app' | 'to_app';
  settingsNote: string | null;
  directoryCount: number;
  directoryRefreshedAt: Date | null;
  linkedClients: number;
  /** A directory refresh is running in this server process (its outcome lands on the card). */
  refreshing: boolean;
  grants: GrantView[];
}

/** Everything the Integrations page shows, for both apps, scoped to the member's practice. No tokens. */
export async function listConnections(member: Member): Promise<ConnectionView[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: connections.id,
      app: connections.app,
      status: connections.status,
      connectedByName: users.name,
      connectedAt: connections.connectedAt,
      lastSuccessAt: connections.lastSuccessAt,
      lastError: connections.lastError,
      syncData: connections.syncData,
      direction: connections.syncDirection,
      settingsNote: connections.settingsNote,
      directoryRefreshedAt: connections.directoryRefreshedAt,
    })
    .from(connections)
    .leftJoin(users, eq(users.id, connections.connectedByUserId))
    .where(eq(connections.practiceId, member.practiceId));
  const counts = await db
    .select({ app: directoryRecords.app, n: count() })
    .from(directoryRecords)
    .where(and(eq(directoryRecords.practiceId, member.practiceId), eq(directoryRecords.archived, false)))
    .groupBy(directoryRecords.app);
  const links = await db
    .select({ app: clientLinks.app, n: count() })
    .from(clientLinks)
    .where(eq(clientLinks.practiceId, member.practiceId))
    .groupBy(clientLinks.app);
  const grants = await db
    .select({
      id: connectionGrants.id,
      connectionId: connectionGrants.connectionId,
      externalId: connectionGrants.externalId,
      label: connectionGrants.label,
      status: connectionGrants.status,
      lastError: connectionGrants.lastError,
      connectedAt: connectionGrants.createdAt,
    })
    .from(connectionGrants)
    .where(eq(connectionGrants.practiceId, member.practiceId))
    .orderBy(connectionGrants.label);
  return APPS.map((app) => {
    const row = rows.find((r) => r.app === app);
    return {
      app,
      id: row?.id ?? null,
      status: row?.status ?? 'not_connected',
      connectedByName: row?.connectedByName ?? null,
      connectedAt: row?.connectedAt ?? null,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      lastError: row?.lastError ?? null,
      syncData: row?.syncData ?? 'nothing',
      direction: row?.direction ?? 'from_app',
      settingsNote: row?.settingsNote ?? null,
      directoryCount: row && row.status !== 'disconnected' ? (counts.find((c) => c.app === app)?.n ?? 0) : 0,
      directoryRefreshedAt: row?.directoryRefreshedAt ?? null,
      linkedClients: links.find((l) => l.app === app)?.n ?? 0,
      refreshing: row ? runningRefresh(row.id) !== undefined : false,
      grants: row ? grants.filter((g) => g.connectionId === row.id).map(({ connectionId: _c, ...g }) => g) : [],
    };
  });
}

async function findConnection(member: Member, app: AppId) {
  const db = await getDb();
  const [row] = await db
    .select({ id: connections.id, status: connections.status, syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(and(eq(connections.practiceId, member.practiceId), eq(connections.app, app)));
  return row ?? null;
}

/** Revokes what can be revoked; a failure to revoke never blocks disconnecting here. */
async function revokeGrantQuietly(app: AppId, grant: { id: string; practiceId: string; connectionId: string; externalId: string; refreshSealed: string | null }) {
  if (!grant.refreshSealed) return;
  try {
    const refreshToken = openFor(grant.id, 'refresh_token', grant.refreshSealed);
    if (app === 'xpm') await revokeXpmToken(xpmConfig(), refreshToken);
    else await revokeGustoToken(gustoConfig(), refreshToken);
  } catch (error) {
    console.warn(`[connections] revoking a ${app} grant failed; its tokens are deleted anyway`, error instanceof Error ? error.message : '');
  }
}

/**
 * Disconnect: revoke, delete the tokens, keep clients, links and the directory's history.
 * Sync data becomes Nothing, which frees the source role — and a later reconnect starts
 * from safe defaults instead of silently becoming the source again.
 */
export async function disconnectApp(member: Member, app: AppId): Promise<{ wasSource: boolean }> {
  const connection = await findConnection(member, app);
  if (!connection || connection.status === 'disconnected') throw new ActionError(`${app === 'xpm' ? 'XPM' : 'Gusto'} is not connected.`);
  const db = await getDb();
  const grants = await db
    .select({ id: connectionGrants.id, practiceId: connectionGrants.practiceId, connectionId: connectionGrants.connectionId, externalId: connectionGrants.externalId, refreshSealed: connectionGrants.refreshTokenSealed })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.connectionId, connection.id), eq(connectionGrants.practiceId, member.practiceId)));
  for (const grant of grants) await revokeGrantQuietly(app, grant);
  const wasSource = isInboundSource({ syncData: connection.syncData, direction: connection.direction });
  await db.transaction(async (tx) => {
    await tx.delete(connectionGrants).where(and(eq(connectionGrants.connectionId, connection.id), eq(connectionGrants.practiceId, member.practiceId)));
    await tx
      .update(connections)
      .set({
        status: 'disconnected',
        syncData: 'nothing',
        lastError: null,
        directoryCursor: null,
        settingsNote: null,
        // A settings page opened before the disconnect must see that its view is stale.
        settingsVersion: sql`${connections.settingsVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(connections.id, connection.id), eq(connections.practiceId, member.practiceId)));
    if (connection.syncData !== 'nothing') {
      await tx.insert(settingsAudit).values({ practiceId: member.practiceId, app, userId: member.userId, field: 'sync_data', before: connection.syncData, after: 'nothing', cause: 'disconnect' });
    }
    // The directory mirrors what the app exposes; without a connection it is stale. Links stay.
    await tx.delete(directoryRecords).where(and(eq(directoryRecords.practiceId, member.practiceId), eq(directoryRecords.app, app)));
  });
  for (const grant of grants) forgetGrant(grant.id);
  return { wasSource };
}

/** Removes one authorised Gusto company; the last one disconnects Gusto. */
export async function removeGustoCompany(member: Member, grantId: string): Promise<void> {
  const db = await getDb();
  const [grant] = await db
    .select({ id: connectionGrants.id, practiceId: connectionGrants.practiceId, connectionId: connectionGrants.connectionId, externalId: connectionGrants.externalId, refreshSealed: connectionGrants.refreshTokenSealed, app: connections.app })
    .from(connectionGrants)
    .innerJoin(connections, eq(connections.id, connectionGrants.connectionId))
    .where(and(eq(connectionGrants.id, grantId), eq(connectionGrants.practiceId, member.practiceId)));
  if (!grant || grant.app !== 'gusto') throw new ActionError('That Gusto company is not connected.');
  const [{ remaining } = { remaining: 0 }] = await db
    .select({ remaining: count() })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.connectionId, grant.connectionId), eq(connectionGrants.practiceId, member.practiceId)));
  if (remaining <= 1) {
    await disconnectApp(member, 'gusto');
    return;
  }
  await revokeGrantQuietly('gusto', grant);
  await db.transaction(async (tx) => {
    await tx.delete(connectionGrants).where(and(eq(connectionGrants.id, grant.id), eq(connectionGrants.practiceId, member.practiceId)));
    await tx
      .delete(directoryRecords)
      .where(and(eq(directoryRecords.practiceId, member.practiceId), eq(directoryRecords.app, 'gusto'), eq(directoryRecords.externalId, grant.externalId)));
  });
  forgetGrant(grant.id);
}

/** The name an authorised grant is known by (a Gusto company's name once its directory is filled). */
export async function grantLabel(member: Member, grantId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ label: connectionGrants.label })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.practiceId, member.practiceId), eq(connectionGrants.id, grantId)));
  return row?.label ?? null;
}

export async function connectionForRefresh(member: Member, app: AppId): Promise<{ id: string; app: AppId }> {
  const connection = await findConnection(member, app);
  if (!connection || connection.status === 'disconnected') throw new ActionError(`${app === 'xpm' ? 'XPM' : 'Gusto'} is not connected.`);
  return { id: connection.id, app };
}

/** For tests and diagnostics: whether any grant of the practice still holds tokens. */
export async function practiceHoldsTokens(practiceId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.practiceId, practiceId), sql`${connectionGrants.accessTokenSealed} is not null`));
  return (row?.n ?? 0) > 0;
}


