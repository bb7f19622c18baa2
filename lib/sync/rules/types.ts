import type { AppId } from '../canonical-client';

/**
 * The vocabulary of sync settings (DESIGN §2 "Sync settings", §3). Every type is generic
 * in the app id so a capabilities table with more apps (tests, a future QuickBooks Online
 * or Karbon) type-checks without touching these files; it defaults to today's AppId.
 */
export type { AppId };

export const SYNC_DATA_VALUES = ['everything', 'client_name', 'nothing'] as const;
export type SyncData = (typeof SYNC_DATA_VALUES)[number];

export const SYNC_DIRECTIONS = ['from_app', 'to_app'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

/** One connection's sync settings. Pass only connections that exist (not disconnected). */
export interface ConnectionSettings<A extends string = AppId> {
  app: A;
  syncData: SyncData;
  direction: SyncDirection;
}

/** A requested change to one connection; omitted fields stay as they are. */
export interface SettingsChange<A extends string = AppId> {
  app: A;
  syncData?: SyncData;
  direction?: SyncDirection;
}

/** One connection's settings before and after a change, for previews and for applying. */
export interface AppChange<A extends string = AppId> {
  app: A;
  before: ConnectionSettings<A>;
  after: ConnectionSettings<A>;
}

/** One field of one connection, before → after: one row of a preview or the audit trail. */
export type FieldChange<A extends string = AppId> =
  | { app: A; field: 'syncData'; before: SyncData; after: SyncData }
  | { app: A; field: 'direction'; before: SyncDirection; after: SyncDirection };

export function isSyncData(value: unknown): value is SyncData {
  return typeof value === 'string' && (SYNC_DATA_VALUES as readonly string[]).includes(value);
}

export function isSyncDirection(value: unknown): value is SyncDirection {
  return typeof value === 'string' && (SYNC_DIRECTIONS as readonly string[]).includes(value);
}

/**
 * Whether an app's scheduled sync is due now (a sync then starts within a few minutes once the
 * app syncs in): its first ever, the next after earlier ones, or not due (null).
 */
export type RunDue = 'first' | 'next' | null;
