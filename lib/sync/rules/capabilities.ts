import { APPS, type AppCapability } from '@/lib/apps/registry';
import type { AppId, SyncDirection } from './types';

export type { AppCapability };

/**
 * What each app can do, in one table. Every rule reads this table and nothing else about
 * an app, so adding an app (QuickBooks Online: to only; Karbon: both) is one entry in the
 * app registry (lib/apps/registry.ts, pure data) — no new branches anywhere. Tests pass
 * their own tables to prove it.
 */
export type CapabilitiesTable<A extends string = AppId> = Readonly<Record<A, AppCapability>>;

export const CAPABILITIES: CapabilitiesTable<AppId> = APPS;

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
