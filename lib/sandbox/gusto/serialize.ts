/** Gusto records as the 2025-06-15 API returns them (schemas Company, Location, Admin). */
import { createHash } from 'node:crypto';
import type { GustoAddress, GustoAdmin, GustoCompany, GustoLocation } from '../model';

const iso = (ms: number) => new Date(ms).toISOString();

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Gusto's optimistic-locking `version`: changes whenever the object does. */
function version(value: unknown): string {
  return createHash('md5').update(JSON.stringify(value)).digest('hex');
}

function companyAddress(l: GustoLocation) {
  return { street_1: l.street_1, street_2: l.street_2, city: l.city, state: l.state, zip: l.zip, country: l.country, active: l.active, inactive: !l.active };
}

function address(a: GustoAddress) {
  return { street_1: a.street_1, street_2: a.street_2, city: a.city, state: a.state, zip: a.zip, country: a.country };
}

const COMPENSATIONS = {
  hourly: [
    { uuid: '7da6b22f-22f9-11f1-ad28-0242ac100003', name: 'Regular', multiple: 1 },
    { uuid: '7da6b57d-22f9-11f1-ad28-0242ac100003', name: 'Overtime', multiple: 1.5 },
    { uuid: '7da6b5ec-22f9-11f1-ad28-0242ac100003', name: 'Double overtime', multiple: 2 },
  ],
  fixed: [
    { uuid: '7da68d82-22f9-11f1-ad28-0242ac100003', name: 'Bonus' },
    { uuid: '7da69024-22f9-11f1-ad28-0242ac100003', name: 'Commission' },
    { uuid: null, name: 'Reimbursement' },
  ],
  paid_time_off: [
    { uuid: '7dcdcb77-22f9-11f1-ad28-0242ac100003', name: 'Vacation Hours' },
    { uuid: '7dcdcc8b-22f9-11f1-ad28-0242ac100003', name: 'Sick Hours' },
    { uuid: null, name: 'Holiday Hours' },
  ],
};

export function companyJson(c: GustoCompany): Record<string, unknown> {
  const admin = c.admins[0];
  const out: Record<string, unknown> = {
    ein: c.ein,
    entity_type: c.entity_type,
    contractor_only: c.contractor_only,
    tier: c.tier,
    is_suspended: c.is_suspended,
    company_status: c.company_status,
    is_high_risk_business: false,
    is_marijuana_business: false,
    uuid: c.uuid,
    name: c.name,
    slug: slugify(c.name),
    trade_name: c.trade_name,
    is_partner_managed: false,
    pay_schedule_type: c.pay_schedule_type,
    join_date: c.joinedAt === null ? null : iso(c.joinedAt).slice(0, 10),
    funding_type: c.funding_type,
    locations: c.locations.map(companyAddress),
    compensations: COMPENSATIONS,
    primary_signatory: c.signatory
      ? {
          uuid: c.signatory.uuid,
          first_name: c.signatory.first_name,
          middle_initial: c.signatory.middle_initial,
          last_name: c.signatory.last_name,
          phone: c.signatory.phone,
          email: c.signatory.email,
          home_address: address(c.signatory.home_address),
        }
      : null,
    primary_payroll_admin: admin ? { first_name: admin.first_name, last_name: admin.last_name, phone: admin.phone, email: admin.email } : undefined,
  };
  if (out.primary_payroll_admin === undefined) delete out.primary_payroll_admin;
  // Malformed-record test control: broken the way real payloads occasionally are.
  if (c.malformed === 'missing-name') delete out.name;
  if (c.malformed === 'missing-uuid') delete out.uuid;
  if (c.malformed === 'bad-values') {
    out.ein = 123456789;
    out.entity_type = 'Mega Corp';
    out.locations = 'n/a';
    out.primary_payroll_admin = 'unknown';
  }
  return out;
}

export function locationJson(company: GustoCompany, l: GustoLocation): Record<string, unknown> {
  const body = {
    uuid: l.uuid,
    company_uuid: company.uuid,
    phone_number: l.phone_number,
    street_1: l.street_1,
    street_2: l.street_2,
    city: l.city,
    state: l.state,
    zip: l.zip,
    country: l.country,
    mailing_address: l.mailing_address,
    filing_address: l.filing_address,
    created_at: iso(l.createdAt),
    updated_at: iso(l.updatedAt),
    active: l.active,
    inactive: !l.active,
  };
  return { ...body, version: version(body) };
}

export function adminJson(a: GustoAdmin): Record<string, unknown> {
  return { uuid: a.uuid, email: a.email, first_name: a.first_name, last_name: a.last_name, phone: a.phone };
}
