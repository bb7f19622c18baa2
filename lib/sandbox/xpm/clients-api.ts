/**
 * XPM `client.api` endpoints. Business errors (validation, unknown UUID) are HTTP 200 with
 * `<Status>ERROR</Status>`, as XPM does; only a request that cannot be understood at all
 * (unparseable XML, bad paging parameters) is HTTP 400 with the same envelope.
 */
import { queryParam, type RequestContext } from '../context';
import { xml } from '../http';
import type { XpmClient, XpmTenant } from '../model';
import { addClientToTenant } from '../seed';
import type { SandboxResponse } from '../types';
import { applyUpdate, newClientFromXml } from './records';
import { validateXpmRequest, type XpmRequestSchema } from './request-validation';
import { clientXml, errorResponse, okResponse, parseXmlBody, textOf, XmlBodyError } from './xml';

export const ok = (method: string, inner: string): SandboxResponse => xml(200, okResponse(method, inner));
/** Validation failures: HTTP 200 with Status ERROR. */
export const fail = (method: string, message: string): SandboxResponse => xml(200, errorResponse(method, message));
export const badRequest = (method: string, message: string): SandboxResponse => xml(400, errorResponse(method, message));

const isTrue = (v: string | undefined) => v !== undefined && v.toLowerCase() === 'true';

function byName(a: XpmClient, b: XpmClient): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.seq - b.seq;
}

function clientsXml(ctx: RequestContext, clients: XpmClient[], detailed: boolean, contacts = true): string {
  if (clients.length === 0) return '<Clients />';
  return `<Clients>${clients.map((c) => clientXml(c, { contacts, detailed, origin: ctx.origin })).join('')}</Clients>`;
}

/** `yyyy-MM-ddTHH:mm:ss`, read as UTC. */
function parseModifiedSince(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}Z`);
  return Number.isNaN(t) ? null : t;
}

/**
 * All clients, archived included. Deleted clients appear only in `modifiedsince` results, so an
 * incremental refresh learns about deletions.
 */
export function list(ctx: RequestContext, tenant: XpmTenant): SandboxResponse {
  const detailed = isTrue(queryParam(ctx.url, 'detailed'));
  const since = queryParam(ctx.url, 'modifiedsince');
  let clients = [...tenant.clients.values()];
  if (since !== undefined && since !== '') {
    const t = parseModifiedSince(since);
    if (t === null) return fail('List', 'modifiedsince must be formatted yyyy-MM-ddTHH:mm:ss');
    clients = clients.filter((c) => c.modifiedAt >= t);
  } else {
    clients = clients.filter((c) => !c.isDeleted);
  }
  return ok('List', clientsXml(ctx, clients.sort(byName), detailed));
}

// Page tokens are opaque to clients; inside they are the last `seq` served, so pages stay
// stable when records are added or changed between calls.
export function encodePageToken(parts: (string | number)[]): string {
  return Buffer.from(parts.join(':')).toString('base64url');
}

export function decodePageToken(token: string, kind: string): number[] | null {
  const parts = Buffer.from(token, 'base64url').toString('utf8').split(':');
  if (parts[0] !== kind) return null;
  const nums = parts.slice(1).map(Number);
  return nums.length > 0 && nums.every((n) => Number.isInteger(n) && n >= 0) ? nums : null;
}

export function parsePageSize(ctx: RequestContext): number | null {
  const raw = queryParam(ctx.url, 'pageSize');
  if (raw === undefined || raw === '') return 50;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 500 ? n : null;
}

export function paginationXml(ctx: RequestContext, pageSize: number, nextToken: string | null): string {
  const base = new URL(ctx.path, ctx.origin);
  base.searchParams.set('pageSize', String(pageSize));
  const first = base.toString();
  let next = '';
  if (nextToken) {
    base.searchParams.set('pageToken', nextToken);
    next = base.toString();
  }
  const esc = (s: string) => s.replace(/&/g, '&amp;');
  return `<Pagination><Links><First>${esc(first)}</First>${next ? `<Next>${esc(next)}</Next>` : '<Next />'}</Links></Pagination>`;
}

/** Live clients only (no archived, no deleted), in creation order, `pageSize` at a time. */
export function pagedList(ctx: RequestContext, tenant: XpmTenant): SandboxResponse {
  const pageSize = parsePageSize(ctx);
  if (pageSize === null) return badRequest('PagedList', 'pageSize must be a whole number from 1 to 500');
  const token = queryParam(ctx.url, 'pageToken');
  let after = 0;
  if (token) {
    const decoded = decodePageToken(token, 'c');
    if (!decoded) return badRequest('PagedList', 'pageToken is not valid');
    after = decoded[0] ?? 0;
  }
  const live = [...tenant.clients.values()].filter((c) => !c.isArchived && !c.isDeleted && c.seq > after).sort((a, b) => a.seq - b.seq);
  const page = live.slice(0, pageSize);
  const last = page[page.length - 1];
  const nextToken = live.length > pageSize && last ? encodePageToken(['c', last.seq]) : null;
  const detailed = isTrue(queryParam(ctx.url, 'detailed'));
  return ok('PagedList', clientsXml(ctx, page, detailed, detailed) + paginationXml(ctx, pageSize, nextToken));
}

export function search(ctx: RequestContext, tenant: XpmTenant): SandboxResponse {
  const query = (queryParam(ctx.url, 'query') ?? '').trim().toLowerCase();
  if (!query) return fail('Search', 'query is required');
  const detailed = isTrue(queryParam(ctx.url, 'detailed'));
  const found = [...tenant.clients.values()].filter(
    (c) => !c.isDeleted && (c.name.toLowerCase().includes(query) || (c.email ?? '').toLowerCase().includes(query) || (c.clientCode ?? '').toLowerCase() === query),
  );
  return ok('Search', clientsXml(ctx, found.sort(byName), detailed));
}

export function get(ctx: RequestContext, tenant: XpmTenant, uuid: string): SandboxResponse {
  const client = tenant.clients.get(uuid);
  if (!client) return fail('Get', `Client not found: ${uuid}`);
  return ok('Get', clientXml(client, { contacts: true, detailed: true, origin: ctx.origin }));
}

/**
 * A request body's `<root>` children. Unparseable → HTTP 400; checked against `schema` (when
 * given) → a refusal is HTTP 200 with Status ERROR, as XPM answers validation failures.
 */
export async function requestBody(
  ctx: RequestContext,
  method: string,
  root: string,
  schema: XpmRequestSchema | null,
): Promise<{ ok: true; node: ReturnType<typeof parseXmlBody> } | { ok: false; response: SandboxResponse }> {
  try {
    const node = parseXmlBody(await ctx.body(), root);
    const invalid = schema ? validateXpmRequest(schema, root, node) : null;
    return invalid ? { ok: false, response: fail(method, invalid) } : { ok: true, node };
  } catch (error) {
    if (error instanceof XmlBodyError) return { ok: false, response: badRequest(method, error.message) };
    throw error;
  }
}

export async function add(ctx: RequestContext, tenant: XpmTenant): Promise<SandboxResponse> {
  const body = await requestBody(ctx, 'Add', 'Client', 'ClientAddRequestDto');
  if (!body.ok) return body.response;
  const created = newClientFromXml(body.node, tenant, ctx.state.now());
  if (!created.ok) return fail('Add', created.error);
  addClientToTenant(tenant, created.value);
  return ok('Add', clientXml(created.value, { contacts: true, detailed: true, origin: ctx.origin }));
}

function findForWrite(tenant: XpmTenant, node: ReturnType<typeof parseXmlBody>, method: string): { ok: true; client: XpmClient } | { ok: false; response: SandboxResponse } {
  const uuid = textOf(node, 'UUID');
  if (!uuid) return { ok: false, response: fail(method, 'UUID is required') };
  const client = tenant.clients.get(uuid);
  if (!client) return { ok: false, response: fail(method, `Client not found: ${uuid}`) };
  if (client.isDeleted) return { ok: false, response: fail(method, 'The client has been deleted') };
  return { ok: true, client };
}

export async function update(ctx: RequestContext, tenant: XpmTenant): Promise<SandboxResponse> {
  const body = await requestBody(ctx, 'Update', 'Client', 'ClientUpdateRequestDto');
  if (!body.ok) return body.response;
  const found = findForWrite(tenant, body.node, 'Update');
  if (!found.ok) return found.response;
  // Validate against a copy so a failed update leaves the record untouched.
  const draft: XpmClient = { ...found.client, contacts: found.client.contacts };
  const result = applyUpdate(draft, body.node, ctx.state.now(), tenant);
  if (!result.ok) return fail('Update', result.error);
  Object.assign(found.client, draft);
  return ok('Update', clientXml(found.client, { contacts: true, detailed: true, origin: ctx.origin }));
}

export async function archive(ctx: RequestContext, tenant: XpmTenant): Promise<SandboxResponse> {
  const body = await requestBody(ctx, 'Archive', 'Client', null);
  if (!body.ok) return body.response;
  const found = findForWrite(tenant, body.node, 'Archive');
  if (!found.ok) return found.response;
  found.client.isArchived = true;
  found.client.modifiedAt = ctx.state.now();
  return ok('Archive', clientXml(found.client, { contacts: true, detailed: true, origin: ctx.origin }));
}

export async function remove(ctx: RequestContext, tenant: XpmTenant): Promise<SandboxResponse> {
  const body = await requestBody(ctx, 'Delete', 'Client', null);
  if (!body.ok) return body.response;
  const found = findForWrite(tenant, body.node, 'Delete');
  if (!found.ok) return found.response;
  found.client.isDeleted = true;
  found.client.modifiedAt = ctx.state.now();
  return ok('Delete', '');
}
