import type { CanonicalAddress, CanonicalContact } from '../../sync/canonical-client';
import { isMaskedTaxNumber } from './map-client';
import { el, isXmlObject, renderXml, text, type XmlNode, type XmlObject } from './xml';

/**
 * Request bodies for client.api add/update/archive. Field names follow XPM's request DTOs:
 * note `WebSite` in requests where responses say `Website`.
 */

/** The client fields Practice Sync writes to XPM. In a patch, `undefined` keeps, `null` clears. */
export interface XpmClientFields {
  name?: string;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  streetAddress?: CanonicalAddress | null;
  postalAddress?: CanonicalAddress | null;
  taxNumber?: string | null;
  businessNumber?: string | null;
  businessStructure?: string | null;
  isProspect?: boolean;
}

export type XpmNewClient = XpmClientFields & {
  name: string;
  contacts?: Array<Pick<CanonicalContact, 'name'> & Partial<Omit<CanonicalContact, 'name' | 'externalId'>>>;
};

const yes = (b: boolean) => (b ? 'Yes' : 'No');

export function addClientXml(client: XpmNewClient): string {
  const fields = fieldsToElements(client);
  const contacts = (client.contacts ?? []).filter((c) => c.name.trim() !== '');
  const children: XmlNode[] = [...fields.values()];
  if (contacts.length > 0) {
    children.push({
      name: 'Contacts',
      children: contacts.map((c) => ({
        name: 'Contact',
        children: [
          el('Name', c.name),
          el('Salutation', c.salutation ?? null),
          el('Email', c.email ?? null),
          el('Phone', c.phone ?? null),
          el('Mobile', c.mobile ?? null),
          el('Position', c.position ?? null),
          el('IsPrimary', yes(c.isPrimary ?? false)),
        ],
      })),
    });
  }
  return renderXml({ name: 'Client', children });
}

/**
 * XPM's update replaces the record: any field we leave out may be cleared. So the body is
 * the current record (every writable scalar field as XPM returned it, plus manager and
 * billing-client references) with the patch applied on top.
 *
 * A masked TaxNumber is never echoed: writing `*****6789` back would replace the real number.
 */
export function updateClientXml(uuid: string, current: XmlObject, patch: XpmClientFields): string {
  const carried = new Map<string, XmlNode>();
  for (const [name, value] of Object.entries(current)) {
    const key = name.toLowerCase();
    if (key === 'uuid' || key === 'contacts') continue;
    if (key === 'website') {
      carried.set('website', el('WebSite', text(value)));
      continue;
    }
    const reference = REFERENCE_FIELDS[key];
    if (reference) {
      const refUuid = isXmlObject(value) ? text(value.UUID) : null;
      if (refUuid) carried.set(reference.toLowerCase(), el(reference, refUuid));
      continue;
    }
    if (!UPDATABLE_FIELDS.has(key) || typeof value !== 'string') continue;
    if (key === 'taxnumber' && isMaskedTaxNumber(text(value))) continue;
    carried.set(key, el(name, text(value)));
  }
  for (const [key, node] of fieldsToElements(patch)) carried.set(key, node);
  return renderXml({ name: 'Client', children: [el('UUID', uuid), ...carried.values()] });
}

/** The contact fields Practice Sync writes. In a patch, `undefined` keeps, `null` clears. */
export type XpmContactFields = Partial<Omit<CanonicalContact, 'externalId'>>;

/**
 * A contact body for `POST client.api/contact` (with `clientUuid`) or `PUT contact/{uuid}`.
 * PUT replaces the contact, so for updates pass the current contact merged with the patch.
 */
export function contactXml(contact: XpmContactFields & { name: string }, clientUuid?: string): string {
  const children: XmlNode[] = [];
  if (clientUuid) children.push({ name: 'Client', children: [el('UUID', clientUuid)] });
  children.push(
    el('Name', contact.name),
    el('Salutation', contact.salutation ?? null),
    el('Email', contact.email ?? null),
    el('Phone', contact.phone ?? null),
    el('Mobile', contact.mobile ?? null),
    el('Position', contact.position ?? null),
    el('IsPrimary', yes(contact.isPrimary ?? false)),
  );
  return renderXml({ name: 'Contact', children });
}

export function archiveClientXml(uuid: string): string {
  return renderXml({ name: 'Client', children: [el('UUID', uuid)] });
}

/** Patch fields → elements keyed by lower-case name (to override carried fields). */
function fieldsToElements(fields: XpmClientFields): Map<string, XmlNode> {
  const out = new Map<string, XmlNode>();
  const set = (name: string, value: string | null | undefined) => {
    if (value !== undefined) out.set(name.toLowerCase(), el(name, value));
  };
  set('Name', fields.name);
  set('Email', fields.email);
  set('Phone', fields.phone);
  set('WebSite', fields.website);
  if (fields.streetAddress !== undefined) setAddress(set, '', fields.streetAddress);
  if (fields.postalAddress !== undefined) setAddress(set, 'Postal', fields.postalAddress);
  // A masked value is what XPM showed us, not the number: never send it as an update.
  if (fields.taxNumber !== undefined && !isMaskedTaxNumber(fields.taxNumber)) set('TaxNumber', fields.taxNumber);
  set('BusinessNumber', fields.businessNumber);
  set('BusinessStructure', fields.businessStructure);
  if (fields.isProspect !== undefined) set('IsProspect', yes(fields.isProspect));
  return out;
}

function setAddress(set: (name: string, value: string | null | undefined) => void, prefix: '' | 'Postal', address: CanonicalAddress | null): void {
  set(`${prefix}Address`, address && address.lines.length > 0 ? address.lines.join('\n') : null);
  set(`${prefix}City`, address?.city ?? null);
  set(`${prefix}Region`, address?.region ?? null);
  set(`${prefix}PostCode`, address?.postcode ?? null);
  set(`${prefix}Country`, address?.country ?? null);
}

/** Output elements holding `<UUID>` that the update request takes as `…UUID` fields. */
const REFERENCE_FIELDS: Record<string, string> = {
  accountmanager: 'AccountManagerUUID',
  jobmanager: 'JobManagerUUID',
  billingclient: 'BillingClientUUID',
};

/** Scalar fields of ClientUpdateRequestDto (reference spec), lower-cased. */
const UPDATABLE_FIELDS = new Set(
  [
    'name',
    'firstName',
    'lastName',
    'otherName',
    'middleName',
    'title',
    'gender',
    'email',
    'dateOfBirth',
    'dateOfDeath',
    'placeOfBirthCity',
    'placeOfBirthCountryCode',
    'address',
    'city',
    'region',
    'postCode',
    'country',
    'postalAddress',
    'postalCity',
    'postalRegion',
    'postalPostCode',
    'postalCountry',
    'phone',
    'fax',
    'referralSource',
    'exportCode',
    'isProspect',
    'taxNumber',
    'companyNumber',
    'businessNumber',
    'branchNumber',
    'businessStructure',
    'balanceMonth',
    'gstRegistered',
    'prepareGst',
    'gstPeriod',
    'gstBasis',
    'provisionalTaxBasis',
    'provisionalTaxRatio',
    'signedTaxAuthority',
    'taxAgent',
    'agencyStatus',
    'prepareActivityStatement',
    'prepareTaxReturn',
    'returnType',
    'activeAtoClient',
    'clientCode',
  ].map((f) => f.toLowerCase()),
);
