import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Transaction } from '@/db';
import { connectionGrants, connections, directoryRecords, settingsAudit, settingsCause } from '@/db/schema';
import { appShortLabel, type AppId } from '@/lib/apps/registry';
import { findSource, isInboundSource, recommendedPreset, safeDefaultsForNewConnection, type ConnectionSettings, type FieldChange } from '@/lib/sync/rules';
import { causeOf, judgeSettingsRequest, type SettingsRequest } from '@/lib/sync/settings-plan';
import type { Actor } from './actor';
import { CommandError } from './errors';
import { discardRunsPausedUnderOldSettings } from './sync-runs';

/**
 * The one write path for connections' sync settings and their audit (DESIGN §5): a
 * member's save (through lib/dal), a connect's safe defaults (the OAuth callback), a
 * disconnect. Each takes the caller's transaction and an actor that is already authorised;
 * every command locks the practice's connection rows in the same fixed order first, so two
 * writers never deadlock and each judges what it writes against the rows it holds.
 */

interface LockedConnection {
  id: string;
  app: AppId;
  status: 'connected' | 'needs_reauth' | 'error' | 'disconnected';
  syncData: ConnectionSettings['syncData'];
  direction: ConnectionSettings['direction'];
}

async function lockConnections(tx: Transaction, practiceId: string): Promise<LockedConnection[]> {
  return (
    tx
      .select({ id: connections.id, app: connections.app, status: connections.status, syncData: connections.syncData, direction: connections.syncDirection })
      .from(connections)
      .where(eq(connections.practiceId, practiceId))
      // A fixed order, so two writers lock the rows in the same order and never deadlock.
      .orderBy(connections.id)
      .for('update')
  );
}

/**
 * The practice's settings (connections not disconnected), locked for the caller's transaction:
 * a save on Integrations waits until it commits, so what the caller judged is what stays
 * while it acts on them (the wizard's first sync).
 */
export async function lockSettings(tx: Transaction, actor: Actor): Promise<ConnectionSettings[]> {
  const rows = await lockConnections(tx, actor.practiceId);
  return rows.filter((r) => r.status !== 'disconnected').map(({ app, syncData, direction }) => ({ app, syncData, direction }));
}

/** Every cause the audit column takes (the settings_cause enum). */
type AuditCause = (typeof settingsCause.enumValues)[number];

interface AuditRow {
  app: AppId;
  field: 'sync_data' | 'sync_direction';
  before: string | null;
  after: string | null;
  cause: AuditCause;
}

/**
 * Writes audit rows for the actor. Each row strictly after the practice's previous one (the
 * caller holds its connection rows locked), so the history lists saves, and the rows of one
 * save, in the order they happened even where the clock is coarse (PGlite ticks in ms).
 */
async function writeAudit(tx: Transaction, actor: Actor, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const [{ base } = { base: Date.now() }] = await queryRows<{ base: number | string }>(
    tx,
    sql`select (extract(epoch from greatest(clock_timestamp(), (select max(${settingsAudit.createdAt}) + interval '1 millisecond' from ${settingsAudit} where ${settingsAudit.practiceId} = ${actor.practiceId}))) * 1000)::float8 as base`,
  );
  await tx.insert(settingsAudit).values(
    rows.map((row, i) => ({
      practiceId: actor.practiceId,
      userId: actor.memberId,
      ...row,
      createdAt: new Date(Math.ceil(Number(base)) + i),
    })),
  );
}

/** Why settings changed, for the audit: the request's kind, or the wizard when the onboarding actor asked. */
function auditCause(actor: Actor, request: SettingsRequest): AuditCause {
  return actor.trigger === 'onboarding' ? 'onboarding' : causeOf(request);
}

export interface AppliedSettings {
  /** Field changes written (and audited), in write order. Empty when nothing needed to change. */
  changes: FieldChange[];
  source: AppId | null;
}

/**
 * Applies one settings request: lock the practice's connection rows, re-read them, judge
 * the request with the shared rules against the locked rows, write in the rules' safe order
 * (demotions first, so the partial unique index never sees two sources mid-transaction),
 * bump each settings version and audit each field. A refusal throws a CommandError
 * (`stale` when `seen` no longer matches, `refused` when a rule says no); the one-source
 * index stays the last defence, and the caller answers its violation (after rolling back).
 */
export async function applySettings(
  tx: Transaction,
  actor: Actor,
  request: SettingsRequest,
  /** The settings the caller's page showed; if they moved since, nothing is written. */
  seen?: readonly ConnectionSettings<string>[],
): Promise<AppliedSettings> {
  const rows = await lockConnections(tx, actor.practiceId);
  const live = rows.filter((r) => r.status !== 'disconnected');
  const current: ConnectionSettings[] = live.map((r) => ({ app: r.app, syncData: r.syncData, direction: r.direction }));

  // Nothing connected: say how to get a recommended setup rather than "applying" nothing.
  if (request.kind === 'recommended_preset' && current.length === 0) throw new CommandError('refused', recommendedPreset([]).why);
  const verdict = judgeSettingsRequest(current, request, seen);
  if (!verdict.ok) throw new CommandError(verdict.conflict ? 'stale' : 'refused', verdict.reason);

  const now = new Date();
  for (const change of verdict.changes) {
    const row = live.find((r) => r.app === change.app);
    if (!row) throw new Error(`applySettings: no row for ${change.app}`);
    await tx
      .update(connections)
      .set({
        syncData: change.after.syncData,
        syncDirection: change.after.direction,
        settingsVersion: sql`${connections.settingsVersion} + 1`,
        // The note explained the safe defaults; once an admin chooses, it no longer applies.
        settingsNote: null,
        updatedAt: now,
      })
      .where(and(eq(connections.id, row.id), eq(connections.practiceId, actor.practiceId)));
  }
  // Runs paused for review under the old settings must not apply once approved.
  for (const change of verdict.changes) await discardRunsPausedUnderOldSettings(tx, actor, change.app);
  const cause = auditCause(actor, request);
  await writeAudit(
    tx,
    actor,
    verdict.fieldChanges.map((f) => ({
      app: f.app,
      field: f.field === 'syncData' ? ('sync_data' as const) : ('sync_direction' as const),
      before: f.before,
      after: f.after,
      cause,
    })),
  );
  return { changes: verdict.fieldChanges, source: findSource(verdict.next) };
}

/**
 * Marks an app connected after its owner granted access (the OAuth callback). A fresh
 * connection (never made, or disconnected) starts from the safe defaults the rules choose
 * beside the practice's other connections, with the note that explains them, audited as
 * `connect_defaults`; a reconnect of a live connection keeps its settings. Grants and
 * their tokens are the caller's (lib/integrations), in the same transaction.
 */
export async function markConnected(tx: Transaction, actor: Actor, app: AppId): Promise<{ connectionId: string; created: boolean }> {
  const existing = await lockConnections(tx, actor.practiceId);
  const mine = existing.find((c) => c.app === app);
  const others = existing.filter((c) => c.app !== app && c.status !== 'disconnected').map((c) => ({ app: c.app, syncData: c.syncData, direction: c.direction }));
  const isFresh = !mine || mine.status === 'disconnected';
  const defaults = safeDefaultsForNewConnection(others, app);
  const now = new Date();
  const fresh = {
    connectedByUserId: actor.memberId,
    connectedAt: now,
    syncData: defaults.settings.syncData,
    syncDirection: defaults.settings.direction,
    settingsNote: defaults.explanation,
  };
  let connectionId: string;
  if (!mine) {
    const [row] = await tx
      .insert(connections)
      .values({ practiceId: actor.practiceId, app, status: 'connected', ...fresh })
      .returning({ id: connections.id });
    connectionId = row!.id;
  } else {
    connectionId = mine.id;
    await tx
      .update(connections)
      .set({ status: 'connected', lastError: null, updatedAt: now, ...(isFresh ? { ...fresh, directoryCursor: null } : {}) })
      .where(and(eq(connections.id, mine.id), eq(connections.practiceId, actor.practiceId)));
  }
  if (isFresh) {
    const before = mine ? { syncData: mine.syncData, direction: mine.direction } : { syncData: null, direction: null };
    await writeAudit(
      tx,
      actor,
      [
        { app, field: 'sync_data' as const, before: before.syncData, after: defaults.settings.syncData, cause: 'connect_defaults' as const },
        { app, field: 'sync_direction' as const, before: before.direction, after: defaults.settings.direction, cause: 'connect_defaults' as const },
      ].filter((a) => a.before !== a.after),
    );
  }
  return { connectionId, created: isFresh };
}

/**
 * Disconnects an app: deletes its grants (the caller revoked what it could first, outside
 * any transaction), sets Sync data to Nothing — which frees the source role, so a later
 * reconnect starts from safe defaults instead of silently becoming the source again — and
 * drops the directory, which mirrors what the app exposes. Clients and links stay.
 * Returns the deleted grants, for the caller to forget their cached token managers.
 */
export async function disconnect(tx: Transaction, actor: Actor, app: AppId): Promise<{ wasSource: boolean; grantIds: string[] }> {
  const connection = (await lockConnections(tx, actor.practiceId)).find((c) => c.app === app);
  if (!connection || connection.status === 'disconnected') throw new CommandError('not_found', `${appShortLabel(app)} is not connected.`);
  const grants = await tx
    .delete(connectionGrants)
    .where(and(eq(connectionGrants.connectionId, connection.id), eq(connectionGrants.practiceId, actor.practiceId)))
    .returning({ id: connectionGrants.id });
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
    .where(and(eq(connections.id, connection.id), eq(connections.practiceId, actor.practiceId)));
  if (connection.syncData !== 'nothing') {
    await writeAudit(tx, actor, [{ app, field: 'sync_data', before: connection.syncData, after: 'nothing', cause: 'disconnect' }]);
  }
  await discardRunsPausedUnderOldSettings(tx, actor, app);
  await tx.delete(directoryRecords).where(and(eq(directoryRecords.practiceId, actor.practiceId), eq(directoryRecords.app, app)));
  return { wasSource: isInboundSource({ syncData: connection.syncData, direction: connection.direction }), grantIds: grants.map((g) => g.id) };
}

/**
 * Removes one grant of a connection (one authorised Gusto company) and its directory
 * record. The last grant is not removed here: that is a disconnect (the caller decides).
 */
export async function removeGrant(tx: Transaction, actor: Actor, grant: { id: string; app: AppId; externalId: string }): Promise<void> {
  await tx.delete(connectionGrants).where(and(eq(connectionGrants.id, grant.id), eq(connectionGrants.practiceId, actor.practiceId)));
  await tx
    .delete(directoryRecords)
    .where(and(eq(directoryRecords.practiceId, actor.practiceId), eq(directoryRecords.app, grant.app), eq(directoryRecords.externalId, grant.externalId)));
}
