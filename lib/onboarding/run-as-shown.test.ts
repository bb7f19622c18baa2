import { describe, expect, test } from 'vitest';
import type { ConnectionSettings } from '@/lib/sync/rules';
import { runChangedSinceShown } from './run-as-shown';

const GUSTO_NAMES: ConnectionSettings = { app: 'gusto', syncData: 'client_name', direction: 'from_app' };
const GUSTO_ALL: ConnectionSettings = { app: 'gusto', syncData: 'everything', direction: 'from_app' };
const XPM_TO: ConnectionSettings = { app: 'xpm', syncData: 'everything', direction: 'to_app' };
const XPM_NOTHING: ConnectionSettings = { app: 'xpm', syncData: 'nothing', direction: 'to_app' };
const AFTER = 'Nothing was applied and no sync started: check what this step shows now, then try again.';

describe('runChangedSinceShown: whether "Run it" still does what its step showed', () => {
  test.each([
    [
      'nothing changed',
      { current: [GUSTO_NAMES, XPM_NOTHING], setup: [GUSTO_NAMES, XPM_NOTHING] },
      { current: [XPM_NOTHING, GUSTO_NAMES], setup: [GUSTO_NAMES, XPM_NOTHING] },
      null,
    ],
    [
      'a setting saved on Integrations since (kept settings would be shown stale; a chosen setup would overwrite it unseen)',
      { current: [GUSTO_NAMES], setup: [GUSTO_NAMES] },
      { current: [GUSTO_ALL], setup: [GUSTO_ALL] },
      `Your sync settings changed after this page loaded (on Integrations or in another tab): Gusto’s Sync data: Client name → Everything. ${AFTER}`,
    ],
    [
      'several fields, each named',
      { current: [GUSTO_NAMES, XPM_NOTHING], setup: [GUSTO_ALL, XPM_TO] },
      { current: [GUSTO_ALL, XPM_TO], setup: [GUSTO_ALL, XPM_TO] },
      `Your sync settings changed after this page loaded (on Integrations or in another tab): Gusto’s Sync data: Client name → Everything; XPM’s Sync data: Nothing → Everything. ${AFTER}`,
    ],
    [
      'an app connected or disconnected since',
      { current: [GUSTO_NAMES], setup: [GUSTO_NAMES] },
      { current: [XPM_NOTHING], setup: [XPM_NOTHING] },
      `Your connected apps changed after this page loaded: XPM was connected; Gusto was disconnected. ${AFTER}`,
    ],
    [
      'the same settings, another setup saved in another tab',
      { current: [GUSTO_NAMES], setup: [GUSTO_NAMES] },
      { current: [GUSTO_NAMES], setup: [GUSTO_ALL] },
      `The setup was changed in another tab after this page loaded. ${AFTER}`,
    ],
  ] as const)('%s', (_, shown, now, reason) => {
    expect(runChangedSinceShown(shown, now)).toBe(reason);
  });
});
