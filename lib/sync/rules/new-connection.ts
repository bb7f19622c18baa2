import { defaultCapabilities, supports, type CapabilitiesTable } from './capabilities';
import { appName, directionLabel } from './messages';
import { recommendedPreset } from './preset';
import { findSource } from './source';
import type { AppId, ConnectionSettings } from './types';
import { sameSettings } from './validate';

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
  // The Recommended setup panel beside the card names the source for these apps: the note must agree with it.
  const recommendedSource = recommendedPreset([...new Set([...existing.map((c) => c.app), app])], caps).source;
  const start = `${name} starts with Sync data Nothing and ${directionLabel(caps, app, direction)}`;
  let explanation: string;
  if (source !== null && direction === 'to_app') {
    explanation = `${start}, because ${appName(caps, source)} is your client source: nothing is sent or overwritten until you choose.`;
  } else if (source !== null) {
    explanation = `${start}, so nothing is overwritten until you choose; ${appName(caps, source)} stays your client source unless you make ${name} the source instead.`;
  } else if (direction === 'from_app' && recommendedSource === app) {
    explanation = `${start}, so nothing is overwritten until you choose; see Recommended setup to make it the client source.`;
  } else if (direction === 'from_app' && recommendedSource !== null) {
    explanation = `${start}, so nothing is overwritten until you choose; see Recommended setup, which makes ${appName(caps, recommendedSource)} the client source.`;
  } else {
    explanation = `${start}, so nothing is sent until you choose; see Recommended setup.`;
  }
  return { settings, explanation };
}

/**
 * The note a connection's card shows under its settings, or null for none. The note saved at
 * connect time (connections.settings_note) described the practice as it was then; connecting
 * another app changes the Recommended setup, so the saved words could contradict the panel
 * right above the card (a trial: XPM's "see Recommended setup to make it the client source"
 * beside a setup making Gusto the source). So the words are written again from the current
 * connections, and shown only while they are true:
 *
 * - `untouched`: no admin has chosen this app's settings since it connected (the saved note
 *   is still there: applySettings clears it), so "starts with" still describes its settings;
 * - the app's settings are exactly the safe defaults the rules would choose now, beside
 *   today's other connections (another app may since have become, or stopped being, the
 *   source, and "because Gusto is your client source" must not outlive that).
 *
 * Re-deriving rather than updating saved notes keeps one writer of the words (above) and
 * needs no write when another app's settings change; it is cheap and pure, so the card calls
 * it on every render, with saves still in flight.
 */
export function startingSettingsNote<A extends string = AppId>(
  connections: readonly ConnectionSettings<A>[],
  app: A,
  untouched: boolean,
  caps: CapabilitiesTable<A> = defaultCapabilities<A>(),
): string | null {
  const mine = connections.find((c) => c.app === app);
  if (!untouched || !mine) return null;
  const defaults = safeDefaultsForNewConnection(connections, app, caps);
  return sameSettings(defaults.settings, mine) ? defaults.explanation : null;
}
