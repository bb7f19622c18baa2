import 'server-only';
import { and, count, desc, eq, ne } from 'drizzle-orm';
import { getDb } from '@/db';
import { clientLinks, connections, practices, settingsAudit, users } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import { applySettings, type AppliedSettings } from '@/lib/commands/connections';
import { CAPABILITIES, findSource, sourceChangedConcurrentlyReason, type AppId, type ConnectionSettings, type RunDue, type SyncData, type SyncDirection } from '@/lib/sync/rules';
import { isScheduledRunDue } from '@/lib/sync/schedule';
import type { SettingsRequest } from '@/lib/sync/settings-plan';
import { ActionError } from './action';
import { lastRunStartedAt } from './last-run-started';
import type { Member } from './session';

/**
 * Sync settings (issue 4): what the Integrations page shows, the change history, and the
 * member's way into the one write path for settings (lib/commands/connections.ts). The
 * one-source rule is re-checked there, inside the transaction that holds the practice's
 * connection rows locked, and the database's partial unique index stays the last defence.
 */

export const ONE_SOURCE_INDEX = 'connections_one_inbound_source_key';
export const ADMINS_ONLY_SETTINGS = 'Only practice admins can change sync settings.';
export const CONCURRENT_CHANGE_REASON = 'Another change to sync settings was saved at the same moment — review and try again.';

export interface SyncSettingsView {
  app: AppId;
  status: 'connected' | 'needs_reauth' | 'error';
  syncData: SyncData;
  direction: SyncDirection;
  version: number;
  /** Active links to this app's records: the clients a sync would touch. */
  linkedClients: number;
  /**
   * Whether the app's scheduled sync is due now, so that a sync starts within a few minutes
   * once the app is (or while it stays) a source that syncs in: 'first' when it has never run
   * (the scheduler runs a new source at once, not at its next 06:00), 'next' when its time has
   * passed, null when it is not due. The consequence texts say so (describeSettingsEffect).
   */
  runDue: RunDue;
}

export interface SyncSettingsPage {
  /** Connections that exist (not disconnected), in capabilities-table order. */
  connections: SyncSettingsView[];
  timezone: string;
}

const APP_ORDER = Object.keys(CAPABILITIES) as AppId[];

export async function getSyncSettings(member: Member, now: Date = new Date()): Promise<SyncSettingsPage> {
  const db = await getDb();
  const [rows, links, practice] = await Promise.all([
    db
      .select({
        app: connections.app,
        status: connections.status,
        syncData: connections.syncData,
        direction: connections.syncDirection,
        version: connections.settingsVersion,
      })
      .from(connections)
      .where(and(eq(connections.practiceId, member.practiceId), ne(connections.status, 'disconnected'))),
    db
      .select({ app: clientLinks.app, n: count() })
      .from(clientLinks)
      .where(and(eq(clientLinks.practiceId, member.practiceId), eq(clientLinks.status, 'active')))
      .groupBy(clientLinks.app),
    db.select({ timezone: practices.timezone }).from(practices).where(eq(practices.id, member.practiceId)),
  ]);
  const timezone = practice[0]?.timezone ?? 'UTC';
  const lastRuns = await Promise.all(rows.map(async (row) => ({ app: row.app, at: await lastRunStartedAt(db, member.practiceId, row.app) })));
  const runDue = (app: AppId, status: string): RunDue => {
    // The scheduler starts nothing for a connection that needs a person (lib/jobs/scheduler.ts).
    if (status !== 'connected') return null;
    const lastRunAt = lastRuns.find((r) => r.app === app)?.at ?? null;
    if (!isScheduledRunDue({ app, lastRunAt, now, timeZone: timezone })) return null;
    return lastRunAt ? 'next' : 'first';
  };
  const views = rows
    .flatMap((row) =>
      row.status === 'disconnected' ? [] : [{ ...row, status: row.status, linkedClients: links.find((l) => l.app === row.app)?.n ?? 0, runDue: runDue(row.app, row.status) }],
    )
    .sort((a, b) => APP_ORDER.indexOf(a.app) - APP_ORDER.indexOf(b.app));
  return { connections: views, timezone };
}

export interface SettingsHistoryEntry {
  id: string;
  app: AppId;
  field: string;
  before: string | null;
  after: string | null;
  cause: string;
  at: Date;
  /** The member's name; null when Practice Sync itself made the change. */
  who: string | null;
}

/** The practice's settings audit trail, newest first. */
export async function listSettingsHistory(member: Member, limit = 50): Promise<SettingsHistoryEntry[]> {
  const db = await getDb();
  return (
    db
      .select({
        id: settingsAudit.id,
        app: settingsAudit.app,
        field: settingsAudit.field,
        before: settingsAudit.before,
        after: settingsAudit.after,
        cause: settingsAudit.cause,
        at: settingsAudit.createdAt,
        who: users.name,
      })
      .from(settingsAudit)
      // The name only of a member of the same practice (users keeps removed members' names).
      .leftJoin(users, and(eq(users.id, settingsAudit.userId), eq(users.practiceId, settingsAudit.practiceId)))
      .where(eq(settingsAudit.practiceId, member.practiceId))
      .orderBy(desc(settingsAudit.createdAt), desc(settingsAudit.id))
      .limit(Math.min(Math.max(limit, 1), 500))
  );
}

export type { AppliedSettings };

/**
 * Applies one settings request for the member's practice: admins only, then the one write
 * path (lib/commands/connections.ts `applySettings`) in one transaction. What the command
 * refuses comes back as its CommandError (`stale`, `refused`); a race the database settles
 * (the one-source index, a deadlock) is answered here, after the rollback, in words that
 * name what changed.
 */
export async function applySettingsRequest(
  member: Member,
  request: SettingsRequest,
  /** The settings the admin's page showed; if they moved since, nothing is written. */
  seen?: readonly ConnectionSettings<string>[],
): Promise<AppliedSettings> {
  if (member.role !== 'admin') throw new ActionError(ADMINS_ONLY_SETTINGS, undefined, 'forbidden');
  const db = await getDb();
  try {
    return await db.transaction((tx) => applySettings(tx, memberActor(member), request, seen));
  } catch (error) {
    if (isOneSourceViolation(error)) {
      // Another writer made its app the source between our read and our write (e.g. a
      // connection row we could not lock because it did not exist yet). Name it.
      const source = await currentSource(member);
      throw new ActionError(source ? sourceChangedConcurrentlyReason(CAPABILITIES, source) : CONCURRENT_CHANGE_REASON, undefined, 'conflict');
    }
    if (isRetryableConflict(error)) throw new ActionError(CONCURRENT_CHANGE_REASON, undefined, 'conflict');
    throw error;
  }
}

async function currentSource(member: Member): Promise<AppId | null> {
  const db = await getDb();
  const rows = await db
    .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(and(eq(connections.practiceId, member.practiceId), ne(connections.status, 'disconnected')));
  return findSource(rows);
}

// ── Database errors ──────────────────────────────────────────────────────────────────

interface PgErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The PostgreSQL error inside whatever wraps it (drizzle puts the driver's error in `cause`). */
export function postgresError(error: unknown): { code: string; constraint: string | null; message: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as PgErrorLike;
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, constraint: typeof e.constraint === 'string' ? e.constraint : null, message: typeof e.message === 'string' ? e.message : '' };
    }
    current = e.cause;
  }
  return null;
}

/** A unique violation of the one-source index (code 23505), however the driver reports it. */
export function isOneSourceViolation(error: unknown): boolean {
  const pg = postgresError(error);
  if (!pg || pg.code !== '23505') return false;
  // Some drivers omit the constraint field; the message still names the index.
  return pg.constraint === ONE_SOURCE_INDEX || pg.message.includes(ONE_SOURCE_INDEX);
}

/** Deadlock or serialization failure: nothing was written; the admin can simply retry. */
export function isRetryableConflict(error: unknown): boolean {
  const code = postgresError(error)?.code;
  return code === '40P01' || code === '40001';
}
