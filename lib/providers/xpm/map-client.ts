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

  const taxNumber = text(value.TaxNumber);
  const record: CanonicalClient = {
    app: 'xpm',
    externalId,
    name,
    legalName: null,
    tradingName: null,
    email: text(value.Email),
    phone: text(value.Phone),
    website: text(value.Website) ?? text(value.WebSite),
    streetAddress: address(value, ''),
    postalAddress: address(value, 'Postal'),
    taxNumber,
    taxNumberMasked: isMaskedTaxNumber(taxNumber),
    businessNumber: text(value.BusinessNumber) ?? text(value.CompanyNumber),
    businessStructure: text(value.BusinessStructure),
    contacts: contacts(value.Contacts),
    archived: yesNo(value.IsArchived) || yesNo(value.IsDeleted),
    isProspect: yesNo(value.IsProspect),
    modifiedAt: null,
  };
  return { ok: true, record };
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
    if (!isXmlObject(item) || yesNo(item.IsDeleted)) continue;
    const name = text(item.Name);
    // A contact with no name cannot be shown or matched; it is left out, not the client.
    if (!name) continue;
    out.push({
      externalId: text(item.UUID),
      name,
      email: text(item.Email),
      phone: text(item.Phone),
      mobile: text(item.Mobile),
      salutation: text(item.Salutation),
      position: text(item.Position),
      isPrimary: yesNo(item.IsPrimary),
    });
  }
  return out;
}
