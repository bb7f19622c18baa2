import type { CanonicalAddress, CanonicalContact } from '../../sync/canonical-client';
import { isMaskedTaxNumber } from './map-client';
import { ProviderError } from '../errors';
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

/** What a push sends (DESIGN §3): every mapped field, or the name only. */
export type XpmSyncData = 'everything' | 'client_name';

/** Responses show the GST period as text; `ClientUpdateRequestDto.gstPeriod` is the number of months. */
const GST_PERIOD_MONTHS: Record<string, string> = { monthly: '1', 'one monthly': '1', 'two monthly': '2', 'six monthly': '6' };

/** Request fields whose value XPM documents as `Yes`/`No`. */
const YES_NO_ELEMENTS = new Set(['isprospect', 'gstregistered', 'preparegst', 'prepareactivitystatement', 'preparetaxreturn', 'signedtaxauthority', 'activeatoclient']);

/**
 * The `client.api/update` body: XPM's update replaces the record, so this is the whole record
 * as `ClientUpdateRequestDto` defines it — every field XPM showed us, turned into its request
 * form — with the patch on top. Pure: `current` is the `<Client>` of a `client.api/get`.
 *
 * - Request forms, never display text: `GSTPeriod` "Two Monthly" is sent as `2`; `Website` is
 *   sent as `WebSite`; `AccountManager`/`JobManager`/`BillingClient` as their `…UUID`.
 * - The masked `TaxNumber` is never sent (XPM keeps the number when it is absent), and a
 *   masked value in the patch is ignored, so the number is never cleared either.
 * - Type, groups, notes, relationships, archive flags and contacts are not update fields; they
 *   are left out (contacts change only through the contact endpoints).
 * - `client_name`: the record is still sent whole (anything left out would be cleared), but
 *   only the patch's name is applied.
 *
 * Throws a `validation` ProviderError, before anything is sent, when a value XPM showed cannot
 * be put back in request form: sending the record without it would clear it in XPM.
 */
export function updateClientBody(current: XmlObject, patch: XpmClientFields, syncData: XpmSyncData): string {
  const uuid = text(current.UUID);
  if (!uuid) throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: 'The XPM client read before the update had no UUID; nothing was sent.' });
  const carried = new Map<string, XmlNode>();
  for (const [name, value] of Object.entries(current)) {
    const key = name.toLowerCase();
    const reference = REFERENCE_FIELDS[key];
    if (reference) {
      const refUuid = isXmlObject(value) ? text(value.UUID) : null;
      if (refUuid) carried.set(reference.toLowerCase(), el(reference, refUuid));
      continue;
    }
    const element = REQUEST_ELEMENTS.get(key === 'website' ? 'website' : key);
    const shown = typeof value === 'string' ? text(value) : null;
    if (!element || shown === null) continue;
    if (key === 'taxnumber' && isMaskedTaxNumber(shown)) continue;
    carried.set(element.toLowerCase(), el(element, requestForm(key, name, shown)));
  }
  const applied = syncData === 'client_name' ? { name: patch.name } : patch;
  for (const [key, node] of fieldsToElements(applied)) carried.set(key, node);
  carried.delete('uuid');
  return renderXml({ name: 'Client', children: [el('UUID', uuid), ...carried.values()] });
}

/** A value as XPM showed it → the form its request takes. */
function requestForm(key: string, element: string, shown: string): string {
  if (key === 'gstperiod') {
    const months = /^\d+$/.test(shown) ? shown : GST_PERIOD_MONTHS[shown.toLowerCase()];
    if (months) return months;
    throw cannotSendBack(element, shown);
  }
  if (YES_NO_ELEMENTS.has(key)) {
    const t = shown.toLowerCase();
    if (t === 'yes' || t === 'true') return 'Yes';
    if (t === 'no' || t === 'false') return 'No';
    throw cannotSendBack(element, shown);
  }
  if (key === 'balancemonth' && !/^\d{1,2}$/.test(shown)) throw cannotSendBack(element, shown);
  return shown;
}

function cannotSendBack(element: string, shown: string): ProviderError {
  return new ProviderError({
    kind: 'validation',
    provider: 'xpm',
    message: `XPM shows ${element} as "${shown}", which Practice Sync cannot send back in the form XPM's update takes. Nothing was sent, so it stays as it is in XPM.`,
  });
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

/** Contact elements of `ContactRequestDto` carried from the current contact on a PUT. */
const CONTACT_ELEMENTS = ['Name', 'Salutation', 'Addressee', 'Mobile', 'Email', 'Phone', 'Position', 'IsPrimary'] as const;

/**
 * The `PUT client.api/contact/{uuid}` body: PUT replaces the contact, so every field of the
 * current contact (as `client.api/contact/{uuid}?clientUuid=` shows it, Addressee, Position and
 * IsPrimary included) with the patch on top.
 */
export function updateContactBody(current: XmlObject, patch: XpmContactFields): string {
  const values = new Map<string, string | null>(CONTACT_ELEMENTS.map((name) => [name, text(current[name])]));
  const set = (name: (typeof CONTACT_ELEMENTS)[number], value: string | null | undefined) => {
    if (value !== undefined) values.set(name, value);
  };
  set('Name', patch.name);
  set('Salutation', patch.salutation);
  set('Mobile', patch.mobile);
  set('Email', patch.email);
  set('Phone', patch.phone);
  set('Position', patch.position);
  if (patch.isPrimary !== undefined) values.set('IsPrimary', yes(patch.isPrimary));
  const primary = values.get('IsPrimary');
  values.set('IsPrimary', primary && /^(yes|true)$/i.test(primary) ? 'Yes' : 'No');
  return renderXml({ name: 'Contact', children: CONTACT_ELEMENTS.map((name) => el(name, values.get(name) ?? null)) });
}

/** A job for `job.api/add`. Dates are calendar dates (`YYYY-MM-DD` or a Date, read in UTC). */
export interface XpmNewJob {
  clientUuid: string;
  name: string;
  description: string;
  startDate: string | Date;
  dueDate: string | Date;
  contactUuid?: string;
  categoryUuid?: string;
  templateUuid?: string;
  budget?: number;
  /** The client's order number. */
  clientNumber?: string;
  /** A job number to use instead of XPM's next one. */
  id?: string;
}

/** `YYYYMMDD`, as job.api/add takes dates. */
export function xpmJobDate(value: string | Date): string {
  const iso = typeof value === 'string' ? value : value.toISOString();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(iso);
  if (!m) throw new ProviderError({ kind: 'validation', provider: 'xpm', message: `"${iso}" is not a date XPM can take for a job; nothing was sent.` });
  return `${m[1]}${m[2]}${m[3]}`;
}

export function addJobXml(job: XpmNewJob): string {
  const children: XmlNode[] = [];
  const opt = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') children.push(el(name, value));
  };
  opt('ID', job.id);
  children.push(el('Name', job.name), el('Description', job.description), el('ClientUUID', job.clientUuid));
  opt('ContactUUID', job.contactUuid);
  children.push(el('StartDate', xpmJobDate(job.startDate)), el('DueDate', xpmJobDate(job.dueDate)));
  opt('CategoryUUID', job.categoryUuid);
  opt('Budget', job.budget === undefined ? undefined : String(job.budget));
  opt('ClientNumber', job.clientNumber);
  opt('TemplateUUID', job.templateUuid);
  return renderXml({ name: 'Job', children });
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

/**
 * Scalar fields of ClientUpdateRequestDto (reference spec), as XPM's XML spells them, keyed by
 * the lower-cased name a response uses (`website` → `WebSite`: responses say `Website`).
 */
const REQUEST_ELEMENTS = new Map(
  [
    'Name',
    'FirstName',
    'LastName',
    'OtherName',
    'MiddleName',
    'Title',
    'Gender',
    'Email',
    'DateOfBirth',
    'DateOfDeath',
    'PlaceOfBirthCity',
    'PlaceOfBirthCountryCode',
    'Address',
    'City',
    'Region',
    'PostCode',
    'Country',
    'PostalAddress',
    'PostalCity',
    'PostalRegion',
    'PostalPostCode',
    'PostalCountry',
    'Phone',
    'Fax',
    'WebSite',
    'ReferralSource',
    'ExportCode',
    'IsProspect',
    'TaxNumber',
    'CompanyNumber',
    'BusinessNumber',
    'BranchNumber',
    'BusinessStructure',
    'BalanceMonth',
    'GSTRegistered',
    'PrepareGST',
    'GSTPeriod',
    'GSTBasis',
    'ProvisionalTaxBasis',
    'ProvisionalTaxRatio',
    'SignedTaxAuthority',
    'TaxAgent',
    'AgencyStatus',
    'PrepareActivityStatement',
    'PrepareTaxReturn',
    'ReturnType',
    'ActiveATOClient',
    'ClientCode',
  ].map((name) => [name.toLowerCase(), name]),
);
