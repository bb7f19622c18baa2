import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { clientLinks, connectionGrants, connections, directoryRecords, users } from '@/db/schema';
import { appAdapter } from '@/lib/apps/adapters';
import { APP_IDS, appShortLabel, type AppId } from '@/lib/apps/registry';
import { memberActor } from '@/lib/commands/actor';
import { disconnect, removeGrant } from '@/lib/commands/connections';
import { forgetGrant } from '@/lib/integrations/grant-clients';
import { runningRefresh } from '@/lib/integrations/refresh-runner';
import { openFor } from '@/lib/integrations/token-sealing';
import { ActionError, MESSAGES } from './action';
import type { Member } from './session';

export type { AppId };

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
  const links = await db.select({ app: clientLinks.app, n: count() }).from(clientLinks).where(eq(clientLinks.practiceId, member.practiceId)).groupBy(clientLinks.app);
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
  return APP_IDS.map((app) => {
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
    .select({ id: connections.id, status: connections.status })
    .from(connections)
    .where(and(eq(connections.practiceId, member.practiceId), eq(connections.app, app)));
  return row ?? null;
}

function notConnected(app: AppId): ActionError {
  return new ActionError(`${appShortLabel(app)} is not connected.`, undefined, 'not_found');
}

function requireAdmin(member: Member): void {
  if (member.role !== 'admin') throw new ActionError(MESSAGES.forbidden, undefined, 'forbidden');
}

/** Revokes what can be revoked; a failure to revoke never blocks disconnecting here. */
async function revokeGrantQuietly(app: AppId, grant: { id: string; refreshSealed: string | null }) {
  if (!grant.refreshSealed) return;
  try {
    await appAdapter(app).revokeToken(openFor(grant.id, 'refresh_token', grant.refreshSealed));
  } catch (error) {
    console.warn(`[connections] revoking a ${app} grant failed; its tokens are deleted anyway`, error instanceof Error ? error.message : '');
  }
}

/**
 * Disconnect: revoke (network, before any transaction), then the one write path
 * (lib/commands/connections.ts `disconnect`): tokens deleted, Sync data Nothing, directory
 * dropped; clients and links kept.
 */
export async function disconnectApp(member: Member, app: AppId): Promise<{ wasSource: boolean }> {
  requireAdmin(member);
  const connection = await findConnection(member, app);
  if (!connection || connection.status === 'disconnected') throw notConnected(app);
  const db = await getDb();
  const grants = await db
    .select({ id: connectionGrants.id, refreshSealed: connectionGrants.refreshTokenSealed })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.connectionId, connection.id), eq(connectionGrants.practiceId, member.practiceId)));
  for (const grant of grants) await revokeGrantQuietly(app, grant);
  const result = await db.transaction((tx) => disconnect(tx, memberActor(member), app));
  for (const id of new Set([...grants.map((g) => g.id), ...result.grantIds])) forgetGrant(id);
  return { wasSource: result.wasSource };
}

/** Removes one authorised Gusto company; the last one disconnects Gusto. */
export async function removeGustoCompany(member: Member, grantId: string): Promise<void> {
  requireAdmin(member);
  const db = await getDb();
  const [grant] = await db
    .select({
      id: connectionGrants.id,
      connectionId: connectionGrants.connectionId,
      externalId: connectionGrants.externalId,
      refreshSealed: connectionGrants.refreshTokenSealed,
      app: connections.app,
    })
    .from(connectionGrants)
    .innerJoin(connections, eq(connections.id, connectionGrants.connectionId))
    .where(and(eq(connectionGrants.id, grantId), eq(connectionGrants.practiceId, member.practiceId)));
  if (!grant || grant.app !== 'gusto') throw new ActionError('That Gusto company is not connected.', undefined, 'not_found');
  const [{ remaining } = { remaining: 0 }] = await db
    .select({ remaining: count() })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.connectionId, grant.connectionId), eq(connectionGrants.practiceId, member.practiceId)));
  if (remaining <= 1) {
    await disconnectApp(member, 'gusto');
    return;
  }
  await revokeGrantQuietly('gusto', grant);
  await db.transaction((tx) => removeGrant(tx, memberActor(member), { id: grant.id, app: 'gusto', externalId: grant.externalId }));
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
  requireAdmin(member);
  const connection = await findConnection(member, app);
  if (!connection || connection.status === 'disconnected') throw notConnected(app);
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
