import type { AppId, CanonicalClient } from '../canonical-client';

/** Test helper: a canonical record with every field absent but the ones given. */
export function canonicalRecord(app: AppId, externalId: string, fields: Partial<CanonicalClient> & { name: string }): CanonicalClient {
  return {
    app,
    externalId,
    legalName: null,
    tradingName: null,
    email: null,
    phone: null,
    website: null,
    streetAddress: null,
    postalAddress: null,
    taxNumber: null,
    taxNumberMasked: false,
    businessNumber: null,
    businessStructure: null,
    contacts: [],
    archived: false,
    isProspect: false,
    modifiedAt: null,
    ...fields,
  };
}
