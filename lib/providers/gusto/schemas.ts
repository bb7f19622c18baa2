import { z } from 'zod';

/**
 * Gusto JSON shapes we read (reference spec 2025-06-15), deliberately lenient: unknown fields
 * pass, most fields may be missing or null, and numbers where strings belong (the spec's own
 * examples show `zip: 94107`) are read as strings. Strictness lives in the mapping, which
 * fails one record with a readable reason instead of a whole response.
 */
const looseString = z.union([z.string(), z.number()]).transform((v) => String(v));
const optString = looseString.nullish();

export const gustoAddressSchema = z.object({
  street_1: optString,
  street_2: optString,
  city: optString,
  state: optString,
  zip: optString,
  country: optString,
  active: z.boolean().nullish(),
  inactive: z.boolean().nullish(),
});
export type GustoAddress = z.infer<typeof gustoAddressSchema>;

export const gustoLocationSchema = gustoAddressSchema.extend({
  uuid: z.string(),
  company_uuid: optString,
  phone_number: optString,
  mailing_address: z.boolean().nullish(),
  filing_address: z.boolean().nullish(),
  created_at: z.unknown().optional(),
  updated_at: optString,
});
export type GustoLocation = z.infer<typeof gustoLocationSchema>;

export const gustoPersonSchema = z.object({
  uuid: optString,
  first_name: optString,
  middle_initial: optString,
  last_name: optString,
  email: optString,
  phone: optString,
});
export type GustoPerson = z.infer<typeof gustoPersonSchema>;

export const gustoAdminSchema = gustoPersonSchema.extend({ uuid: z.string() });
export type GustoAdmin = z.infer<typeof gustoAdminSchema>;

export const gustoCompanySchema = z.object({
  uuid: z.string().min(1),
  name: optString,
  trade_name: optString,
  ein: optString,
  entity_type: optString,
  company_status: optString,
  is_suspended: z.boolean().nullish(),
  locations: z.array(gustoAddressSchema).nullish(),
  primary_signatory: gustoPersonSchema.nullish(),
  primary_payroll_admin: gustoPersonSchema.nullish(),
});
export type GustoCompany = z.infer<typeof gustoCompanySchema>;

export const gustoTokenInfoSchema = z.object({
  scope: z.string().nullish(),
  resource: z.object({ type: z.string(), uuid: z.string() }).nullish(),
  resource_owner: z.object({ type: z.string().nullish(), uuid: z.string().nullish() }).nullish(),
});
export type GustoTokenInfo = z.infer<typeof gustoTokenInfoSchema>;
