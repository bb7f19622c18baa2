import { capabilityOf, defaultCapabilities, supports, type CapabilitiesTable } from './capabilities';
import { invalidDirectionReason, invalidSyncDataReason, notConnectedReason, otherSourceDirectionReason, unknownAppReason, unsupportedDirectionReason } from './messages';
import { findConnection, isInboundSource } from './source';
import { isSyncData, isSyncDirection, type AppChange, type AppId, type ConnectionSettings, type FieldChange, type SettingsChange } from './types';

/**
 * The server's gate for every settings write (and the page's, through evaluateOptions,
 * which is built on the same check so the two can never disagree).
 */
export type ChangeRefusalCode = 'unknown_app' | 'not_connected' | 'invalid_sync_data' | 'invalid_direction' | 'unsupported_direction' | 'second_source';

export type Refusal<A extends string = AppId> =
  | { code: Exclude<ChangeRefusalCode, 'second_source' | 'unsupported_direction'> }
  | { code: 'unsupported_direction'; direction: 'from_app' | 'to_app' }
  /** The change would make `app` inbound while `source` already is. */
  | { code: 'second_source'; source: A };

export type ChangeResult<A extends string = AppId> = { ok: true; next: ConnectionSettings<A>[] } | { ok: false; code: ChangeRefusalCode; reason: string };

/** Structured verdict for one change; null means allowed. Internal to the rules. */
export function checkChange<A extends string>(connections: readonly ConnectionSettings<A>[], change: SettingsChange<A>, caps: CapabilitiesTable<A>): Refusal<A> | null {
  // Values are re-checked at runtime: the server may hand us anything a client sent.
  if (!capabilityOf(caps, change.app)) return { code: 'unknown_app' };
  if (change.syncData !== undefined && !isSyncData(change.syncData)) return { code: 'invalid_sync_data' };
  if (change.direction !== undefined && !isSyncDirection(change.direction)) return { code: 'invalid_direction' };
  const current = findConnection(connections, change.app);
  if (!current) return { code: 'not_connected' };
  if (change.direction !== undefined && !supports(caps, change.app, change.direction)) {
    return { code: 'unsupported_direction', direction: change.direction };
  }

  const after = applyToSettings(current, change);
  // Saving what is already stored is always fine: it cannot create a second source.
  if (after.syncData === current.syncData && after.direction === current.direction) return null;

  if (isInboundSource(after)) {
    const other = connections.find((c) => c.app !== change.app && isInboundSource(c));
    if (other) return { code: 'second_source', source: other.app };
  }
  return null;
}

export function refusalReason<A extends string>(refusal: Refusal<A>, app: string, caps: CapabilitiesTable<A>): string {
  switch (refusal.code) {
    case 'unknown_app':
      return unknownAppReason(app);
    case 'not_connected':
      return notConnectedReason(caps, app);
    case 'invalid_sync_data':
      return invalidSyncDataReason();
    case 'invalid_direction':
      return invalidDirectionReason();
    case 'unsupported_direction':
      return unsupportedDirectionReason(caps, app, refusal.direction);
    case 'second_source':
      return otherSourceDirectionReason(caps, app, refusal.source);
  }
}

/**
 * Checks one connection's change against the capabilities and the one-source rule and,
 * if allowed, returns every connection's settings after it.
 */
export function validateChange<A extends string = AppId>(
  connections: readonly ConnectionSettings<A>[],
  change: SettingsChange<A>,
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): ChangeResult<A> {
  const refusal = checkChange(connections, change, caps);
  if (refusal) return { ok: false, code: refusal.code, reason: refusalReason(refusal, change.app, caps) };
  return { ok: true, next: connections.map((c) => (c.app === change.app ? applyToSettings(c, change) : c)) };
}

export type ChangeSetResult<A extends string = AppId> =
  | {
      ok: true;
      next: ConnectionSettings<A>[];
      /** The connections that change, in the order to write them (see orderForApply). */
      changes: AppChange<A>[];
      fieldChanges: FieldChange<A>[];
    }
  | { ok: false; code: ChangeRefusalCode; reason: string; app: A };

/**
 * Several changes applied together, in one transaction (the recommended setup, switching
 * the source). The one-source rule is judged on the end state only; `changes` comes
 * ordered so that writing it row by row never holds two sources at any moment, which is
 * what the database's partial unique index checks after each statement.
 */
export function validateChangeSet<A extends string = AppId>(
  connections: readonly ConnectionSettings<A>[],
  changes: readonly SettingsChange<A>[],
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): ChangeSetResult<A> {
  let next = [...connections];
  for (const change of changes) {
    // Values and capabilities per change (checkChange tests the source rule last, so any
    // other refusal is final); the source rule itself is judged on the end state below.
    const refusal = checkChange(next, change, caps);
    if (refusal && refusal.code !== 'second_source') {
      return { ok: false, code: refusal.code, reason: refusalReason(refusal, change.app, caps), app: change.app };
    }
    next = next.map((c) => (c.app === change.app ? applyToSettings(c, change) : c));
  }

  const appChanges = orderForApply(
    connections.flatMap((before) => {
      const after = next.find((c) => c.app === before.app) ?? before;
      return sameSettings(before, after) ? [] : [{ app: before.app, before, after }];
    }),
  );
  // Same rule as validateChange: a connection this set changes may not be (or become) a
  // source while another is one. Sets that only stop sources are always fine, so even
  // stored data that somehow holds two sources can be repaired step by step.
  for (const change of appChanges) {
    if (!isInboundSource(change.after)) continue;
    const other = next.find((c) => c.app !== change.app && isInboundSource(c));
    if (other) {
      return { ok: false, code: 'second_source', reason: otherSourceDirectionReason(caps, change.app, other.app), app: change.app };
    }
  }
  return { ok: true, next, changes: appChanges, fieldChanges: fieldChangesOf(appChanges) };
}

/**
 * Write order for a set of connection changes: first those that stop being a source,
 * then those that do not change source status, then the one that becomes the source.
 * Every intermediate state then holds only sources that the end state also holds.
 */
export function orderForApply<A extends string>(changes: readonly AppChange<A>[]): AppChange<A>[] {
  const phase = (c: AppChange<A>) => {
    const was = isInboundSource(c.before);
    const will = isInboundSource(c.after);
    if (was && !will) return 0;
    if (was === will) return 1;
    return 2;
  };
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => phase(a.change) - phase(b.change) || a.index - b.index)
    .map(({ change }) => change);
}

/** The per-field rows (audit trail, preview) of connection changes, in the same order. */
export function fieldChangesOf<A extends string>(changes: readonly AppChange<A>[]): FieldChange<A>[] {
  return changes.flatMap(({ app, before, after }) => {
    const rows: FieldChange<A>[] = [];
    if (before.syncData !== after.syncData) rows.push({ app, field: 'syncData', before: before.syncData, after: after.syncData });
    if (before.direction !== after.direction) rows.push({ app, field: 'direction', before: before.direction, after: after.direction });
    return rows;
  });
}

export function applyToSettings<A extends string>(current: ConnectionSettings<A>, change: SettingsChange<A>): ConnectionSettings<A> {
  return {
    app: current.app,
    syncData: change.syncData ?? current.syncData,
    direction: change.direction ?? current.direction,
  };
}

export function sameSettings<A extends string>(a: ConnectionSettings<A>, b: ConnectionSettings<A>): boolean {
  return a.app === b.app && a.syncData === b.syncData && a.direction === b.direction;
}
