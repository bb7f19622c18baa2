import type { CanonicalAddress, CanonicalClient, CanonicalContact } from '@/lib/sync/canonical-client';
import type { ClientInput } from '@/lib/validation/client';

/**
 * A new client's columns and contacts from an app's canonical record: exactly the fields
 * that app provided (nulls stay null), and the list of fields written, for provenance.
 *
 * A masked tax number (XPM shows only its last digits) is not a tax number: it never goes
 * in `taxNumber` (nobody may mistake "*****6789" for the real one, or send it back), but
 * what it tells us is kept apart as `taxNumberMasked`, shown as "ending 789" (issue 15).
 */
/** The client's own fields, exactly as the client form and its schema know them. */
export type ClientColumns = Omit<ClientInput, 'contacts'>;

/** A contact as the app's record carries it, minus the app's own id, in the app's order. */
export type ContactColumns = Omit<CanonicalContact, 'externalId'> & { sortOrder: number };

export interface ClientFromCanonical {
  client: ClientColumns;
  contacts: ContactColumns[];
  /** The app's masked tax number ("*****6789"), when it gave only that; null otherwise. */
  taxNumberMasked: string | null;
  /** Client fields the app provided a value for (plus 'contacts' when it gave any; 'taxNumber' for a masked one). */
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

/** The app's masked tax number (`*****6789`) when it shows only that, else null. */
export function maskedTaxNumberOf(record: CanonicalClient): string | null {
  return record.taxNumberMasked && record.taxNumber ? record.taxNumber : null;
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
  const taxNumberMasked = maskedTaxNumberOf(record);
  // What the client page shows for the tax number ("ending 789") came from the app.
  if (taxNumberMasked) providedFields.push('taxNumber');
  if (contacts.length > 0) providedFields.push('contacts');
  return { client, contacts, taxNumberMasked, providedFields };
}
