import type { ClientFieldName } from '@/db/schema';

/**
 * A client field's name as a person reads it, for a run's "before → after" and the client's
 * sync provenance. The client form writes its labels inline, grouped under "Street address" /
 * "Postal address" legends; outside those groups the address fields need the group in their
 * name, so this is the one map for places that list fields one by one.
 */
export const CLIENT_FIELD_LABELS: Readonly<Record<ClientFieldName, string>> = {
  name: 'Name',
  legalName: 'Legal name',
  tradingName: 'Trading name',
  email: 'Email',
  phone: 'Phone',
  website: 'Website',
  streetLine1: 'Street address line 1',
  streetLine2: 'Street address line 2',
  streetCity: 'Street address city',
  streetRegion: 'Street address state or region',
  streetPostcode: 'Street address postcode',
  streetCountry: 'Street address country',
  postalLine1: 'Postal address line 1',
  postalLine2: 'Postal address line 2',
  postalCity: 'Postal address city',
  postalRegion: 'Postal address state or region',
  postalPostcode: 'Postal address postcode',
  postalCountry: 'Postal address country',
  taxNumber: 'Tax number',
  businessNumber: 'Business number',
  businessStructure: 'Business structure',
  contacts: 'Contacts',
};

/** The label of a recorded field name; an unknown one (a field added later) reads as itself. */
export function clientFieldLabel(field: string): string {
  return (CLIENT_FIELD_LABELS as Record<string, string>)[field] ?? field;
}
