/**
 * Turning XPM request XML into record changes. XPM updates replace the record: a field left out
 * of an update body is cleared, which is why clients must read, merge and send the whole record.
 * Two exceptions keep the sandbox from destroying data a client cannot send back: TaxNumber (XPM
 * only ever shows it masked, so an absent or masked value keeps the stored one) and the Yes/No
 * flags (absent keeps the current value). Managers, GST period and basis are cleared when left
 * out like any other field; type and groups are not request fields, so updates never touch them.
 * Bodies reach these functions already checked against the request schema (request-validation.ts).
 */
import { randomUUID } from 'node:crypto';
import type { XpmClient, XpmContact, XpmGstPeriod, XpmRef, XpmTenant } from '../model';
import { childrenOf, textOf, yesNoOf, type XmlNode } from './xml';

/** Request element → record field. Note `WebSite`: request bodies spell it differently. */
const SCALAR_FIELDS = {
  FirstName: 'firstName',
  LastName: 'lastName',
  Email: 'email',
  Address: 'address',
  City: 'city',
  Region: 'region',
  PostCode: 'postCode',
  Country: 'country',
  PostalAddress: 'postalAddress',
  PostalCity: 'postalCity',
  PostalRegion: 'postalRegion',
  PostalPostCode: 'postalPostCode',
  PostalCountry: 'postalCountry',
  Phone: 'phone',
  Fax: 'fax',
  WebSite: 'website',
  ReferralSource: 'referralSource',
  ExportCode: 'exportCode',
  CompanyNumber: 'companyNumber',
  BusinessNumber: 'businessNumber',
  BusinessStructure: 'businessStructure',
  ClientCode: 'clientCode',
} as const satisfies Record<string, keyof XpmClient>;

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };

const isMasked = (v: string) => v.includes('*');

/** Values a client sends for a new or replaced record; `name` is validated by the caller. */
function scalarValues(node: XmlNode): Pick<XpmClient, (typeof SCALAR_FIELDS)[keyof typeof SCALAR_FIELDS]> {
  const out = {} as Record<string, string | null>;
  for (const [element, field] of Object.entries(SCALAR_FIELDS)) out[field] = textOf(node, element) ?? null;
  return out as Pick<XpmClient, (typeof SCALAR_FIELDS)[keyof typeof SCALAR_FIELDS]>;
}

function parseBalanceMonth(node: XmlNode): FieldResult<number | null | undefined> {
  const v = textOf(node, 'BalanceMonth');
  if (v === undefined || v === null) return { ok: true, value: v };
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 12) return { ok: false, error: 'BalanceMonth must be a month number from 1 to 12' };
  return { ok: true, value: n };
}

/** `AccountManagerUUID` / `JobManagerUUID`: absent or empty clears; an unknown UUID is refused. */
function staffRef(node: XmlNode, element: string, tenant: XpmTenant): FieldResult<XpmRef | null> {
  const uuid = textOf(node, element);
  if (!uuid) return { ok: true, value: null };
  const staff = tenant.staff.find((s) => s.uuid === uuid);
  return staff ? { ok: true, value: staff } : { ok: false, error: `${element} ${uuid} is not a staff member of this practice` };
}

/** The practice fields of a new or replaced record (flags: `undefined` when absent). */
function practiceValues(
  node: XmlNode,
  tenant: XpmTenant,
): FieldResult<{
  accountManager: XpmRef | null;
  jobManager: XpmRef | null;
  gstPeriod: XpmGstPeriod | null;
  gstBasis: string | null;
  flags: Partial<Record<'gstRegistered' | 'prepareGst' | 'prepareActivityStatement' | 'prepareTaxReturn', boolean>>;
}> {
  const accountManager = staffRef(node, 'AccountManagerUUID', tenant);
  if (!accountManager.ok) return accountManager;
  const jobManager = staffRef(node, 'JobManagerUUID', tenant);
  if (!jobManager.ok) return jobManager;
  const period = textOf(node, 'GSTPeriod');
  const flags: Partial<Record<'gstRegistered' | 'prepareGst' | 'prepareActivityStatement' | 'prepareTaxReturn', boolean>> = {};
  for (const [element, field] of [
    ['GSTRegistered', 'gstRegistered'],
    ['PrepareGST', 'prepareGst'],
    ['PrepareActivityStatement', 'prepareActivityStatement'],
    ['PrepareTaxReturn', 'prepareTaxReturn'],
  ] as const) {
    const v = yesNoOf(node, element);
    if (v !== undefined) flags[field] = v;
  }
  return {
    ok: true,
    value: {
      accountManager: accountManager.value,
      jobManager: jobManager.value,
      gstPeriod: period ? (Number(period) as XpmGstPeriod) : null,
      gstBasis: textOf(node, 'GSTBasis') ?? null,
      flags,
    },
  };
}

export function contactFromXml(node: XmlNode, index: number): FieldResult<XpmContact> {
  const name = textOf(node, 'Name');
  if (!name) return { ok: false, error: `Contact ${index + 1}: Name is required` };
  return {
    ok: true,
    value: {
      uuid: randomUUID(),
      name,
      salutation: textOf(node, 'Salutation') ?? null,
      addressee: textOf(node, 'Addressee') ?? null,
      mobile: textOf(node, 'Mobile') ?? null,
      email: textOf(node, 'Email') ?? null,
      phone: textOf(node, 'Phone') ?? null,
      position: textOf(node, 'Position') ?? null,
      isPrimary: yesNoOf(node, 'IsPrimary') ?? false,
      isDeleted: false,
    },
  };
}

/** A whole contact replaced from a PUT body, keeping its identity. */
export function replaceContact(existing: XpmContact, node: XmlNode): FieldResult<XpmContact> {
  const parsed = contactFromXml(node, 0);
  if (!parsed.ok) return { ok: false, error: parsed.error.replace('Contact 1: ', '') };
  return { ok: true, value: { ...parsed.value, uuid: existing.uuid, isPrimary: yesNoOf(node, 'IsPrimary') ?? existing.isPrimary } };
}

/** At most one primary contact: the one just marked primary wins. */
export function enforceSinglePrimary(contacts: XpmContact[], primary: XpmContact | null): void {
  const keep = primary ?? contacts.find((c) => c.isPrimary && !c.isDeleted) ?? null;
  for (const c of contacts) if (c !== keep) c.isPrimary = false;
}

export function newClientFromXml(node: XmlNode, tenant: XpmTenant, now: number): FieldResult<XpmClient> {
  const name = textOf(node, 'Name');
  if (!name) return { ok: false, error: 'Name is required' };
  const tax = textOf(node, 'TaxNumber') ?? null;
  if (tax && isMasked(tax)) return { ok: false, error: 'TaxNumber cannot be a masked value' };
  const month = parseBalanceMonth(node);
  if (!month.ok) return month;
  const practice = practiceValues(node, tenant);
  if (!practice.ok) return practice;
  const { flags, ...practiceRest } = practice.value;
  const contacts: XpmContact[] = [];
  const contactNodes = childrenOf(node, 'Contacts').flatMap((c) => childrenOf(c, 'Contact'));
  for (const [i, c] of contactNodes.entries()) {
    const parsed = contactFromXml(c, i);
    if (!parsed.ok) return parsed;
    contacts.push(parsed.value);
  }
  enforceSinglePrimary(contacts, contacts.find((c) => c.isPrimary) ?? null);
  return {
    ok: true,
    value: {
      uuid: randomUUID(),
      seq: tenant.nextSeq,
      name,
      ...scalarValues(node),
      taxNumber: tax,
      balanceMonth: month.value ?? null,
      gstRegistered: flags.gstRegistered ?? null,
      prepareGst: flags.prepareGst ?? null,
      prepareActivityStatement: flags.prepareActivityStatement ?? null,
      prepareTaxReturn: flags.prepareTaxReturn ?? null,
      ...practiceRest,
      type: null,
      groups: [],
      isProspect: yesNoOf(node, 'IsProspect') ?? false,
      isArchived: false,
      isDeleted: false,
      contacts,
      notes: [],
      modifiedAt: now,
      malformed: null,
    },
  };
}

/** Replace a client's fields from an update body (see the file comment for what is kept). */
export function applyUpdate(client: XpmClient, node: XmlNode, now: number, tenant: XpmTenant): FieldResult<XpmClient> {
  const name = textOf(node, 'Name');
  if (!name) return { ok: false, error: 'Name is required' };
  const month = parseBalanceMonth(node);
  if (!month.ok) return month;
  const practice = practiceValues(node, tenant);
  if (!practice.ok) return practice;
  const { flags, ...practiceRest } = practice.value;
  Object.assign(client, practiceRest, flags);
  const tax = textOf(node, 'TaxNumber');
  Object.assign(client, scalarValues(node));
  client.name = name;
  if (tax !== undefined && !(tax && isMasked(tax))) client.taxNumber = tax;
  client.balanceMonth = month.value === undefined ? null : month.value;
  client.isProspect = yesNoOf(node, 'IsProspect') ?? client.isProspect;
  client.modifiedAt = now;
  client.malformed = null;
  return { ok: true, value: client };
}
