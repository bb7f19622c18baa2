import { countOf } from '@/lib/format/count';
import { capabilityOf, type CapabilitiesTable } from './capabilities';
import { isInboundSource } from './source';
import type { ConnectionSettings, RunDue, SyncData, SyncDirection } from './types';

/**
 * Every sentence the rules produce, in the product's voice, in one place so the page,
 * the server's refusals and the tests all say exactly the same thing.
 */

/** The app's short name, or its id if the table does not know it. */
export function appName<A extends string>(caps: CapabilitiesTable<A>, app: string): string {
  return capabilityOf(caps, app)?.shortLabel ?? app;
}

const SYNC_DATA_LABEL: Readonly<Record<SyncData, string>> = {
  everything: 'Everything',
  client_name: 'Client name',
  nothing: 'Nothing',
};

export function syncDataLabel(value: SyncData): string {
  return SYNC_DATA_LABEL[value];
}

/** "From Gusto" / "To XPM". */
export function directionLabel<A extends string>(caps: CapabilitiesTable<A>, app: string, direction: SyncDirection): string {
  return `${direction === 'from_app' ? 'From' : 'To'} ${appName(caps, app)}`;
}

function recordsNoun<A extends string>(caps: CapabilitiesTable<A>, app: string): string {
  return capabilityOf(caps, app)?.recordsNoun ?? 'clients';
}

function fromSchedule<A extends string>(caps: CapabilitiesTable<A>, app: string): string {
  return capabilityOf(caps, app)?.fromSchedule ?? 'on schedule';
}

function toSchedule<A extends string>(caps: CapabilitiesTable<A>, app: string): string {
  return capabilityOf(caps, app)?.toSchedule ?? 'whenever they change';
}

/** "A, B and C" (or "A, B or C"). */
export function joinNames(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

// ── Option descriptions: one line saying what choosing the option does ──────────────

/** Sync data option, read with the connection's current direction. */
export function describeSyncDataOption<A extends string>(caps: CapabilitiesTable<A>, app: string, value: SyncData, direction: SyncDirection): string {
  const name = appName(caps, app);
  const from = direction === 'from_app';
  switch (value) {
    case 'everything':
      return from ? `Everything: every mapped field and the contacts come from ${name}.` : `Everything: every mapped field and the contacts go to ${name}.`;
    case 'client_name':
      return from ? `Client name: only the client's name comes from ${name}.` : `Client name: only the client's name goes to ${name}.`;
    case 'nothing':
      return `Nothing: no client data flows; ${name}'s ${recordsNoun(caps, app)} still appear in the client picker and links are kept.`;
  }
}

/** Direction option, read with the connection's current sync data. */
export function describeDirectionOption<A extends string>(caps: CapabilitiesTable<A>, app: string, direction: SyncDirection, syncData: SyncData): string {
  const name = appName(caps, app);
  const label = directionLabel(caps, app, direction);
  // Never describe what the app cannot do as if it could; the reason says why.
  if (!(capabilityOf(caps, app)?.directions.includes(direction) ?? false)) return `${label}: not available.`;
  if (direction === 'from_app') {
    switch (syncData) {
      case 'everything':
        return `${label}: ${name}'s details overwrite the client's here, ${fromSchedule(caps, app)}.`;
      case 'client_name':
        return `${label}: ${name}'s client name overwrites the one here, ${fromSchedule(caps, app)}.`;
      case 'nothing':
        return `${label}: nothing flows while Sync data is Nothing; then ${name}'s data would overwrite the client's here, ${fromSchedule(caps, app)}.`;
    }
  }
  switch (syncData) {
    case 'everything':
      return `${label}: the client's details here overwrite ${name}'s ${toSchedule(caps, app)}.`;
    case 'client_name':
      return `${label}: the client's name here overwrites ${name}'s ${toSchedule(caps, app)}.`;
    case 'nothing':
      return `${label}: nothing flows while Sync data is Nothing; then the client's data here would overwrite ${name}'s.`;
  }
}

// ── Reasons an option is unavailable ─────────────────────────────────────────────────

export function unsupportedDirectionReason<A extends string>(caps: CapabilitiesTable<A>, app: string, direction: SyncDirection): string {
  const name = appName(caps, app);
  return direction === 'to_app' ? `${name} can only send client data to Practice Sync.` : `${name} can only receive client data from Practice Sync.`;
}

/** "From XPM" while Gusto is the source. */
export function otherSourceDirectionReason<A extends string>(caps: CapabilitiesTable<A>, app: string, source: string): string {
  const s = appName(caps, source);
  return `${s} is your client source. Set ${s}'s Sync data to Nothing, or make ${appName(caps, app)} the source instead.`;
}

/** "Everything" for XPM while XPM is set to From XPM and Gusto is the source. */
export function otherSourceSyncDataReason<A extends string>(caps: CapabilitiesTable<A>, app: string, source: string, canSwitchToApp: boolean): string {
  const s = appName(caps, source);
  const a = appName(caps, app);
  const ways = [`Set ${s}'s Sync data to Nothing`, ...(canSwitchToApp ? [`switch ${a} to ${directionLabel(caps, app, 'to_app')}`] : [])];
  // An app that can only send data has no direction to mention: "Gusto is set to From Gusto" reads oddly.
  const setTo = canSwitchToApp ? `, and ${a} is set to ${directionLabel(caps, app, 'from_app')}` : '';
  return `${s} is your client source${setTo}. ${ways.join(', ')}, or make ${a} the source instead.`;
}

/**
 * A refusal's reason as a member who cannot change settings reads it. The reasons are the
 * why, then (from a second sentence on) the remedy as an instruction — "Set Gusto's Sync data
 * to Nothing…" — which an author cannot follow; it becomes "A practice admin can set…", so
 * the author learns who to ask. A reason with no remedy (a capability) is unchanged.
 */
export function reasonForReadOnly(reason: string): string {
  const end = reason.indexOf('. ');
  if (end < 0) return reason;
  const remedy = reason.slice(end + 2);
  return `${reason.slice(0, end + 1)} A practice admin can ${remedy.charAt(0).toLowerCase()}${remedy.slice(1)}`;
}

// ── Unlock action labels ─────────────────────────────────────────────────────────────

export function setSyncDataLabel<A extends string>(caps: CapabilitiesTable<A>, app: string, value: SyncData): string {
  return `Set ${appName(caps, app)}'s Sync data to ${syncDataLabel(value)}`;
}

export function setDirectionLabel<A extends string>(caps: CapabilitiesTable<A>, app: string, direction: SyncDirection): string {
  return `Switch ${appName(caps, app)} to ${directionLabel(caps, app, direction)}`;
}

export function makeSourceLabel<A extends string>(caps: CapabilitiesTable<A>, app: string): string {
  return `Make ${appName(caps, app)} the source instead`;
}

// ── Refusals that only the server meets ─────────────────────────────────────────────

export function unknownAppReason(app: string): string {
  return `"${app.slice(0, 40)}" is not an app Practice Sync can connect to.`;
}

export function notConnectedReason<A extends string>(caps: CapabilitiesTable<A>, app: string): string {
  return `Connect ${appName(caps, app)} before changing its sync settings.`;
}

export function invalidSyncDataReason(): string {
  return 'Sync data must be Everything, Client name or Nothing.';
}

export function invalidDirectionReason(): string {
  return 'Sync direction must be from the app or to the app.';
}

/**
 * Shown when the database's one-source index refuses a save because another admin made
 * another app the source between this admin's page load and save (issue 4).
 */
export function sourceChangedConcurrentlyReason<A extends string>(caps: CapabilitiesTable<A>, source: string): string {
  return `${appName(caps, source)} became the client source a moment ago — review and try again.`;
}

// ── Consequences, for previews and confirmations ─────────────────────────────────────

/**
 * What a connection's settings will do to the practice's linked clients, and, when its
 * scheduled sync is due (`runDue`), that a sync in starts within minutes: the schedule alone
 * ("daily at 06:00") would let an admin think the first overwrite waits for the morning.
 */
export function describeSettingsEffect<A extends string>(caps: CapabilitiesTable<A>, settings: ConnectionSettings<A>, linkedClients: number, runDue: RunDue = null): string {
  const effect = settingsEffect(caps, settings, linkedClients);
  return runDue && isInboundSource(settings) ? `${effect} The ${runDue} sync starts within a few minutes.` : effect;
}

function settingsEffect<A extends string>(caps: CapabilitiesTable<A>, settings: ConnectionSettings<A>, linkedClients: number): string {
  const name = appName(caps, settings.app);
  const clients = countOf(linkedClients, 'linked client');
  if (settings.syncData === 'nothing') {
    return `No client data will flow between ${name} and Practice Sync; ${name}'s ${recordsNoun(caps, settings.app)} stay in the client picker and links are kept.`;
  }
  const what = settings.syncData === 'everything' ? 'every mapped field and the contacts' : 'the name';
  // "…of 0 linked clients" reads like an error to a practice that has just connected: say how
  // clients become linked instead (DESIGN §3: an exact name match in a From-app run, a pick in the
  // proposal editor, or a created client's first workflow deployment for To XPM).
  if (linkedClients === 0) {
    return settings.direction === 'from_app'
      ? `No clients are linked to ${name} yet. Each sync links clients with the same name (ignoring case, punctuation and endings like Ltd) and no different tax or business number; then ${name} will overwrite ${what} of linked clients here, ${fromSchedule(caps, settings.app)}.`
      : `No clients are linked to ${name} yet. Once clients are linked, Practice Sync will send ${what} of linked clients to ${name} ${toSchedule(caps, settings.app)}.`;
  }
  return settings.direction === 'from_app'
    ? `${name} will overwrite ${what} of ${clients} here, ${fromSchedule(caps, settings.app)}.`
    : `Practice Sync will send ${what} of ${clients} to ${name} ${toSchedule(caps, settings.app)}.`;
}

/** Said before disconnecting (issue 4: disconnecting the source frees the source role). */
export function describeDisconnect<A extends string>(caps: CapabilitiesTable<A>, app: string, isSource: boolean): string {
  const name = appName(caps, app);
  const kept = `Clients and their links to ${name} are kept.`;
  return isSource ? `${name} is your client source. Disconnecting it frees the source role: no app sends client data here until you choose one. ${kept}` : kept;
}
