import type { CanonicalAddress, CanonicalClient, CanonicalContact } from '../../sync/canonical-client';
import type { MapResult } from '../mapping';
import { asArray, isXmlObject, text, yesNo, type XmlObject, type XmlValue } from './xml';

/**
 * One XPM `<Client>` element → the canonical record.
 *
 * Choices worth knowing:
 * - XPM has one `Name`; legal and trading names are not separate fields there.
 * - businessNumber is `BusinessNumber` (ABN, NZBN…), else `CompanyNumber`.
 * - `TaxNumber` comes back masked (e.g. `*****6789`); we keep what we were given and say so,
 *   and the update path never writes a masked value back.
 * - Archived or deleted upstream → `archived`; nothing here deletes anything.
 * - `Address` is one multi-line field; lines split on newlines.
 */
export function mapXpmClient(value: XmlValue | undefined): MapResult {
  if (!isXmlObject(value)) return { ok: false, error: 'An XPM client record was empty or unreadable.' };
  const externalId = text(value.UUID);
  const name = text(value.Name);
  if (!externalId) {
    return { ok: false, error: `An XPM client${name ? ` named "${name}"` : ''} has no UUID, so it cannot be linked. It was skipped.` };
  }
  if (!name) return { ok: false, externalId, error: `XPM client ${externalId} has no name. It was skipped.` };

  // Values we cannot read fail this record (and only this one) rather than guessing:
  // reading "Perhaps" as "not archived" would resurrect an archived client.
  const label = `XPM client "${name}"`;
  const flags: Record<'IsArchived' | 'IsDeleted' | 'IsProspect', boolean> = { IsArchived: false, IsDeleted: false, IsProspect: false };
  for (const field of ['IsArchived', 'IsDeleted', 'IsProspect'] as const) {
    const parsed = strictYesNo(value[field]);
    if (parsed === 'invalid') return { ok: false, externalId, error: `${label} has an unreadable ${field} value ("${text(value[field])}"). It was skipped.` };
    flags[field] = parsed;
  }
  const email = text(value.Email);
  if (email !== null && !looksLikeEmail(email)) {
    return { ok: false, externalId, error: `${label} has an email address that is not valid ("${email}"). Correct it in XPM; the client was skipped.` };
  }

  const taxNumber = text(value.TaxNumber);
  const record: CanonicalClient = {
    app: 'xpm',
    externalId,
    name,
    legalName: null,
    tradingName: null,
    email,
    phone: text(value.Phone),
    website: text(value.Website) ?? text(value.WebSite),
    streetAddress: address(value, ''),
    postalAddress: address(value, 'Postal'),
    taxNumber,
    taxNumberMasked: isMaskedTaxNumber(taxNumber),
    businessNumber: text(value.BusinessNumber) ?? text(value.CompanyNumber),
    businessStructure: text(value.BusinessStructure),
    contacts: contacts(value.Contacts),
    archived: flags.IsArchived || flags.IsDeleted,
    isProspect: flags.IsProspect,
    modifiedAt: null,
  };
  // Where the record lives in XPM's web app: shown as a link, never compared or synced.
  const webUrl = text(value.WebUrl);
  if (webUrl && /^https?:\/\//.test(webUrl)) record.webUrl = webUrl;
  return { ok: true, record };
}

/** Yes/No (or true/false); empty or absent is No; anything else cannot be trusted. */
function strictYesNo(value: XmlValue | undefined): boolean | 'invalid' {
  const t = text(value)?.toLowerCase();
  if (t === undefined || t === 'no' || t === 'false') return false;
  if (t === 'yes' || t === 'true') return true;
  return 'invalid';
}

/** Deliberately loose: one @, something either side, a dot in the domain, no spaces. */
function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function isMaskedTaxNumber(value: string | null): boolean {
  return value !== null && /[*•]/.test(value);
}

function address(client: XmlObject, prefix: '' | 'Postal'): CanonicalAddress | null {
  const lines = (text(client[`${prefix}Address`]) ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const result: CanonicalAddress = {
    lines,
    city: text(client[`${prefix}City`]),
    region: text(client[`${prefix}Region`]),
    postcode: text(client[`${prefix}PostCode`]),
    country: text(client[`${prefix}Country`]),
  };
  const empty = lines.length === 0 && !result.city && !result.region && !result.postcode && !result.country;
  return empty ? null : result;
}

function contacts(value: XmlValue | undefined): CanonicalContact[] {
  const container = isXmlObject(value) ? value.Contact : undefined;
  const out: CanonicalContact[] = [];
  for (const item of asArray(container)) {
    if (isXmlObject(item) && yesNo(item.IsDeleted)) continue;
    // A contact with no name cannot be shown or matched; it is left out, not the client.
    const contact = mapXpmContact(item);
    if (contact) out.push(contact);
  }
  return out;
}

/** One `<Contact>`; null when it has no name (or is not an element). */
export function mapXpmContact(item: XmlValue | undefined): CanonicalContact | null {
  if (!isXmlObject(item)) return null;
  const name = text(item.Name);
  if (!name) return null;
  return {
    externalId: text(item.UUID),
    name,
    email: text(item.Email),
    phone: text(item.Phone),
    mobile: text(item.Mobile),
    salutation: text(item.Salutation),
    position: text(item.Position),
    isPrimary: yesNo(item.IsPrimary),
  };
}
