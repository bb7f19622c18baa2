import { capabilityOf, defaultCapabilities, supports, type CapabilitiesTable } from './capabilities';
import {
  describeDirectionOption,
  describeSyncDataOption,
  directionLabel,
  makeSourceLabel,
  otherSourceDirectionReason,
  otherSourceSyncDataReason,
  setDirectionLabel,
  setSyncDataLabel,
  syncDataLabel,
  unsupportedDirectionReason,
} from './messages';
import { findConnection, findSource } from './source';
import { SYNC_DATA_VALUES, SYNC_DIRECTIONS, type AppId, type ConnectionSettings, type SyncData, type SyncDirection } from './types';
import type { UnlockAction } from './unlock';
import { checkChange } from './validate';

/**
 * Everything one app's "Client sync" card shows (issue 4): each Sync data and Sync
 * direction option, whether it can be chosen now, what it does, and — when it cannot —
 * why and what would unlock it. Built on checkChange, the server's own gate, so the page
 * never offers what the server would refuse, nor refuses what it would accept.
 */
export interface OptionState<V, A extends string = AppId> {
  value: V;
  /** "Everything", "From Gusto". */
  label: string;
  /** One line saying what the option does. */
  description: string;
  /** The connection's current value. Always allowed: saving it changes nothing. */
  selected: boolean;
  allowed: boolean;
  /** Why not, in the product's voice. Present exactly when not allowed. */
  reason?: string;
  /** 'capability': the app cannot do it at all; 'one_source': another app is the source. */
  blockedBy?: 'capability' | 'one_source';
  /** Ways to unlock it; present (non-empty) when blockedBy is 'one_source'. */
  unlock?: UnlockAction<A>[];
}

export interface CardOptions<A extends string = AppId> {
  app: A;
  settings: ConnectionSettings<A>;
  /** The practice's client source, if any (this app or another). */
  source: A | null;
  isSource: boolean;
  syncData: OptionState<SyncData, A>[];
  direction: OptionState<SyncDirection, A>[];
}

export function evaluateOptions<A extends string = AppId>(
  connections: readonly ConnectionSettings<A>[],
  app: A,
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): CardOptions<A> {
  if (!capabilityOf(caps, app)) throw new Error(`evaluateOptions: unknown app "${app}"`);
  const settings = findConnection(connections, app);
  if (!settings) throw new Error(`evaluateOptions: "${app}" is not connected`);
  const source = findSource(connections);

  const syncData = SYNC_DATA_VALUES.map((value): OptionState<SyncData, A> => {
    const base = {
      value,
      label: syncDataLabel(value),
      description: describeSyncDataOption(caps, app, value, settings.direction),
      selected: value === settings.syncData,
    };
    const refusal = checkChange(connections, { app, syncData: value }, caps);
    if (!refusal) return { ...base, allowed: true };
    if (refusal.code !== 'second_source') throw new Error(`evaluateOptions: unexpected refusal ${refusal.code}`);
    // This app is From <app> and another app is the source: sending anything would make two.
    const canSwitch = supports(caps, app, 'to_app');
    const notNothing = value === 'nothing' ? undefined : value;
    return {
      ...base,
      allowed: false,
      blockedBy: 'one_source',
      reason: otherSourceSyncDataReason(caps, app, refusal.source, canSwitch),
      unlock: [
        { kind: 'set_sync_data', app: refusal.source, value: 'nothing', label: setSyncDataLabel(caps, refusal.source, 'nothing') },
        ...(canSwitch ? [{ kind: 'set_direction' as const, app, value: 'to_app' as const, label: setDirectionLabel(caps, app, 'to_app') }] : []),
        { kind: 'make_source', app, label: makeSourceLabel(caps, app), ...(notNothing ? { syncData: notNothing } : {}) },
      ],
    };
  });

  const direction = SYNC_DIRECTIONS.map((value): OptionState<SyncDirection, A> => {
    const base = {
      value,
      label: directionLabel(caps, app, value),
      description: describeDirectionOption(caps, app, value, settings.syncData),
      selected: value === settings.direction,
    };
    const refusal = checkChange(connections, { app, direction: value }, caps);
    if (!refusal) return { ...base, allowed: true };
    if (refusal.code === 'unsupported_direction') {
      return { ...base, allowed: false, blockedBy: 'capability', reason: unsupportedDirectionReason(caps, app, value) };
    }
    if (refusal.code !== 'second_source') throw new Error(`evaluateOptions: unexpected refusal ${refusal.code}`);
    return {
      ...base,
      allowed: false,
      blockedBy: 'one_source',
      reason: otherSourceDirectionReason(caps, app, refusal.source),
      unlock: [
        { kind: 'set_sync_data', app: refusal.source, value: 'nothing', label: setSyncDataLabel(caps, refusal.source, 'nothing') },
        { kind: 'make_source', app, label: makeSourceLabel(caps, app) },
      ],
    };
  });

  return { app, settings, source, isSource: source === app, syncData, direction };
}
