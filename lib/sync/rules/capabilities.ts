import type { AppId, SyncDirection } from './types';

/**
 * What each app can do, in one table. Every rule reads this table and nothing else about
 * an app, so adding an app (QuickBooks Online: to only; Karbon: both) is one entry here
 * — no new branches anywhere. Tests pass their own tables to prove it.
 */
export interface AppCapability {
  /** Full name, e.g. for the card heading: "Xero Practice Manager". */
  label: string;
  /** Name used in option labels and sentences: "From XPM", "XPM is your client source". */
  shortLabel: string;
  /** Directions the app's API supports. "from_app": it can be the client source. */
  directions: readonly SyncDirection[];
  /** When data flows in from the app, for descriptions: "daily at 06:00". */
  fromSchedule: string;
  /** When data flows out to the app: "whenever they change". */
  toSchedule?: string;
  /** What the app calls its client records, plural: "clients", "companies". */
  recordsNoun?: string;
  /**
   * Which app the recommended setup makes the source when several could be: the highest
   * wins (ties: table order). Apps without it are never preferred over those with it.
   */
  sourcePriority?: number;
  /** Why this app is the recommended source, as the start of a sentence ("…, so Gusto is the client source"). */
  sourceRationale?: string;
}

export type CapabilitiesTable<A extends string = AppId> = Readonly<Record<A, AppCapability>>;

export const CAPABILITIES: CapabilitiesTable<AppId> = {
  xpm: {
    label: 'Xero Practice Manager',
    shortLabel: 'XPM',
    directions: ['from_app', 'to_app'],
    // XPM has no webhooks: the engine polls `modifiedsince` on this schedule.
    fromSchedule: 'every 15 minutes',
    toSchedule: 'whenever they change',
    recordsNoun: 'clients',
    sourcePriority: 1,
    sourceRationale: 'XPM is where the practice manages its clients',
  },
  gusto: {
    label: 'Gusto',
    shortLabel: 'Gusto',
    // Gusto's API exposes company details read-only to partners: it can only be a source.
    directions: ['from_app'],
    fromSchedule: 'daily at 06:00',
    recordsNoun: 'companies',
    // Gusto holds each company's registered details, so it wins when both are connected.
    sourcePriority: 2,
    sourceRationale: "Gusto holds each company's registered name, EIN and payroll contacts",
  },
};

/** The table passed in, or the app's own; a cast is needed only because A is generic. */
export function defaultCapabilities<A extends string>(): CapabilitiesTable<A> {
  return CAPABILITIES as unknown as CapabilitiesTable<A>;
}

/** The app's capability, or undefined for an app the table does not know (never inherited keys). */
export function capabilityOf<A extends string>(caps: CapabilitiesTable<A>, app: string): AppCapability | undefined {
  return Object.prototype.hasOwnProperty.call(caps, app) ? caps[app as A] : undefined;
}

export function supports<A extends string>(caps: CapabilitiesTable<A>, app: string, direction: SyncDirection): boolean {
  return capabilityOf(caps, app)?.directions.includes(direction) ?? false;
}

/** The apps of a table, in table order. */
export function appsOf<A extends string>(caps: CapabilitiesTable<A>): A[] {
  return Object.keys(caps) as A[];
}
