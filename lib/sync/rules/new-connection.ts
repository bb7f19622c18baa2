import { defaultCapabilities, supports, type CapabilitiesTable } from './capabilities';
import { appName, directionLabel } from './messages';
import { findSource } from './source';
import type { AppId, ConnectionSettings } from './types';

/**
 * Settings for an app the moment it is connected or reconnected (issue 4, requirement 3):
 * they never break the one-source rule and never overwrite anything without a choice.
 *
 * - Sync data is always Nothing, so no data flows until an admin chooses.
 * - Direction is "To <app>" when another app is already the source and this app can
 *   receive data (the recommended shape next to a source); otherwise "From <app>" (or
 *   "To <app>" for an app that can only receive).
 * - Reconnecting the former source therefore does NOT silently make it the source again.
 */
export interface NewConnectionDefaults<A extends string = AppId> {
  settings: ConnectionSettings<A>;
  /** One sentence for the card: what was chosen and why. */
  explanation: string;
}

export function safeDefaultsForNewConnection<A extends string = AppId>(
  existing: readonly ConnectionSettings<A>[],
  app: A,
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): NewConnectionDefaults<A> {
  // The app's own old row (a reconnect) must not count as "another app is the source".
  const source = findSource(existing.filter((c) => c.app !== app));
  const canReceive = supports(caps, app, 'to_app');
  const canSend = supports(caps, app, 'from_app');
  const direction = (source !== null && canReceive) || !canSend ? 'to_app' : 'from_app';
  const settings: ConnectionSettings<A> = { app, syncData: 'nothing', direction };

  const name = appName(caps, app);
  const start = `${name} starts with Sync data Nothing and ${directionLabel(caps, app, direction)}`;
  let explanation: string;
  if (source !== null && direction === 'to_app') {
    explanation = `${start}, because ${appName(caps, source)} is your client source: nothing is sent or overwritten until you choose.`;
  } else if (source !== null) {
    explanation = `${start}, so nothing is overwritten until you choose; ${appName(caps, source)} stays your client source unless you make ${name} the source instead.`;
  } else if (direction === 'from_app') {
    explanation = `${start}, so nothing is overwritten until you choose; see Recommended setup to make it the client source.`;
  } else {
    explanation = `${start}, so nothing is sent until you choose; see Recommended setup.`;
  }
  return { settings, explanation };
}
