import type { XpmClientFields, XpmContactFields } from '@/lib/providers/xpm/client-xml';
import type { CanonicalAddress, CanonicalClient, CanonicalContact } from '../canonical-client';
import { clientFromCanonical, type ContactColumns } from '../mapping/client-from-canonical';
import { normalizeName } from '../matching';
import type { ClientField, ContactsChange, FieldChange, RecordPlan } from '../plan/field-changes';

/**
 * What a To-XPM run sends for one record, from planRecord's `to_app` plan (pure, so it is
 * tested without XPM): the adapter's patch (it reads, merges and sends the whole record),
 * the contact calls, and the fields and contacts actually sent, for the run's change row.
 *
 * - Fields XPM has no place for (legal and trading name: XPM's client has neither) are
 *   not sent and not reported as sent.
 * - An address is sent whole (XPM keeps street and postal addresses as blocks): the
 *   record's own address with the planned parts replaced, so a part we have no value for
 *   keeps XPM's, and XPM's address lines stay as they were unless a line changed.
 * - Contacts: ours are matched to XPM's by normalised name; a matched contact that differs
 *   is updated (only the values we have: an empty one never clears XPM's), an unmatched one
 *   is added. XPM's other contacts are left alone: a push never deletes.
 */
export type ContactCall = { kind: 'update'; contactUuid: string; name: string; patch: XpmContactFields } | { kind: 'add'; contact: XpmContactFields & { name: string } };

export interface XpmPush {
  patch: XpmClientFields;
  /** The fields sent: before = XPM's value, after = ours. */
  fields: FieldChange[];
  contactCalls: ContactCall[];
  /** XPM's contacts before and ours after, when a contact call is made. */
  contacts: ContactsChange | null;
}

/** Client fields XPM's client record holds (XpmClientFields); the rest are never sent. */
const SIMPLE: Partial<Record<ClientField, keyof XpmClientFields>> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  website: 'website',
  taxNumber: 'taxNumber',
  businessNumber: 'businessNumber',
  businessStructure: 'businessStructure',
};
type AddressPart = 'Line1' | 'Line2' | 'City' | 'Region' | 'Postcode' | 'Country';

function isAddressField(field: ClientField): field is `${'street' | 'postal'}${AddressPart}` {
  return /^(street|postal)(Line1|Line2|City|Region|Postcode|Country)$/.test(field);
}

export function isEmptyPush(push: XpmPush): boolean {
  return push.fields.length === 0 && push.contactCalls.length === 0;
}

export function xpmPushFromPlan(record: CanonicalClient, plan: RecordPlan, localContacts: readonly ContactColumns[]): XpmPush {
  const fields = plan.fields.filter((f) => SIMPLE[f.field] !== undefined || isAddressField(f.field));
  const patch: XpmClientFields = {};
  for (const f of fields) {
    const key = SIMPLE[f.field];
    if (key === 'name') patch.name = f.after ?? record.name;
    else if (key) (patch as Record<string, string | null>)[key] = f.after;
  }
  for (const prefix of ['street', 'postal'] as const) {
    const changed = fields.filter((f) => f.field.startsWith(prefix) && isAddressField(f.field));
    if (changed.length > 0) patch[prefix === 'street' ? 'streetAddress' : 'postalAddress'] = mergedAddress(record, prefix, changed);
  }
  const contactCalls = plan.contacts ? contactCallsFor(record.contacts, localContacts) : [];
  const contacts = contactCalls.length > 0 && plan.contacts ? plan.contacts : null;
  return { patch, fields, contactCalls, contacts };
}

function mergedAddress(record: CanonicalClient, prefix: 'street' | 'postal', changed: FieldChange[]): CanonicalAddress {
  const current = prefix === 'street' ? record.streetAddress : record.postalAddress;
  const columns = clientFromCanonical(record).client as Record<string, string | null>;
  const value = (part: AddressPart) => {
    const change = changed.find((f) => f.field === `${prefix}${part}`);
    return change ? change.after : (columns[`${prefix}${part}`] ?? null);
  };
  const linesChanged = changed.some((f) => f.field.endsWith('Line1') || f.field.endsWith('Line2'));
  const lines = linesChanged ? [value('Line1'), value('Line2')].filter((l): l is string => l !== null && l.trim() !== '') : (current?.lines ?? []);
  return { lines, city: value('City'), region: value('Region'), postcode: value('Postcode'), country: value('Country') };
}

const CONTACT_VALUES = ['email', 'phone', 'mobile', 'salutation', 'position'] as const;

/** A contact here as XPM's contact request takes it (a new contact, or one of a new client's). */
export function xpmContactFrom(contact: Omit<ContactColumns, 'sortOrder'>): XpmContactFields & { name: string } {
  return {
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    mobile: contact.mobile,
    salutation: contact.salutation,
    position: contact.position,
    isPrimary: contact.isPrimary,
  };
}

function contactCallsFor(theirs: readonly CanonicalContact[], ours: readonly ContactColumns[]): ContactCall[] {
  const calls: ContactCall[] = [];
  const unmatched = theirs.filter((c) => c.externalId !== null);
  for (const contact of ours) {
    const key = normalizeName(contact.name);
    const index = unmatched.findIndex((c) => normalizeName(c.name) === key);
    if (index < 0) {
      calls.push({ kind: 'add', contact: xpmContactFrom(contact) });
      continue;
    }
    const match = unmatched.splice(index, 1)[0]!;
    const patch: XpmContactFields = {};
    for (const field of CONTACT_VALUES) {
      const value = contact[field];
      if (value === null || value.trim() === '') continue;
      const same = field === 'email' ? value.toLowerCase() === match.email?.toLowerCase() : value === match[field];
      if (!same) patch[field] = value;
    }
    if (contact.isPrimary !== match.isPrimary) patch.isPrimary = contact.isPrimary;
    if (Object.keys(patch).length > 0) calls.push({ kind: 'update', contactUuid: match.externalId!, name: match.name, patch });
  }
  return calls;
}
