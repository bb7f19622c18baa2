import type { SyncDirection } from '@/lib/sync/rules/types';
import { APP_IDS, isAppId, type AppId } from './ids';

export { APP_IDS, isAppId, type AppId };

/**
 * What Practice Sync knows about each app, in one table: its names and what it can do.
 * The database enum and the zod enums come from its ids (./ids.ts), the sync rules read
 * its capabilities (lib/sync/rules/capabilities.ts), and the server reaches each app's
 * adapter in lib/providers through ./adapters.ts. Adding an app is one entry here (and
 * its adapter there). Pure data: client components import it too.
 */
export interface AppCapability {
  /** Full name, e.g. for the card heading and in errors: "Xero Practice Manager". */
  label: string;
  /** Name used in option labels and sentences: "From XPM", "XPM is your client source". */
  shortLabel: string;
  /** The indefinite article before `shortLabel` when it is not "a", as the name is said: "an XPM" ("ex"). */
  shortLabelArticle?: 'an';
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
  /** Why this app is the recommended source, as the start of a sentence ("…, so the recommended setup makes Gusto the client source"). */
  sourceRationale?: string;
}

export interface AppDefinition extends AppCapability {
  id: AppId;
}

/** In display order: cards, lists and the rules' tie-breaks follow it. */
export const APPS: Readonly<Record<AppId, AppDefinition>> = {
  xpm: {
    id: 'xpm',
    label: 'Xero Practice Manager',
    shortLabel: 'XPM',
    shortLabelArticle: 'an',
    directions: ['from_app', 'to_app'],
    // XPM has no webhooks: the engine polls `modifiedsince` on this schedule.
    fromSchedule: 'every 15 minutes',
    toSchedule: 'whenever they change',
    recordsNoun: 'clients',
    sourcePriority: 1,
    sourceRationale: 'XPM is where the practice manages its clients',
  },
  gusto: {
    id: 'gusto',
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

/** "Xero Practice Manager": headings and error messages. */
export function appLabel(app: AppId): string {
  return APPS[app].label;
}

/** "XPM": buttons, badges and sentences. */
export function appShortLabel(app: AppId): string {
  return APPS[app].shortLabel;
}

/** "an XPM", "a Gusto": the short name after its indefinite article, for sentences ("an XPM sync run"). */
export function appShortLabelWithArticle(app: AppId): string {
  return `${APPS[app].shortLabelArticle ?? 'a'} ${APPS[app].shortLabel}`;
}
