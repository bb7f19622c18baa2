import type { ClientColumns } from '@/lib/sync/mapping/client-from-canonical';

/**
 * A client's columns for pure tests: every field empty but the name, then the test's own.
 * Spelled out once so a new client column means one edit here, not one per test file.
 */
export function clientColumns(overrides: Partial<ClientColumns> & { name: string }): ClientColumns {
  return {
    legalName: null,
    tradingName: null,
    email: null,
    phone: null,
    website: null,
    streetLine1: null,
    streetLine2: null,
    streetCity: null,
    streetRegion: null,
    streetPostcode: null,
    streetCountry: null,
    postalLine1: null,
    postalLine2: null,
    postalCity: null,
    postalRegion: null,
    postalPostcode: null,
    postalCountry: null,
    taxNumber: null,
    businessNumber: null,
    businessStructure: null,
    ...overrides,
  };
}
