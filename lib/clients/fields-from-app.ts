import type { AppId } from '@/lib/apps/ids';

/**
 * The parts of a client an app's record writes here when the app is the source of Everything,
 * as the client form groups them (an address is one part: its six fields come together). What
 * the sync engine actually overwrites (lib/sync/plan/field-changes.ts planRecord, on the
 * adapters' canonical records) — fields-from-app.test.ts plans a full record of each app and
 * checks this table against it, so the client form never names a field the app leaves alone.
 *
 * - XPM has one Name (no legal or trading name), and shows tax numbers masked: a masked number
 *   is never copied in, so the tax number typed here is never replaced from XPM.
 * - Gusto's `name` is the legal name too; it has no website and no company tax number besides
 *   the EIN (the business number); its signatory and payroll admin are the contacts.
 */
export const CLIENT_PARTS = [
  'name',
  'legalName',
  'tradingName',
  'businessStructure',
  'email',
  'phone',
  'website',
  'taxNumber',
  'businessNumber',
  'streetAddress',
  'postalAddress',
  'contacts',
] as const;

export type ClientPart = (typeof CLIENT_PARTS)[number];

export const PARTS_FROM_APP: Readonly<Record<AppId, readonly ClientPart[]>> = {
  xpm: ['name', 'businessStructure', 'email', 'phone', 'website', 'businessNumber', 'streetAddress', 'postalAddress', 'contacts'],
  gusto: ['name', 'legalName', 'tradingName', 'businessStructure', 'email', 'phone', 'businessNumber', 'streetAddress', 'postalAddress', 'contacts'],
};

/** The part a client field belongs to: `streetCity` → `streetAddress`; the rest are their own. */
export function partOfField(field: string): ClientPart | null {
  if (field.startsWith('street')) return 'streetAddress';
  if (field.startsWith('postal')) return 'postalAddress';
  return (CLIENT_PARTS as readonly string[]).includes(field) ? (field as ClientPart) : null;
}
