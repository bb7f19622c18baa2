import { defaultCapabilities, type CapabilitiesTable } from './capabilities';
import { planMakeSource } from './make-source';
import type { AppId, ConnectionSettings, SettingsChange, SyncData, SyncDirection } from './types';
import { validateChangeSet, type ChangeSetResult } from './validate';

/**
 * What a disabled option offers to do about it. Each action is itself allowed, and after
 * it the option it unlocks is allowed (both are tested over every combination).
 */
export type UnlockAction<A extends string = AppId> =
  | { kind: 'set_sync_data'; app: A; value: SyncData; label: string }
  | { kind: 'set_direction'; app: A; value: SyncDirection; label: string }
  /** Switch the source in one step; preview with planMakeSource. */
  | { kind: 'make_source'; app: A; label: string; syncData?: Exclude<SyncData, 'nothing'> };

/** The setting changes an unlock action stands for, to preview or send to the server. */
export function unlockChanges<A extends string = AppId>(
  connections: readonly ConnectionSettings<A>[],
  action: UnlockAction<A>,
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): SettingsChange<A>[] {
  switch (action.kind) {
    case 'set_sync_data':
      return [{ app: action.app, syncData: action.value }];
    case 'set_direction':
      return [{ app: action.app, direction: action.value }];
    case 'make_source': {
      const plan = planMakeSource(connections, action.app, action.syncData ? { syncData: action.syncData } : {}, caps);
      return plan.ok ? plan.changes.map(({ app, after }) => ({ app, syncData: after.syncData, direction: after.direction })) : [];
    }
  }
}

/** Validates and applies an unlock action as one change set. */
export function applyUnlock<A extends string = AppId>(
  connections: readonly ConnectionSettings<A>[],
  action: UnlockAction<A>,
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): ChangeSetResult<A> {
  return validateChangeSet(connections, unlockChanges(connections, action, caps), caps);
}
