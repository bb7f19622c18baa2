import { capabilityOf, defaultCapabilities, supports, type CapabilitiesTable } from './capabilities';
import { notConnectedReason, unknownAppReason, unsupportedDirectionReason } from './messages';
import { findConnection, isInboundSource } from './source';
import type { AppChange, AppId, ConnectionSettings, FieldChange, SyncData } from './types';
import { fieldChangesOf, orderForApply, sameSettings } from './validate';

/**
 * "Make XPM the source instead" in one step (DESIGN §3): the plan the admin previews and
 * the server applies in one transaction.
 *
 * - Every other app that is a source stops being one: it keeps its Sync data and turns
 *   to "To <app>" if it can receive data (the recommended shape for an app that is not
 *   the source); otherwise its Sync data becomes Nothing.
 * - The app becomes From <app>, keeping its Sync data unless that is Nothing, in which
 *   case it sends `syncData` (default Everything).
 */
export interface MakeSourceOptions {
  /** What the new source sends if it currently sends Nothing, or to choose explicitly. */
  syncData?: Exclude<SyncData, 'nothing'>;
}

export type MakeSourcePlan<A extends string = AppId> =
  | {
      ok: true;
      /** In write order: demotions first (see orderForApply). Empty if already the source. */
      changes: AppChange<A>[];
      fieldChanges: FieldChange<A>[];
      next: ConnectionSettings<A>[];
    }
  | { ok: false; code: 'unknown_app' | 'not_connected' | 'unsupported_direction'; reason: string };

export function planMakeSource<A extends string = AppId>(
  connections: readonly ConnectionSettings<A>[],
  app: A,
  opts: MakeSourceOptions = {},
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): MakeSourcePlan<A> {
  if (!capabilityOf(caps, app)) return { ok: false, code: 'unknown_app', reason: unknownAppReason(app) };
  const target = findConnection(connections, app);
  if (!target) return { ok: false, code: 'not_connected', reason: notConnectedReason(caps, app) };
  if (!supports(caps, app, 'from_app')) {
    return { ok: false, code: 'unsupported_direction', reason: unsupportedDirectionReason(caps, app, 'from_app') };
  }

  const next = connections.map((c): ConnectionSettings<A> => {
    if (c.app === app) {
      const syncData = opts.syncData ?? (c.syncData === 'nothing' ? 'everything' : c.syncData);
      return { app: c.app, syncData, direction: 'from_app' };
    }
    if (!isInboundSource(c)) return c;
    return supports(caps, c.app, 'to_app') ? { ...c, direction: 'to_app' } : { ...c, syncData: 'nothing' };
  });

  const changes = orderForApply(
    connections.flatMap((before, i) => {
      const after = next[i] ?? before;
      return sameSettings(before, after) ? [] : [{ app: before.app, before, after }];
    }),
  );
  return { ok: true, changes, fieldChanges: fieldChangesOf(changes), next };
}
