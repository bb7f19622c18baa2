import { appName, CAPABILITIES, type ConnectionSettings, diffFromPreset } from '@/lib/sync/rules';
import { fieldChangeLine, sameSettingsSet } from '@/lib/sync/settings-plan';

/**
 * What the Run step showed when the admin pressed its button: the practice's settings then
 * (`current`), and the settings it said the run leaves in place (`setup`: "stay as they are",
 * or the setup it applies).
 */
export interface RunShown {
  current: readonly ConnectionSettings[];
  setup: readonly ConnectionSettings[];
}

const NOTHING_DONE = 'Nothing was applied and no sync started: check what this step shows now, then try again.';

/**
 * Why the first sync must not start as pressed, or null when it would do what the Run step
 * showed. Settings changed on Integrations (another tab, another admin) after the step loaded
 * would otherwise be overwritten by an older choice, or run under settings the admin never
 * saw (the step still saying "stay as they are" with the old ones): the admin is told what
 * changed, and the step, drawn again, shows it.
 */
export function runChangedSinceShown(shown: RunShown, now: RunShown): string | null {
  const shownApps = new Set(shown.current.map((c) => c.app));
  const nowApps = new Set(now.current.map((c) => c.app));
  const connected = now.current.filter((c) => !shownApps.has(c.app)).map((c) => `${appName(CAPABILITIES, c.app)} was connected`);
  const disconnected = shown.current.filter((c) => !nowApps.has(c.app)).map((c) => `${appName(CAPABILITIES, c.app)} was disconnected`);
  if (connected.length + disconnected.length > 0) {
    return `Your connected apps changed after this page loaded: ${[...connected, ...disconnected].join('; ')}. ${NOTHING_DONE}`;
  }
  const changed = diffFromPreset(shown.current, now.current).changes.map((change) => fieldChangeLine(CAPABILITIES, change));
  if (changed.length > 0) return `Your sync settings changed after this page loaded (on Integrations or in another tab): ${changed.join('; ')}. ${NOTHING_DONE}`;
  // The same settings, another setup: the Setup step saved again in another tab.
  if (!sameSettingsSet(shown.setup, now.setup)) return `The setup was changed in another tab after this page loaded. ${NOTHING_DONE}`;
  return null;
}
