import type { CanonicalAddress, CanonicalClient, CanonicalContact } from '@/lib/sync/canonical-client';
import type { ClientInput } from '@/lib/validation/client';

/**
 * A new client's columns and contacts from an app's canonical record: exactly the fields
 * that app provided (nulls stay null), and the list of fields written, for provenance.
 *
 * A masked tax number (XPM shows only its last digits) is not a tax number: it is left
 * out rather than stored as "*****6789", so nobody mistakes it for the real one.
 */
/** The client's own fields, exactly as the client form and its schema know them. */
export type ClientColumns = Omit<ClientInput, 'contacts'>;

/** A contact as the app's record carries it, minus the app's own id, in the app's order. */
export type ContactColumns = Omit<CanonicalContact, 'externalId'> & { sortOrder: number };

export interface ClientFromCanonical {
  client: ClientColumns;
  contacts: ContactColumns[];
  /** Client fields the app provided a value for (plus 'contacts' when it gave any). */
  providedFields: string[];
}

function address<P extends 'street' | 'postal'>(prefix: P, value: CanonicalAddress | null) {
  // Lines past the second are joined into the second: the client has two address lines.
  const [first = null, ...rest] = value?.lines ?? [];
  return {
    [`${prefix}Line1`]: first,
    [`${prefix}Line2`]: rest.length ? rest.join(', ') : null,
    [`${prefix}City`]: value?.city ?? null,
    [`${prefix}Region`]: value?.region ?? null,
    [`${prefix}Postcode`]: value?.postcode ?? null,
    [`${prefix}Country`]: value?.country ?? null,
  } as Record<`${P}${'Line1' | 'Line2' | 'City' | 'Region' | 'Postcode' | 'Country'}`, string | null>;
}

export function clientFromCanonical(record: CanonicalClient): ClientFromCanonical {
  const client: ClientColumns = {
    name: record.name,
    legalName: record.legalName,
    tradingName: record.tradingName,
    email: record.email?.trim().toLowerCase() || null,
    phone: record.phone,
    website: record.website,
    ...address('street', record.streetAddress),
    ...address('postal', record.postalAddress),
    taxNumber: record.taxNumberMasked ? null : record.taxNumber,
    businessNumber: record.businessNumber,
    businessStructure: record.businessStructure,
  };
  // One primary at most (the database enforces it): the first the app marked primary.
  let primaryTaken = false;
  const contacts = record.contacts
    .filter((c) => c.name.trim() !== '')
    .map((c, index) => {
      const isPrimary = c.isPrimary && !primaryTaken;
      primaryTaken ||= isPrimary;
      return {
        name: c.name.trim(),
        email: c.email?.trim().toLowerCase() || null,
        phone: c.phone,
        mobile: c.mobile,
        salutation: c.salutation,
        position: c.position,
        isPrimary,
        sortOrder: index,
      };
    });
  const providedFields = Object.entries(client)
    .filter(([, value]) => value !== null && value !== '')
    .map(([field]) => field);
  if (contacts.length > 0) providedFields.push('contacts');
  return { client, contacts, providedFields };
}
