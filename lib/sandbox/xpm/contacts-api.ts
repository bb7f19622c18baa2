/**
 * XPM contact endpoints under `client.api/`: GET/PUT/DELETE `contact/{uuid}`, POST `contact`
 * (body names the client as `<Client><UUID>`), and GET `contacts` (paged). A contact change
 * counts as a change to its client, so `modifiedsince` picks it up.
 */
import type { RequestContext } from '../context';
import type { XpmClient, XpmContact, XpmTenant } from '../model';
import type { SandboxResponse } from '../types';
import { badRequest, decodePageToken, encodePageToken, fail, ok, paginationXml, parsePageSize, requestBody } from './clients-api';
import { contactFromXml, enforceSinglePrimary, replaceContact } from './records';
import { childOf, contactXml, textOf } from './xml';

function findContact(tenant: XpmTenant, uuid: string): { client: XpmClient; contact: XpmContact } | null {
  const owner = tenant.contactOwner.get(uuid);
  const client = owner ? tenant.clients.get(owner) : undefined;
  const contact = client?.contacts.find((c) => c.uuid === uuid);
  return client && contact ? { client, contact } : null;
}

const contactBody = (ctx: RequestContext, method: string) => requestBody(ctx, method, 'Contact', 'ContactRequestDto');

export function getContact(_ctx: RequestContext, tenant: XpmTenant, uuid: string): SandboxResponse {
  const found = findContact(tenant, uuid);
  if (!found || found.contact.isDeleted) return fail('ContactGet', `Contact not found: ${uuid}`);
  return ok('ContactGet', contactXml(found.contact));
}

export async function addContact(ctx: RequestContext, tenant: XpmTenant): Promise<SandboxResponse> {
  const body = await contactBody(ctx, 'ContactPost');
  if (!body.ok) return body.response;
  const clientUuid = textOf(childOf(body.node, 'Client') ?? {}, 'UUID');
  if (!clientUuid) return fail('ContactPost', 'Client UUID is required');
  const client = tenant.clients.get(clientUuid);
  if (!client || client.isDeleted) return fail('ContactPost', `Client not found: ${clientUuid}`);
  const parsed = contactFromXml(body.node, 0);
  if (!parsed.ok) return fail('ContactPost', parsed.error.replace('Contact 1: ', ''));
  client.contacts.push(parsed.value);
  if (parsed.value.isPrimary) enforceSinglePrimary(client.contacts, parsed.value);
  tenant.contactOwner.set(parsed.value.uuid, client.uuid);
  client.modifiedAt = ctx.state.now();
  return ok('ContactPost', contactXml(parsed.value));
}

export async function updateContact(ctx: RequestContext, tenant: XpmTenant, uuid: string): Promise<SandboxResponse> {
  const body = await contactBody(ctx, 'ContactPut');
  if (!body.ok) return body.response;
  const found = findContact(tenant, uuid);
  if (!found || found.contact.isDeleted) return fail('ContactPut', `Contact not found: ${uuid}`);
  // Position and IsPrimary belong to the contact's link with a client: naming another client is refused.
  const clientUuid = ctx.url.searchParams.get('clientUuid');
  if (clientUuid && clientUuid !== found.client.uuid) return fail('ContactPut', `Contact ${uuid} is not a contact of client ${clientUuid}`);
  const replaced = replaceContact(found.contact, body.node);
  if (!replaced.ok) return fail('ContactPut', replaced.error);
  Object.assign(found.contact, replaced.value);
  if (found.contact.isPrimary) enforceSinglePrimary(found.client.contacts, found.contact);
  found.client.modifiedAt = ctx.state.now();
  return ok('ContactPut', contactXml(found.contact));
}

export function deleteContact(ctx: RequestContext, tenant: XpmTenant, uuid: string): SandboxResponse {
  const found = findContact(tenant, uuid);
  if (!found || found.contact.isDeleted) return fail('ContactDelete', `Contact not found: ${uuid}`);
  found.contact.isDeleted = true;
  found.contact.isPrimary = false;
  found.client.modifiedAt = ctx.state.now();
  const c = found.contact;
  // ClientContactDeleteDto: no Position or IsPrimary.
  const esc = (v: string | null) => (v ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : '');
  const el = (n: string, v: string | null) => (v ? `<${n}>${esc(v)}</${n}>` : `<${n} />`);
  return ok(
    'ContactDelete',
    `<Contact>${el('UUID', c.uuid)}${el('Name', c.name)}${el('Salutation', c.salutation)}${el('Addressee', c.addressee)}${el('Mobile', c.mobile)}${el('Email', c.email)}${el('Phone', c.phone)}<IsDeleted>Yes</IsDeleted></Contact>`,
  );
}

/** Every live contact of live clients, paged like paged-list. */
export function listContacts(ctx: RequestContext, tenant: XpmTenant): SandboxResponse {
  const pageSize = parsePageSize(ctx);
  if (pageSize === null) return badRequest('Contacts', 'pageSize must be a whole number from 1 to 500');
  const token = ctx.url.searchParams.get('pageToken');
  let afterSeq = 0;
  let afterIndex = -1;
  if (token) {
    const decoded = decodePageToken(token, 'k');
    if (!decoded || decoded.length !== 2) return badRequest('Contacts', 'pageToken is not valid');
    afterSeq = decoded[0] ?? 0;
    afterIndex = decoded[1] ?? 0;
  }
  const rows: { seq: number; index: number; contact: XpmContact }[] = [];
  const clients = [...tenant.clients.values()].filter((c) => !c.isDeleted && c.seq >= afterSeq).sort((a, b) => a.seq - b.seq);
  for (const client of clients) {
    client.contacts.forEach((contact, index) => {
      if (contact.isDeleted) return;
      if (client.seq === afterSeq && index <= afterIndex) return;
      rows.push({ seq: client.seq, index, contact });
    });
    if (rows.length > pageSize) break;
  }
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const nextToken = rows.length > pageSize && last ? encodePageToken(['k', last.seq, last.index]) : null;
  const inner = page.length === 0 ? '<Contacts />' : `<Contacts>${page.map((r) => contactXml(r.contact)).join('')}</Contacts>`;
  return ok('Contacts', inner + paginationXml(ctx, pageSize, nextToken));
}
