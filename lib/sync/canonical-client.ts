import { APPS } from '@/lib/apps/registry';
import type { AppId } from '@/lib/apps/ids';

/**
 * The one shape every app's client record is mapped to (DESIGN §2). Adapters in
 * lib/providers turn XPM XML and Gusto JSON into this; the sync engine and the directory
 * only ever see this. Absent values are `null`, never empty strings, so "the app has no
 * value" and "the app cleared the value" are not confused with whitespace.
 */
export type { AppId };

/** The app's short name ("XPM"), from the app registry; prefer `appShortLabel` from lib/apps/registry. */
export const APP_LABEL: Readonly<Record<AppId, string>> = Object.fromEntries(Object.values(APPS).map((a) => [a.id, a.shortLabel])) as Record<AppId, string>;

export interface CanonicalAddress {
  lines: string[]; // street lines, in order; empty array when unknown
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
}

export interface CanonicalContact {
  externalId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  salutation: string | null;
  position: string | null;
  isPrimary: boolean;
}

export interface CanonicalClient {
  app: AppId;
  externalId: string; // XPM client UUID or Gusto company uuid
  name: string;
  legalName: string | null;
  tradingName: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  streetAddress: CanonicalAddress | null;
  postalAddress: CanonicalAddress | null;
  /** Only ever the value the app gave; XPM masks tax numbers on output, so this may be masked. */
  taxNumber: string | null;
  taxNumberMasked: boolean;
  businessNumber: string | null; // EIN, ABN, company number …
  businessStructure: string | null; // entity type
  contacts: CanonicalContact[];
  archived: boolean; // archived, deleted, deprovisioned or suspended upstream
  isProspect: boolean;
  /** When the app says the record last changed, if it says. ISO 8601. */
  modifiedAt: string | null;
  /** The record's page in the app's web app (XPM's `WebUrl`), when the app gives one: a link, never a synced field. */
  webUrl?: string;
}
