import type { CanonicalAddress, CanonicalClient, CanonicalContact } from '../../sync/canonical-client';
import type { MapResult } from '../mapping';
import { gustoCompanySchema, type GustoAddress, type GustoLocation, type GustoPerson } from './schemas';

/**
 * A Gusto company (plus its locations, when fetched) → the canonical record.
 *
 * Choices worth knowing:
 * - `name` is the legal name; `trade_name` the trading name.
 * - `ein` is the business number (Gusto has no other tax identifier for a company).
 * - Archived only when suspended (`is_suspended` or status `Suspended`). "Not Approved" in
 *   the spec's enum means still onboarding — a live client, not an archived one.
 * - Emails and phones appear only on the primary signatory and primary payroll admin, so
 *   they become contacts (the signatory primary); the client's own email is the
 *   signatory's (else the admin's) and its phone the filing location's (else theirs).
 * - Street address: the active filing location, else the first active one; postal: the
 *   active mailing location. Without the locations list, `company.locations` stands in
 *   (it carries no filing/mailing flags).
 */
export function mapGustoCompany(raw: unknown, locations?: readonly GustoLocation[] | null): MapResult {
  const externalId = externalIdOf(raw);
  const parsed = gustoCompanySchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'record';
    return { ok: false, externalId, error: `A Gusto company${externalId ? ` (${externalId})` : ''} could not be read (problem with ${field}). It was skipped.` };
  }
  const company = parsed.data;
  const name = clean(company.name);
  if (!name) return { ok: false, externalId: company.uuid, error: `Gusto company ${company.uuid} has no name. It was skipped.` };

  const active = (locations ?? []).filter(isActive);
  const filing = active.find((l) => l.filing_address) ?? active[0] ?? null;
  const mailing = active.find((l) => l.mailing_address) ?? null;
  const fallback = locations ? null : ((company.locations ?? []).find(isActive) ?? null);

  const contacts = peopleAsContacts(company.primary_signatory ?? null, company.primary_payroll_admin ?? null);
  const signatory = company.primary_signatory ?? null;
  const admin = company.primary_payroll_admin ?? null;

  const record: CanonicalClient = {
    app: 'gusto',
    externalId: company.uuid,
    name,
    legalName: name,
    tradingName: clean(company.trade_name),
    email: clean(signatory?.email) ?? clean(admin?.email),
    phone: clean(filing?.phone_number) ?? clean(signatory?.phone) ?? clean(admin?.phone),
    website: null,
    streetAddress: toAddress(filing ?? fallback),
    postalAddress: toAddress(mailing),
    taxNumber: null,
    taxNumberMasked: false,
    businessNumber: clean(company.ein),
    businessStructure: clean(company.entity_type),
    contacts,
    archived: company.is_suspended === true || clean(company.company_status)?.toLowerCase() === 'suspended',
    isProspect: false,
    modifiedAt: null,
  };
  return { ok: true, record };
}

function externalIdOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'uuid' in raw) {
    const uuid = (raw as { uuid: unknown }).uuid;
    if (typeof uuid === 'string' && uuid.trim() !== '') return uuid;
  }
  return undefined;
}

function isActive(address: GustoAddress): boolean {
  return address.active !== false && address.inactive !== true;
}

function toAddress(address: GustoAddress | null): CanonicalAddress | null {
  if (!address) return null;
  const lines = [clean(address.street_1), clean(address.street_2)].filter((l): l is string => l !== null);
  const result: CanonicalAddress = {
    lines,
    city: clean(address.city),
    region: clean(address.state),
    postcode: clean(address.zip),
    country: clean(address.country),
  };
  return lines.length === 0 && !result.city && !result.region && !result.postcode ? null : result;
}

function personName(person: GustoPerson): string | null {
  const parts = [clean(person.first_name), clean(person.middle_initial), clean(person.last_name)].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

function peopleAsContacts(signatory: GustoPerson | null, admin: GustoPerson | null): CanonicalContact[] {
  const out: CanonicalContact[] = [];
  const signatoryName = signatory ? personName(signatory) : null;
  if (signatory && signatoryName) {
    out.push({
      externalId: clean(signatory.uuid),
      name: signatoryName,
      email: clean(signatory.email),
      phone: clean(signatory.phone),
      mobile: null,
      salutation: null,
      position: 'Primary signatory',
      isPrimary: true,
    });
  }
  const adminName = admin ? personName(admin) : null;
  if (admin && adminName) {
    if (signatory && out[0] && samePerson(signatory, admin)) {
      // One person in both roles is one contact, not two near-duplicates.
      out[0] = { ...out[0], position: 'Primary signatory and payroll admin', phone: out[0].phone ?? clean(admin.phone) };
    } else {
      out.push({
        externalId: clean(admin.uuid),
        name: adminName,
        email: clean(admin.email),
        phone: clean(admin.phone),
        mobile: null,
        salutation: null,
        position: 'Primary payroll admin',
        isPrimary: out.length === 0,
      });
    }
  }
  return out;
}

/**
 * The signatory and the payroll admin are one person: the same email and the same first and
 * last name. The middle initial is left out of the comparison because Gusto's payroll admin
 * object has none (the spec's Company example), so "Amelia O Li" the signatory and "Amelia Li"
 * the admin are one. The email alone is not enough: the spec's own example gives two different
 * people one address.
 */
function samePerson(signatory: GustoPerson, admin: GustoPerson): boolean {
  return sameText(signatory.email, admin.email) && sameText(signatory.first_name, admin.first_name) && sameText(signatory.last_name, admin.last_name);
}

/** Equal ignoring case and surrounding spaces; two missing values are not "the same". */
function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = clean(a);
  const right = clean(b);
  return left !== null && right !== null && left.toLowerCase() === right.toLowerCase();
}

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
