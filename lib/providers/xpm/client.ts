import { z } from 'zod';
import type { CanonicalClient, CanonicalContact } from '../../sync/canonical-client';
import { ProviderError, registerSecret } from '../errors';
import type { RateBudget } from '../http/budget';
import { systemClock, type Clock } from '../http/clock';
import type { KeyedLimiter } from '../http/limiter';
import type { FetchLike, HttpRequest, HttpResponse, HttpTransportOptions } from '../http/request';
import type { RetryOptions } from '../http/retry';
import type { MapResult } from '../mapping';
import { sendAuthorized } from '../oauth/authorized-request';
import type { TokenManager } from '../oauth/token-manager';
import {
  addClientXml,
  addJobXml,
  archiveClientXml,
  contactXml,
  updateClientBody,
  updateContactBody,
  type XpmClientFields,
  type XpmContactFields,
  type XpmNewClient,
  type XpmNewJob,
  type XpmSyncData,
} from './client-xml';
import { mapXpmJob, mapXpmJobs, type XpmJob } from './jobs';
import { connectionsUrl, practiceManagerBase, trimSlash, type XpmConfig } from './config';
import { clientNode, mapClientItems } from './client-list';
import { isXpmTokenRefused, readXpmResponse, xpmHttpError, type XpmAnswer } from './errors';
import { readRateLimitHeaders, sharedXpmBudget, sharedXpmLimiter, type XpmRateLimits } from './limits';
import { mapXpmClient, mapXpmContact } from './map-client';
import { asArray, isXmlObject, text, type XmlObject } from './xml';

export interface XpmClientOptions {
  config: XpmConfig;
  tokens: TokenManager;
  /** The practice's Xero tenant id (from GET /connections). */
  tenantId: string;
  fetch?: FetchLike;
  /** Defaults to the process-wide limiter: 5 in flight per tenant. */
  limiter?: KeyedLimiter;
  /** Defaults to the process-wide budget: 55 starts per minute per tenant. */
  budget?: RateBudget;
  clock?: Clock;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
}

export interface XpmConnection {
  id: string;
  tenantId: string;
  tenantType: string;
  tenantName: string | null;
  createdDateUtc: string | null;
  updatedDateUtc: string | null;
}

export interface XpmPage {
  results: MapResult[];
  /** Pass back as `pageToken` for the next page; null on the last page. */
  nextPageToken: string | null;
}

export interface XpmClient {
  readonly tenantId: string;
  listConnections(): Promise<XpmConnection[]>;
  /** Every client, including archived ones (use for incremental refresh with modifiedSince). */
  listClients(options?: { detailed?: boolean; modifiedSince?: Date | string }): Promise<MapResult[]>;
  /** One page of active (not archived, not deleted) clients. pageSize 1..500. */
  pagedListClients(options?: { pageSize?: number; pageToken?: string | null }): Promise<XpmPage>;
  /** Follows pageToken until the last page. */
  allClientPages(options?: { pageSize?: number }): AsyncGenerator<XpmPage>;
  searchClients(query: string, options?: { detailed?: boolean }): Promise<MapResult[]>;
  getClient(uuid: string): Promise<MapResult>;
  addClient(client: XpmNewClient): Promise<CanonicalClient>;
  /**
   * Reads the client, applies `patch`, sends the whole record in request form (XPM's update
   * replaces; see `updateClientBody`). `syncData` 'client_name' applies the name only. Contacts
   * are not part of it: change them with addContact/updateContact.
   */
  updateClient(uuid: string, patch: XpmClientFields, options?: { syncData?: XpmSyncData }): Promise<CanonicalClient>;
  archiveClient(uuid: string): Promise<void>;
  /** Adds a contact to a client (XPM: POST client.api/contact). */
  addContact(clientUuid: string, contact: XpmContactFields & { name: string }): Promise<CanonicalContact>;
  /**
   * Reads the contact, applies `patch`, sends the whole contact (PUT replaces), both with the
   * client's UUID, so Addressee, Position and IsPrimary (kept per client) are carried.
   */
  updateContact(clientUuid: string, contactUuid: string, patch: XpmContactFields): Promise<CanonicalContact>;
  /** Creates a job for a client (`job.api/add`); answers it with its job number. */
  addJob(job: XpmNewJob): Promise<XpmJob>;
  /** The client's jobs (`job.api/client/{uuid}`). */
  listClientJobs(clientUuid: string): Promise<XpmJob[]>;
  /** The last X-MinLimit-Remaining / X-DayLimit-Remaining seen, if any. */
  rateLimits(): XpmRateLimits | null;
}

export function createXpmClient(options: XpmClientOptions): XpmClient {
  const { config, tokens, tenantId } = options;
  const clock = options.clock ?? systemClock;
  const base = practiceManagerBase(config);
  let limits: XpmRateLimits | null = null;
  registerSecret(config.clientSecret);

  const practiceTransport: HttpTransportOptions = {
    provider: 'xpm',
    fetch: options.fetch,
    clock,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    limiter: options.limiter ?? sharedXpmLimiter,
    budget: options.budget ?? sharedXpmBudget,
    limitKey: tenantId,
    onResponse: ({ headers }) => {
      limits = readRateLimitHeaders(headers, clock.now()) ?? limits;
    },
  };

  const call = async (method: HttpRequest['method'], path: string, query?: Record<string, string | undefined>, body?: string): Promise<XpmAnswer> => {
    // job.api answers name their client in <Client>: never read it as a client record.
    const holdsClients = !path.startsWith('job.api/');
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const response = await sendAuthorized(
      tokens,
      (authorization) => ({
        method,
        url: url.toString(),
        headers: {
          Authorization: authorization,
          'xero-tenant-id': tenantId,
          Accept: 'application/xml',
          ...(body !== undefined ? { 'Content-Type': 'application/xml; charset=utf-8' } : {}),
        },
        body,
      }),
      practiceTransport,
      isXpmTokenRefused,
    );
    return readXpmResponse(response, clock.now(), { clients: holdsClients });
  };

  const mapList = (answer: XpmAnswer): Promise<MapResult[]> => mapClientItems(answer.clients);

  /** The one client a get/add/update answers with, as a record (or a malformed error). */
  const requireRecord = (answer: XpmAnswer, what: string): CanonicalClient => {
    const item = answer.clients[0];
    const node = item === undefined ? null : clientNode(item);
    const result = node ? mapXpmClient(node) : { ok: false as const, error: 'no readable <Client> in the answer' };
    if (result.ok) return result.record;
    throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: `XPM ${what}, but its answer could not be read: ${result.error}` });
  };

  const requireContact = (answer: XpmAnswer, what: string): CanonicalContact => {
    // <Contact> always parses as a list (see xml.ts); a contact answer holds one.
    const contact = mapXpmContact(asArray(answer.envelope.Contact)[0]);
    if (contact) return contact;
    throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: `XPM ${what}, but its answer had no readable contact.` });
  };

  const getRaw = async (uuid: string): Promise<XmlObject> => {
    const answer = await call('GET', `client.api/get/${encodeURIComponent(uuid)}`);
    const item = answer.clients[0];
    const node = item === undefined ? null : clientNode(item);
    if (!node) throw new ProviderError({ kind: 'not_found', provider: 'xpm', message: `XPM has no client ${uuid}.` });
    return node;
  };

  const client: XpmClient = {
    tenantId,

    async listConnections() {
      return listXpmConnections({ config, tokens, fetch: options.fetch, clock, retry: options.retry, timeoutMs: options.timeoutMs });
    },

    async listClients({ detailed = false, modifiedSince } = {}) {
      const answer = await call('GET', 'client.api/list', {
        detailed: detailed ? 'true' : undefined,
        modifiedsince: modifiedSince === undefined ? undefined : formatModifiedSince(modifiedSince),
      });
      return mapList(answer);
    },

    async pagedListClients({ pageSize = 500, pageToken } = {}) {
      const size = Math.min(500, Math.max(1, Math.floor(pageSize)));
      const answer = await call('GET', 'client.api/paged-list', { pageSize: String(size), pageToken: pageToken ?? undefined });
      return { results: await mapList(answer), nextPageToken: nextPageToken(answer.envelope) };
    },

    async *allClientPages({ pageSize = 500 } = {}) {
      let pageToken: string | null = null;
      const seen = new Set<string>();
      do {
        const page: XpmPage = await client.pagedListClients({ pageSize, pageToken });
        yield page;
        pageToken = page.nextPageToken;
        // A server handing back a token it already gave would loop forever.
        if (pageToken !== null) {
          if (seen.has(pageToken)) {
            throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: 'XPM repeated a page of its client list; the listing was stopped.' });
          }
          seen.add(pageToken);
        }
      } while (pageToken !== null);
    },

    async searchClients(query, { detailed = false } = {}) {
      const answer = await call('GET', 'client.api/search', { query, detailed: detailed ? 'true' : undefined });
      return mapList(answer);
    },

    async getClient(uuid) {
      return mapXpmClient(await getRaw(uuid));
    },

    async addClient(newClient) {
      const answer = await call('POST', 'client.api/add', undefined, addClientXml(newClient));
      return requireRecord(answer, 'created the client');
    },

    async updateClient(uuid, patch, { syncData = 'everything' } = {}) {
      const current = await getRaw(uuid);
      const answer = await call('PUT', 'client.api/update', undefined, updateClientBody(current, patch, syncData));
      if (answer.clients.length > 0) return requireRecord(answer, 'updated the client');
      // Some XPM versions answer an update with Status OK alone: read the result back.
      const reread = mapXpmClient(await getRaw(uuid));
      if (reread.ok) return reread.record;
      throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: `XPM updated the client, but it could not be read back: ${reread.error}` });
    },

    async archiveClient(uuid) {
      await call('PUT', 'client.api/archive', undefined, archiveClientXml(uuid));
    },

    async addContact(clientUuid, contact) {
      return requireContact(await call('POST', 'client.api/contact', undefined, contactXml(contact, clientUuid)), 'added the contact');
    },

    async updateContact(clientUuid, contactUuid, patch) {
      const path = `client.api/contact/${encodeURIComponent(contactUuid)}`;
      const answer = await call('GET', path, { clientUuid });
      const current = asArray(answer.envelope.Contact)[0];
      if (!isXmlObject(current)) throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: 'XPM found the contact, but its answer had no readable contact.' });
      return requireContact(await call('PUT', path, { clientUuid }, updateContactBody(current, patch)), 'updated the contact');
    },

    async addJob(job) {
      const answer = await call('POST', 'job.api/add', undefined, addJobXml(job));
      const created = mapXpmJob(asArray(answer.envelope.Job)[0]);
      if (created) return created;
      throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: 'XPM created the job, but its answer had no job number.' });
    },

    async listClientJobs(clientUuid) {
      return mapXpmJobs((await call('GET', `job.api/client/${encodeURIComponent(clientUuid)}`)).envelope);
    },

    rateLimits: () => limits,
  };
  return client;
}

/** XPM expects `yyyy-MM-ddTHH:mm:ss`; Dates are sent in UTC (the caller's overlap window absorbs zone doubts). */
export function formatModifiedSince(value: Date | string): string {
  if (typeof value === 'string') return value;
  return value.toISOString().slice(0, 19);
}

/**
 * The paged list says where to go next in `<Pagination><Links><Next>` — a URL carrying
 * `pageToken`, or the bare token; `<NextPageToken>` is accepted too.
 */
export function nextPageToken(response: XmlObject): string | null {
  const pagination = isXmlObject(response.Pagination) ? response.Pagination : undefined;
  const links = pagination && isXmlObject(pagination.Links) ? pagination.Links : undefined;
  const candidate = text(links?.Next) ?? text(pagination?.NextPageToken) ?? text(response.NextPageToken) ?? text(pagination?.Next);
  if (!candidate) return null;
  if (/^https?:\/\//i.test(candidate) || candidate.includes('pageToken=')) {
    try {
      const url = new URL(candidate, 'http://placeholder.invalid/');
      return url.searchParams.get('pageToken') || url.searchParams.get('pagetoken') || null;
    } catch {
      return null;
    }
  }
  return candidate;
}

const connectionSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  tenantType: z.string(),
  tenantName: z.string().nullish(),
  createdDateUtc: z.string().nullish(),
  updatedDateUtc: z.string().nullish(),
});

export interface XpmConnectionsOptions {
  config: XpmConfig;
  tokens: TokenManager;
  fetch?: FetchLike;
  clock?: Clock;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
}

/**
 * GET /connections: the tenants this grant reaches. Needed before there is a tenant id,
 * so it stands alone; pick `tenantType === 'PRACTICEMANAGER'` for XPM.
 */
export async function listXpmConnections(options: XpmConnectionsOptions): Promise<XpmConnection[]> {
  const clock = options.clock ?? systemClock;
  const response = await sendAuthorized(
    options.tokens,
    (authorization) => ({ method: 'GET', url: connectionsUrl(options.config), headers: { Authorization: authorization, Accept: 'application/json' } }),
    { provider: 'xpm', fetch: options.fetch, clock, retry: options.retry, timeoutMs: options.timeoutMs },
    isXpmTokenRefused,
  );
  if (response.status !== 200) throw xpmHttpError(response, clock.now());
  const parsed = z.array(connectionSchema).safeParse(safeJson(response));
  if (!parsed.success) {
    throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: "Xero's list of connected organisations could not be read." });
  }
  return parsed.data.map((c) => ({
    id: c.id,
    tenantId: c.tenantId,
    tenantType: c.tenantType,
    tenantName: c.tenantName ?? null,
    createdDateUtc: c.createdDateUtc ?? null,
    updatedDateUtc: c.updatedDateUtc ?? null,
  }));
}

/** The Practice Manager tenants among a grant's connections. */
export function practiceManagerConnections(connections: XpmConnection[]): XpmConnection[] {
  return connections.filter((c) => c.tenantType.toUpperCase() === 'PRACTICEMANAGER');
}

/** DELETE /connections/{id}: unlink one tenant from the grant (revoking the token ends all). */
export async function deleteXpmConnection(options: XpmConnectionsOptions & { connectionId: string }): Promise<void> {
  const clock = options.clock ?? systemClock;
  const response = await sendAuthorized(
    options.tokens,
    (authorization) => ({
      method: 'DELETE',
      url: `${trimSlash(connectionsUrl(options.config))}/${encodeURIComponent(options.connectionId)}`,
      headers: { Authorization: authorization },
    }),
    { provider: 'xpm', fetch: options.fetch, clock, retry: options.retry, timeoutMs: options.timeoutMs },
    isXpmTokenRefused,
  );
  if (response.status === 404 || (response.status >= 200 && response.status < 300)) return;
  throw xpmHttpError(response, clock.now());
}

function safeJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return undefined;
  }
}
