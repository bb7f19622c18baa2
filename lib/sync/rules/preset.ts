import { appsOf, capabilityOf, defaultCapabilities, supports, type CapabilitiesTable } from './capabilities';
import { appName, joinNames } from './messages';
import type { AppChange, AppId, ConnectionSettings, FieldChange } from './types';
import { fieldChangesOf, orderForApply, sameSettings } from './validate';

/**
 * The recommended setup (DESIGN §3): one app is the source and sends Everything; every
 * other app that can receive data gets Everything from Practice Sync; an app that can
 * only send (and is not the source) sends Nothing. Which app is the source comes from the
 * capabilities table (`sourcePriority`), so for today's apps:
 *
 *   Gusto + XPM → Gusto Everything / From Gusto, XPM Everything / To XPM
 *   XPM only    → XPM Everything / From XPM
 *   Gusto only  → Gusto Everything / From Gusto
 *   none        → nothing to set
 */
export interface Preset<A extends string = AppId> {
  /** In capabilities-table order. */
  settings: ConnectionSettings<A>[];
  source: A | null;
  /** One sentence saying why. */
  why: string;
}

export function recommendedPreset<A extends string = AppId>(connectedApps: readonly A[], caps: CapabilitiesTable<A> = defaultCapabilities<A>()): Preset<A> {
  const connected = new Set<string>(connectedApps);
  const apps = appsOf(caps).filter((a) => connected.has(a));
  if (apps.length === 0) {
    const names = appsOf(caps).map((a) => appName(caps, a));
    return { settings: [], source: null, why: `Connect ${joinNames(names, 'or')} to get a recommended setup.` };
  }

  const candidates = apps.filter((a) => supports(caps, a, 'from_app'));
  const priority = (a: A) => capabilityOf(caps, a)?.sourcePriority ?? Number.NEGATIVE_INFINITY;
  // Highest priority wins; ties keep table order because reduce keeps the first maximum.
  const source = candidates.reduce<A | null>((best, a) => (best === null || priority(a) > priority(best) ? a : best), null);

  const settings = apps.map((app): ConnectionSettings<A> => {
    if (app === source) return { app, syncData: 'everything', direction: 'from_app' };
    if (supports(caps, app, 'to_app')) return { app, syncData: 'everything', direction: 'to_app' };
    return { app, syncData: 'nothing', direction: 'from_app' };
  });
  return { settings, source, why: presetWhy(caps, settings, source) };
}

/**
 * The recommended setup in one sentence. It says what the setup would do, not what happens now:
 * a trial read "XPM is your only connected app, so it is the client source" beside XPM's own
 * "No client data flows" before the setup was applied.
 */
function presetWhy<A extends string>(caps: CapabilitiesTable<A>, settings: readonly ConnectionSettings<A>[], source: A | null): string {
  const receivers = settings.filter((s) => s.direction === 'to_app').map((s) => appName(caps, s.app));
  const idle = settings.filter((s) => s.app !== source && s.syncData === 'nothing').map((s) => appName(caps, s.app));
  const idleClause = idle.length > 0 ? `, while ${joinNames(idle)} ${idle.length === 1 ? 'sends' : 'send'} nothing because only one app can be the source` : '';

  if (source === null) {
    return `In the recommended setup, Practice Sync is the source of client details and keeps ${joinNames(receivers)} up to date${idleClause}.`;
  }
  const name = appName(caps, source);
  if (settings.length === 1) {
    return `${name} is your only connected app, so the recommended setup makes it the client source: its client details then flow into Practice Sync ${capabilityOf(caps, source)?.fromSchedule ?? 'on schedule'}.`;
  }
  const rationale = capabilityOf(caps, source)?.sourceRationale ?? `${name} is the preferred client source`;
  const keeps = receivers.length > 0 ? ` and has Practice Sync keep ${joinNames(receivers)} up to date` : '';
  return `${rationale}, so the recommended setup makes ${name} the client source${keeps}${idleClause}.`;
}

export interface PresetDiff<A extends string = AppId> {
  /** True when every connection already has the preset's settings. */
  matches: boolean;
  /** One row per differing field, in write order: the preview's "before → after" list. */
  changes: FieldChange<A>[];
  /** The same, per connection, in write order (demotions first) for the server. */
  appChanges: AppChange<A>[];
  /** Every connection's settings once the preset is applied. */
  next: ConnectionSettings<A>[];
}

/** What applying the preset would change. Connections the preset does not mention are left alone. */
export function diffFromPreset<A extends string = AppId>(current: readonly ConnectionSettings<A>[], preset: Preset<A> | readonly ConnectionSettings<A>[]): PresetDiff<A> {
  const target = isPreset(preset) ? preset.settings : preset;
  const next = current.map((c) => {
    const wanted = target.find((t) => t.app === c.app);
    return wanted ? { app: c.app, syncData: wanted.syncData, direction: wanted.direction } : c;
  });
  const appChanges = orderForApply(
    current.flatMap((before, i) => {
      const after = next[i] ?? before;
      return sameSettings(before, after) ? [] : [{ app: before.app, before, after }];
    }),
  );
  return { matches: appChanges.length === 0, changes: fieldChangesOf(appChanges), appChanges, next };
}

function isPreset<A extends string>(value: Preset<A> | readonly ConnectionSettings<A>[]): value is Preset<A> {
  return !Array.isArray(value);
}
