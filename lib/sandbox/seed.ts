/**
 * The sandbox's deterministic seed: one XPM practice with 2,500 clients, a second small practice
 * (for wrong-tenant tests) and 40 Gusto companies. Overlaps are deliberate: some XPM clients and
 * Gusto companies carry the same or nearly the same name as the demo practice's own clients, and
 * some XPM clients mirror Gusto companies, because that is what the matching rules must handle.
 *
 * Only timestamps depend on `seedTime` (records are dated relative to it), so "modified since
 * a minute ago" is empty right after a reset whatever the wall clock says.
 */
import {
  countryOf,
  createRng,
  demoOverlapPlan,
  demoPracticeClients,
  driftedCopy,
  generateClient,
  generateClients,
  nameVariant,
  NAME_VARIANTS,
  pickSome,
  type FixtureClient,
  type Rng,
} from '../fixtures/business-names';
import { chance, int, pick, shuffled, uuid } from '../fixtures/rng';
import type { GustoAddress, GustoAdmin, GustoCompany, GustoEntityType, GustoLocation, XpmClient, XpmClientType, XpmContact, XpmRef, XpmTenant } from './model';

export const XPM_TENANT_ID = '4f2a9c1e-7b3d-4e8a-9f10-2c5d6e7f8a90';
export const XPM_TENANT_NAME = 'Bluegum Accounting Practice';
export const XPM_SECOND_TENANT_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
export const XPM_SECOND_TENANT_NAME = 'Kauri Chartered Accountants';

export const XPM_CLIENT_COUNT = 2500;
export const XPM_SECOND_TENANT_CLIENT_COUNT = 25;
export const GUSTO_COMPANY_COUNT = 40;
/** The Gusto company with many locations, so location paging has more than one page. */
export const GUSTO_MULTI_SITE_LOCATIONS = 30;

const XPM_ARCHIVED = 110;
const XPM_PROSPECTS = 70;
const XPM_DELETED = 30;
const DAY = 86_400_000;

export interface SeedData {
  tenants: XpmTenant[];
  companies: GustoCompany[];
  /** Names of seeded overlaps, for tests and the README. */
  overlaps: {
    xpmFromDemoExact: string[];
    xpmFromDemoNear: string[];
    gustoFromDemoExact: string[];
    gustoFromDemoNear: string[];
    xpmFromGusto: string[];
  };
}

// ---------------------------------------------------------------------------------------------
// XPM
// ---------------------------------------------------------------------------------------------

function companyNumberFor(client: FixtureClient, rng: Rng): string | null {
  if (client.businessStructure !== 'Company') return null;
  const country = countryOf(client);
  if (country === 'AU' && client.businessNumber) {
    // An Australian company's ACN is the last nine digits of its ABN.
    const acn = client.businessNumber.replace(/\D/g, '').slice(2);
    return `${acn.slice(0, 3)} ${acn.slice(3, 6)} ${acn.slice(6, 9)}`;
  }
  if (country === 'NZ') return String(int(rng, 1_000_000, 9_999_999));
  return null;
}

function toXpmContacts(contacts: FixtureClient['contacts'], rng: Rng): XpmContact[] {
  return contacts.map((c) => ({
    uuid: uuid(rng),
    name: c.name,
    salutation: c.salutation,
    addressee: chance(rng, 0.5) ? (c.name.split(' ')[0] ?? null) : null,
    mobile: c.mobile,
    email: c.email,
    phone: c.phone,
    position: c.position,
    isPrimary: c.isPrimary,
    isDeleted: false,
  }));
}

const NOTE_TEXTS = [
  'Prefers email over phone. Year-end pack due in August.',
  'Referred by existing client. Check engagement letter is signed.',
  'Moved premises last year; postal address updated.',
  'Needs payroll set-up help next quarter.',
];

export function toXpmClient(client: FixtureClient, rng: Rng, seq: number, modifiedAt: number): XpmClient {
  const country = countryOf(client);
  const person = client.businessStructure === 'Sole Trader' || client.businessStructure === 'Sole Proprietor' ? client.legalName : null;
  const [firstName, ...rest] = person ? person.split(' ') : [];
  const code = client.name
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 4)
    .toUpperCase();
  const record: XpmClient = {
    uuid: uuid(rng),
    seq,
    name: client.name,
    firstName: firstName ?? null,
    lastName: rest.length > 0 ? rest.join(' ') : null,
    email: client.email,
    phone: client.phone,
    fax: null,
    website: client.website,
    address: client.street ? client.street.lines.join('\n') : null,
    city: client.street?.city ?? null,
    region: client.street?.region ?? null,
    postCode: client.street?.postcode ?? null,
    country: client.street?.country ?? null,
    postalAddress: client.postal ? client.postal.lines.join('\n') : null,
    postalCity: client.postal?.city ?? null,
    postalRegion: client.postal?.region ?? null,
    postalPostCode: client.postal?.postcode ?? null,
    postalCountry: client.postal?.country ?? null,
    taxNumber: client.taxNumber,
    companyNumber: companyNumberFor(client, rng),
    businessNumber: client.businessNumber,
    businessStructure: client.businessStructure,
    referralSource: chance(rng, 0.2) ? pick(rng, ['Website', 'Referral', 'Google', 'Existing client']) : null,
    exportCode: null,
    clientCode: `${code || 'CLT'}${String(seq).padStart(4, '0')}`,
    balanceMonth: country === 'AU' ? 6 : country === 'NZ' ? 3 : 12,
    gstRegistered: country === 'US' ? null : chance(rng, 0.7),
    ...practiceFields(seq, country, null),
    isProspect: false,
    isArchived: client.archived,
    isDeleted: false,
    contacts: toXpmContacts(client.contacts, rng),
    notes: chance(rng, 0.3) ? [{ title: 'Client note', text: pick(rng, NOTE_TEXTS), date: '2025-07-01T09:30:00' }] : [],
    modifiedAt,
    malformed: null,
  };
  // GST settings follow the (random) registration, drawn above in the record's usual order.
  return { ...record, ...practiceFields(seq, country, record.gstRegistered) };
}

/** Staff and groups are the same in both practices (fixed UUIDs, so tests can name them). */
export const XPM_STAFF: readonly XpmRef[] = [
  { uuid: '0b7c1d2e-3f40-4a51-8b62-7c83d94ea051', name: 'Priya Raman' },
  { uuid: '1c8d2e3f-4051-4b62-9c73-8d94ea05b162', name: 'Tom Whitfield' },
  { uuid: '2d9e3f40-5162-4c73-ad84-9ea05b16c273', name: 'Mere Tane' },
  { uuid: '3eaf4051-6273-4d84-be95-af0b16c2d384', name: 'Sam Okafor' },
];
export const XPM_GROUPS: readonly XpmRef[] = [
  { uuid: '4fb05162-7384-4e95-8fa6-b01c27d3e495', name: 'Monthly bookkeeping' },
  { uuid: '50c16273-8495-4fa6-90b7-c12d38e4f5a6', name: 'Payroll' },
  { uuid: '61d27384-95a6-40b7-a1c8-d23e49f506b7', name: 'Tax only' },
];
const CLIENT_TYPES: readonly XpmClientType[] = [
  { name: 'Standard', costMarkup: 0, paymentTerm: 'DayOfMonth', paymentDay: 20 },
  { name: 'Priority', costMarkup: 10, paymentTerm: 'WithinDays', paymentDay: 14 },
];

/**
 * The fields XPM holds beyond the fixture's: managers, type, GST settings and groups. Chosen
 * from `seq`, not the random stream, so the rest of the seed stays as it was.
 */
function practiceFields(
  seq: number,
  country: string,
  gstRegistered: boolean | null,
): Pick<XpmClient, 'accountManager' | 'jobManager' | 'type' | 'groups' | 'prepareGst' | 'gstPeriod' | 'gstBasis' | 'prepareActivityStatement' | 'prepareTaxReturn'> {
  const gst = gstRegistered === true;
  const group = seq % 5;
  return {
    accountManager: seq % 7 === 0 ? null : (XPM_STAFF[seq % XPM_STAFF.length] ?? null),
    jobManager: seq % 3 === 0 ? (XPM_STAFF[(seq + 1) % XPM_STAFF.length] ?? null) : null,
    type: CLIENT_TYPES[seq % 4 === 0 ? 1 : 0] ?? null,
    groups: group === 0 ? [] : group === 4 ? [XPM_GROUPS[0]!, XPM_GROUPS[1]!] : [XPM_GROUPS[(group - 1) % XPM_GROUPS.length]!],
    prepareGst: country === 'US' ? null : gst,
    gstPeriod: gst ? (country === 'AU' ? 1 : seq % 2 === 0 ? 2 : 6) : null,
    gstBasis: gst ? (seq % 3 === 0 ? 'Payments' : 'Invoice') : null,
    prepareActivityStatement: country === 'AU' ? gst : null,
    prepareTaxReturn: country === 'US' ? null : seq % 4 !== 1,
  };
}

function newTenant(id: string, name: string): XpmTenant {
  return { id, name, clients: new Map(), contactOwner: new Map(), nextSeq: 1, staff: [...XPM_STAFF], groups: [...XPM_GROUPS], jobs: new Map(), nextJobNumber: 1 };
}

export function addClientToTenant(tenant: XpmTenant, client: XpmClient): void {
  tenant.clients.set(client.uuid, client);
  for (const c of client.contacts) tenant.contactOwner.set(c.uuid, client.uuid);
  tenant.nextSeq = Math.max(tenant.nextSeq, client.seq + 1);
}

/** Seeded records are at least a day old, so tests' "since a minute ago" windows start empty. */
function pastTime(rng: Rng, seedTime: number): number {
  return seedTime - DAY - Math.floor(rng() * 700 * DAY);
}

// ---------------------------------------------------------------------------------------------
// Gusto
// ---------------------------------------------------------------------------------------------

const ENTITY_TYPES: Record<string, GustoEntityType> = {
  LLC: 'LLC',
  'C Corporation': 'C-Corporation',
  'S Corporation': 'S-Corporation',
  'Sole Proprietor': 'Sole proprietor',
  'Sole Trader': 'Sole proprietor',
  Partnership: 'General partnership',
  Company: 'C-Corporation',
  Trust: 'Trusteeship',
};

const digitsOnly = (s: string | null): string | null => (s ? s.replace(/\D/g, '') : null);

function usAddress(rng: Rng): GustoAddress {
  const street = generateClient(rng, 'US').street ?? { lines: ['1 Main Street'], city: 'Austin', region: 'TX', postcode: '78701', country: 'United States' };
  const line1 = street.lines[street.lines.length - 1] ?? '1 Main Street';
  const line2 = street.lines.length > 1 ? (street.lines[0] ?? null) : null;
  return { street_1: line1, street_2: line2, city: street.city ?? 'Austin', state: street.region ?? 'TX', zip: street.postcode ?? '78701', country: 'USA' };
}

function fixtureUsAddress(client: FixtureClient, which: 'street' | 'postal'): GustoAddress | null {
  const a = client[which];
  if (!a || countryOf(client) !== 'US') return null;
  const line1 = a.lines[a.lines.length - 1];
  if (!line1 || !a.city || !a.region || !a.postcode) return null;
  return { street_1: line1, street_2: a.lines.length > 1 ? (a.lines[0] ?? null) : null, city: a.city, state: a.region, zip: a.postcode, country: 'USA' };
}

function location(rng: Rng, address: GustoAddress, phone: string, flags: { mailing: boolean; filing: boolean }, at: number): GustoLocation {
  return { uuid: uuid(rng), ...address, phone_number: phone, mailing_address: flags.mailing, filing_address: flags.filing, active: true, createdAt: at, updatedAt: at };
}

function usPhone(rng: Rng): string {
  return `${pick(rng, ['415', '503', '512', '312', '646', '617', '303'])}555${String(int(rng, 0, 9999)).padStart(4, '0')}`;
}

function emailDomain(client: FixtureClient): string {
  const fromEmail = client.email?.split('@')[1];
  if (fromEmail) return fromEmail;
  return `${
    client.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 24) || 'company'
  }.com`;
}

function toGustoCompany(client: FixtureClient, rng: Rng, seedTime: number, locationCount?: number): GustoCompany {
  const created = pastTime(rng, seedTime);
  const phone = digitsOnly(client.phone) ?? usPhone(rng);
  const street = fixtureUsAddress(client, 'street') ?? usAddress(rng);
  const postal = fixtureUsAddress(client, 'postal');
  const locations: GustoLocation[] = [location(rng, street, phone, { mailing: !postal, filing: true }, created)];
  if (postal && postal.street_1 !== street.street_1) locations.push(location(rng, postal, phone, { mailing: true, filing: false }, created));
  const target = locationCount ?? locations.length + (chance(rng, 0.3) ? 1 : 0);
  while (locations.length < target) locations.push(location(rng, usAddress(rng), usPhone(rng), { mailing: false, filing: false }, created));

  const domain = emailDomain(client);
  const people = client.contacts.length > 0 ? client.contacts : generateClient(rng, 'US').contacts;
  const admins: GustoAdmin[] = people.slice(0, 3).map((c) => {
    const [first = 'Alex', ...last] = c.name.split(' ');
    return {
      uuid: uuid(rng),
      first_name: first,
      last_name: last.join(' ') || 'Morgan',
      email: c.email ?? `${first.toLowerCase()}@${domain}`,
      phone: digitsOnly(c.phone ?? c.mobile),
    };
  });
  if (admins.length === 0) admins.push({ uuid: uuid(rng), first_name: 'Jordan', last_name: 'Reyes', email: `payroll@${domain}`, phone: usPhone(rng) });
  const signer = admins[0];
  const ein =
    client.businessNumber && /^\d{2}-\d{7}$/.test(client.businessNumber) ? client.businessNumber : `${int(rng, 10, 98)}-${String(int(rng, 0, 9_999_999)).padStart(7, '0')}`;
  return {
    uuid: uuid(rng),
    name: client.name,
    trade_name: client.tradingName,
    ein,
    entity_type: client.businessStructure ? (ENTITY_TYPES[client.businessStructure] ?? 'LLC') : null,
    tier: pick(rng, ['simple', 'plus', 'premium', 'core', 'complete'] as const),
    is_suspended: false,
    company_status: 'Approved',
    contractor_only: chance(rng, 0.1),
    joinedAt: created,
    funding_type: 'ach',
    pay_schedule_type: pick(rng, ['single', 'hourly_salaried', 'by_employee', null] as const),
    locations,
    admins,
    signatory: signer
      ? {
          uuid: uuid(rng),
          first_name: signer.first_name,
          middle_initial: chance(rng, 0.3) ? String.fromCharCode(65 + int(rng, 0, 25)) : null,
          last_name: signer.last_name,
          phone: signer.phone ?? usPhone(rng),
          email: signer.email,
          home_address: usAddress(rng),
        }
      : null,
    updatedAt: created,
    malformed: null,
  };
}

// ---------------------------------------------------------------------------------------------
// The seed
// ---------------------------------------------------------------------------------------------

const SEED = 0x5a_2500;

/** A near-duplicate name that is not already taken, trying variants in a fixed order. */
function freeVariant(name: string, start: number, taken: (n: string) => boolean): string {
  for (let k = 0; k < NAME_VARIANTS.length; k += 1) {
    const candidate = nameVariant(name, NAME_VARIANTS[(start + k) % NAME_VARIANTS.length] ?? 'suffix');
    if (!taken(candidate)) return candidate;
  }
  return `${name} (2)`;
}

export function buildSeed(seedTime: number): SeedData {
  const rng = createRng(SEED);
  const demo = demoPracticeClients();
  const demoNames = new Set(demo.map((c) => c.name));
  const usedNames = new Set<string>();

  // Gusto: US companies only (Gusto is a US payroll provider).
  const usDemo = demo.filter((c) => !c.archived && countryOf(c) === 'US');
  const gustoDemo = pickSome(usDemo, 10, SEED + 1);
  const gustoFixtures: FixtureClient[] = [];
  const gustoFromDemoExact: string[] = [];
  const gustoFromDemoNear: string[] = [];
  gustoDemo.forEach((c, i) => {
    if (i < 6) {
      gustoFixtures.push(driftedCopy(c, c.name, SEED + 10 + i));
      gustoFromDemoExact.push(c.name);
    } else {
      const name = freeVariant(c.name, i * 3, (n) => demoNames.has(n) || usedNames.has(n));
      gustoFixtures.push(driftedCopy(c, name, SEED + 10 + i));
      gustoFromDemoNear.push(name);
    }
  });
  for (const f of gustoFixtures) usedNames.add(f.name);
  const freshGusto = generateClients(GUSTO_COMPANY_COUNT - gustoFixtures.length, SEED + 2, new Set([...demoNames, ...usedNames]), { countries: { US: 1 } });
  for (const f of freshGusto) usedNames.add(f.name);
  // Interleave so overlaps are not all at the top of the consent list.
  const allGustoFixtures = shuffled(createRng(SEED + 3), [...gustoFixtures, ...freshGusto]);
  const companies = allGustoFixtures.map((f) => toGustoCompany(f, rng, seedTime, f === freshGusto[0] ? GUSTO_MULTI_SITE_LOCATIONS : undefined));
  // A few companies in the states a practice meets: not yet approved, suspended.
  companies.forEach((c, i) => {
    if (i % 17 === 5) c.company_status = 'Not Approved';
    if (i % 19 === 11) {
      c.is_suspended = true;
      c.company_status = 'Suspended';
    }
  });

  // XPM main tenant.
  const main = newTenant(XPM_TENANT_ID, XPM_TENANT_NAME);
  const xpmFixtures: FixtureClient[] = [];
  const plan = demoOverlapPlan(SEED + 4, 60, 40);
  for (const c of plan.exact) xpmFixtures.push(driftedCopy(c, c.name, SEED + xpmFixtures.length));
  const xpmNames = new Set(xpmFixtures.map((c) => c.name));
  const xpmFromDemoNear: string[] = [];
  for (const n of plan.near) {
    if (xpmNames.has(n.name) || usedNames.has(n.name)) continue;
    xpmFixtures.push(driftedCopy(n.source, n.name, SEED + xpmFixtures.length));
    xpmNames.add(n.name);
    xpmFromDemoNear.push(n.name);
  }
  const xpmFromGusto: string[] = [];
  pickSome(allGustoFixtures, 12, SEED + 5).forEach((g, i) => {
    const name = i < 8 ? g.name : freeVariant(g.name, i, (n) => xpmNames.has(n) || demoNames.has(n) || usedNames.has(n));
    if (xpmNames.has(name)) return;
    xpmFixtures.push(driftedCopy(g, name, SEED + 100 + i));
    xpmNames.add(name);
    xpmFromGusto.push(name);
  });
  const overlapCount = xpmFixtures.length;
  const fresh = generateClients(XPM_CLIENT_COUNT - overlapCount, SEED + 6, new Set([...demoNames, ...usedNames, ...xpmNames]));
  const all = [...xpmFixtures, ...fresh];
  all.forEach((f, i) => addClientToTenant(main, toXpmClient(f, rng, i + 1, pastTime(rng, seedTime))));

  // Flags only on fresh clients, so every named overlap is a live client.
  const clients = [...main.clients.values()];
  const flagOrder = shuffled(createRng(SEED + 7), clients.slice(overlapCount));
  flagOrder.slice(0, XPM_ARCHIVED).forEach((c) => (c.isArchived = true));
  flagOrder.slice(XPM_ARCHIVED, XPM_ARCHIVED + XPM_PROSPECTS).forEach((c) => (c.isProspect = true));
  flagOrder.slice(XPM_ARCHIVED + XPM_PROSPECTS, XPM_ARCHIVED + XPM_PROSPECTS + XPM_DELETED).forEach((c) => (c.isDeleted = true));

  // Second tenant: a small practice the test tokens are usually not granted.
  const second = newTenant(XPM_SECOND_TENANT_ID, XPM_SECOND_TENANT_NAME);
  generateClients(XPM_SECOND_TENANT_CLIENT_COUNT, SEED + 8).forEach((f, i) => addClientToTenant(second, toXpmClient(f, rng, i + 1, pastTime(rng, seedTime))));

  return {
    tenants: [main, second],
    companies,
    overlaps: {
      xpmFromDemoExact: plan.exact.map((c) => c.name),
      xpmFromDemoNear,
      gustoFromDemoExact,
      gustoFromDemoNear,
      xpmFromGusto,
    },
  };
}

let pristine: SeedData | null = null;

/**
 * The seed dated relative to `seedTime`. The expensive generation runs once per process; later
 * resets clone it and shift the timestamps, so a reset between tests costs milliseconds.
 */
export function seedAt(seedTime: number): SeedData {
  pristine ??= buildSeed(0);
  const copy = structuredClone(pristine);
  for (const tenant of copy.tenants) for (const c of tenant.clients.values()) c.modifiedAt += seedTime;
  for (const company of copy.companies) {
    company.updatedAt += seedTime;
    if (company.joinedAt !== null) company.joinedAt += seedTime;
    for (const l of company.locations) {
      l.createdAt += seedTime;
      l.updatedAt += seedTime;
    }
  }
  return copy;
}
