/**
 * XPM's classic XML wire format: a `<Response api-method="…">` envelope with `<Status>`, PascalCase
 * elements, `Yes`/`No` booleans, empty elements for missing values and a masked TaxNumber.
 *
 * Responses are written by hand rather than with a generic builder: element order and the
 * empty-element convention matter to clients, and string building keeps a 2,500-client list fast.
 * Request bodies are parsed with fast-xml-parser, keeping every value a string (postcodes such
 * as "0800" must not become numbers).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XpmClient, XpmContact, XpmGstPeriod, XpmJob, XpmRef } from '../model';

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function el(name: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return `<${name} />`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const yesNo = (v: boolean): string => (v ? 'Yes' : 'No');

/** `*****6789`: every character but the last four digits becomes a star, as XPM does. */
export function maskTaxNumber(raw: string | null): string | null {
  if (!raw) return null;
  const digits = raw.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Responses show the GST period as text; requests send the number of months. */
export const GST_PERIOD_TEXT: Record<XpmGstPeriod, string> = { 1: 'Monthly', 2: 'Two Monthly', 6: 'Six Monthly' };

const yesNoOrEmpty = (v: boolean | null): string | null => (v === null ? null : yesNo(v));

function refXml(name: string, ref: XpmRef | null): string {
  return ref ? `<${name}>${el('UUID', ref.uuid)}${el('Name', ref.name)}</${name}>` : `<${name} />`;
}

export function contactXml(c: XpmContact): string {
  return (
    '<Contact>' +
    el('UUID', c.uuid) +
    el('Name', c.name) +
    el('Salutation', c.salutation) +
    el('Addressee', c.addressee) +
    el('Mobile', c.mobile) +
    el('Email', c.email) +
    el('Phone', c.phone) +
    el('Position', c.position) +
    el('IsPrimary', yesNo(c.isPrimary)) +
    el('IsDeleted', yesNo(c.isDeleted)) +
    '</Contact>'
  );
}

export interface ClientXmlOptions {
  /** Contacts are part of list/get/search, not of paged-list (ClientBaseDto) unless detailed. */
  contacts: boolean;
  /** Notes, Groups and Relationships, as `detailed=true` adds them. */
  detailed: boolean;
  /** This sandbox's origin: `WebUrl` points at its stand-in for XPM's web pages (lib/sandbox/xpm/web.ts). */
  origin: string;
}

/** XPM answers each client and job with the address of its page in XPM's web app (`WebUrl`). */
export function xpmWebUrl(origin: string, kind: 'clients' | 'jobs', id: string): string {
  return `${origin}/xpm-web/${kind}/${encodeURIComponent(id)}`;
}

/** One `<Client>`; a malformed client (test control) is broken in the requested way. */
export function clientXml(c: XpmClient, opts: ClientXmlOptions): string {
  const bad = c.malformed === 'bad-values';
  const parts: string[] = ['<Client>'];
  if (c.malformed !== 'missing-uuid') parts.push(el('UUID', c.uuid));
  if (c.malformed !== 'missing-name') parts.push(el('Name', c.name));
  parts.push(
    el('FirstName', c.firstName),
    el('LastName', c.lastName),
    el('Email', bad ? 'not-an-email@@' : c.email),
    el('Address', c.address),
    el('City', c.city),
    el('Region', c.region),
    el('PostCode', c.postCode),
    el('Country', c.country),
    el('PostalAddress', c.postalAddress),
    el('PostalCity', c.postalCity),
    el('PostalRegion', c.postalRegion),
    el('PostalPostCode', c.postalPostCode),
    el('PostalCountry', c.postalCountry),
    el('Phone', c.phone),
    el('Fax', c.fax),
    el('Website', c.website),
    el('ReferralSource', c.referralSource),
    el('ExportCode', c.exportCode),
    el('IsProspect', yesNo(c.isProspect)),
    el('IsArchived', bad ? 'Perhaps' : yesNo(c.isArchived)),
    el('IsDeleted', yesNo(c.isDeleted)),
    refXml('AccountManager', c.accountManager),
    refXml('JobManager', c.jobManager),
    c.type
      ? `<Type>${el('Name', c.type.name)}${el('CostMarkup', c.type.costMarkup)}${el('PaymentTerm', c.type.paymentTerm)}${el('PaymentDay', c.type.paymentDay)}</Type>`
      : '<Type />',
    el('TaxNumber', maskTaxNumber(c.taxNumber)),
    el('CompanyNumber', c.companyNumber),
    el('BusinessNumber', c.businessNumber),
    el('BusinessStructure', c.businessStructure),
    el('BalanceMonth', bad ? 'June-ish' : c.balanceMonth),
    el('PrepareGST', yesNoOrEmpty(c.prepareGst)),
    el('GSTRegistered', yesNoOrEmpty(c.gstRegistered)),
    el('GSTPeriod', c.gstPeriod === null ? null : GST_PERIOD_TEXT[c.gstPeriod]),
    el('GSTBasis', c.gstBasis),
    el('PrepareActivityStatement', yesNoOrEmpty(c.prepareActivityStatement)),
    el('PrepareTaxReturn', yesNoOrEmpty(c.prepareTaxReturn)),
    el('ClientCode', c.clientCode),
    el('WebUrl', xpmWebUrl(opts.origin, 'clients', c.uuid)),
  );
  if (opts.contacts || opts.detailed) {
    const live = c.contacts.filter((x) => !x.isDeleted);
    if (bad) parts.push('<Contacts><Contact><UUID>not-a-uuid</UUID><IsPrimary>Maybe</IsPrimary></Contact></Contacts>');
    else parts.push(live.length === 0 ? '<Contacts />' : `<Contacts>${live.map((x) => contactXml(x)).join('')}</Contacts>`);
  }
  if (opts.detailed) {
    parts.push(
      c.notes.length === 0
        ? '<Notes />'
        : `<Notes>${c.notes.map((n) => `<Note>${el('Title', n.title)}${el('Text', n.text)}${el('Folder', null)}${el('Date', n.date)}${el('CreatedBy', 'Practice Admin')}</Note>`).join('')}</Notes>`,
      c.groups.length === 0 ? '<Groups />' : `<Groups>${c.groups.map((g) => `<Group>${el('UUID', g.uuid)}${el('Name', g.name)}</Group>`).join('')}</Groups>`,
      '<Relationships />',
    );
  }
  parts.push('</Client>');
  return parts.join('');
}

/** One `<Job>` (JobDto); dates as XPM writes them, `yyyy-MM-ddT00:00:00`. */
export function jobXml(job: XpmJob, client: XpmRef, origin: string): string {
  return (
    '<Job>' +
    el('ID', job.id) +
    el('UUID', job.uuid) +
    el('Name', job.name) +
    el('Description', job.description) +
    refXml('Client', client) +
    el('ClientOrderNumber', job.clientOrderNumber) +
    el('Budget', job.budget) +
    el('State', job.state) +
    el('StartDate', `${job.startDate}T00:00:00`) +
    el('DueDate', `${job.dueDate}T00:00:00`) +
    el('WebUrl', xpmWebUrl(origin, 'jobs', job.uuid)) +
    '</Job>'
  );
}

/** The `<Response>` envelope; `inner` is the payload after `<Status>OK</Status>`. */
export function okResponse(apiMethod: string, inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Response api-method="${escapeXml(apiMethod)}"><Status>OK</Status>${inner}</Response>`;
}

export function errorResponse(apiMethod: string, description: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Response api-method="${escapeXml(apiMethod)}"><Status>ERROR</Status><ErrorDescription>${escapeXml(description)}</ErrorDescription></Response>`;
}

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // Contacts/Contact must always be an array, even with one contact (but not a root <Contact>).
  isArray: (_name, jpath) => typeof jpath === 'string' && jpath.endsWith('Contacts.Contact'),
});

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export class XmlBodyError extends Error {}

/** Parse a request body and return its root element's children. */
export function parseXmlBody(body: string, root: string): XmlNode {
  if (!body.trim()) throw new XmlBodyError('The request body is empty');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new XmlBodyError(`The request body is not well-formed XML: ${valid.err.msg}`);
  const doc = parser.parse(body) as XmlNode;
  const node = doc[root];
  if (node === undefined) throw new XmlBodyError(`The request body must have a <${root}> root element`);
  if (typeof node === 'string') return {};
  if (Array.isArray(node)) throw new XmlBodyError(`Only one <${root}> may be sent`);
  return node;
}

/** A child element's text: `undefined` if absent, `null` if empty. */
export function textOf(node: XmlNode, name: string): string | null | undefined {
  if (!(name in node)) return undefined;
  const v = node[name];
  if (typeof v === 'string') return v === '' ? null : v;
  if (Array.isArray(v)) {
    const first = v[0];
    return typeof first === 'string' ? first || null : null;
  }
  // An element with children where text was expected: treat as empty.
  return null;
}

export function childOf(node: XmlNode, name: string): XmlNode | null {
  const v = node[name];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  return null;
}

export function childrenOf(node: XmlNode, name: string): XmlNode[] {
  const v = node[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => (typeof x === 'object' && !Array.isArray(x) ? x : {}));
}

/** `Yes`/`No` (also true/false) to a boolean; `undefined` when absent or unrecognised. */
export function yesNoOf(node: XmlNode, name: string): boolean | undefined {
  const v = textOf(node, name);
  if (v === undefined || v === null) return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'yes' || s === 'true') return true;
  if (s === 'no' || s === 'false') return false;
  return undefined;
}
