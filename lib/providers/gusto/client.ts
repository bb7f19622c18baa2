import { z } from 'zod';
import { ProviderError, registerSecret } from '../errors';
import type { RateBudget } from '../http/budget';
import { systemClock, type Clock } from '../http/clock';
import type { KeyedLimiter } from '../http/limiter';
import type { FetchLike, HttpResponse, HttpTransportOptions } from '../http/request';
import type { RetryOptions } from '../http/retry';
import type { MapResult } from '../mapping';
import { sendAuthorized } from '../oauth/authorized-request';
import type { TokenManager } from '../oauth/token-manager';
import { GUSTO_API_VERSION, gustoUrl, type GustoConfig } from './config';
import { gustoHttpError, isGustoTokenRefused } from './errors';
import { sharedGustoBudget } from './limits';
import { mapGustoCompany } from './map-company';
import { gustoAdminSchema, gustoLocationSchema, gustoTokenInfoSchema, type GustoAdmin, type GustoLocation, type GustoTokenInfo } from './schemas';

export interface GustoClientOptions {
  config: GustoConfig;
  /** The token manager of this company's grant. */
  tokens: TokenManager;
  /** The company this grant reaches (from token_info at connect time). */
  companyUuid: string;
  fetch?: FetchLike;
  /** Defaults to the process-wide budget: 180 starts per minute per company grant. */
  budget?: RateBudget;
  limiter?: KeyedLimiter;
  clock?: Clock;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
}

export interface GustoClient {
  readonly companyUuid: string;
  /** Which company (and which admin) the token belongs to. */
  tokenInfo(): Promise<GustoTokenInfo>;
  /** The raw company JSON (validated only as "an object with a uuid" — map it with mapGustoCompany). */
  getCompany(uuid?: string): Promise<Record<string, unknown>>;
  /** All pages; unreadable items are dropped (they carry no identity to report). */
  listLocations(uuid?: string, options?: { per?: number }): Promise<GustoLocation[]>;
  listAdmins(uuid?: string, options?: { per?: number }): Promise<GustoAdmin[]>;
  /** getCompany + listLocations → the canonical record, or why this company could not be read. */
  getCanonicalCompany(uuid?: string): Promise<MapResult>;
}

const DEFAULT_PER = 100;
/** A guard against a server that never says "last page". */
const MAX_PAGES = 1000;

export function createGustoClient(options: GustoClientOptions): GustoClient {
  const { config, tokens, companyUuid } = options;
  const clock = options.clock ?? systemClock;
  registerSecret(config.clientSecret);

  const transport: HttpTransportOptions = {
    provider: 'gusto',
    fetch: options.fetch,
    clock,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    budget: options.budget ?? sharedGustoBudget,
    limiter: options.limiter,
    limitKey: companyUuid,
  };

  const get = async (path: string, query: Record<string, string> = {}): Promise<{ json: unknown; response: HttpResponse }> => {
    const url = new URL(gustoUrl(config, path));
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const response = await sendAuthorized(
      tokens,
      (authorization) => ({
        method: 'GET',
        url: url.toString(),
        headers: { Authorization: authorization, Accept: 'application/json', 'X-Gusto-API-Version': config.apiVersion ?? GUSTO_API_VERSION },
      }),
      transport,
      isGustoTokenRefused,
    );
    if (response.status < 200 || response.status >= 300) throw gustoHttpError(response, clock.now());
    try {
      return { json: JSON.parse(response.text), response };
    } catch {
      throw new ProviderError({ kind: 'malformed', provider: 'gusto', status: response.status, message: 'Gusto sent an answer we could not read. Please try again later.' });
    }
  };

  /** Follows `page`/`per` using X-Total-Pages; without it, a short page is the last. */
  const allPages = async <T>(path: string, per: number, item: z.ZodType<T>): Promise<T[]> => {
    const out: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const { json, response } = await get(path, { page: String(page), per: String(per) });
      if (!Array.isArray(json)) {
        throw new ProviderError({ kind: 'malformed', provider: 'gusto', message: 'Gusto sent a list we could not read. Please try again later.' });
      }
      for (const entry of json) {
        const parsed = item.safeParse(entry);
        if (parsed.success) out.push(parsed.data);
      }
      const totalPages = Number(response.headers.get('x-total-pages'));
      const last = Number.isFinite(totalPages) && totalPages > 0 ? page >= totalPages : json.length < per;
      if (last || json.length === 0) return out;
    }
    return out;
  };

  const company = (uuid: string | undefined) => `v1/companies/${encodeURIComponent(uuid ?? companyUuid)}`;

  const client: GustoClient = {
    companyUuid,

    async tokenInfo() {
      const { json } = await get('v1/token_info');
      const parsed = gustoTokenInfoSchema.safeParse(json);
      if (!parsed.success) {
        throw new ProviderError({ kind: 'malformed', provider: 'gusto', message: 'Gusto did not say which company this connection reaches.' });
      }
      return parsed.data;
    },

    async getCompany(uuid) {
      const { json } = await get(company(uuid));
      if (!json || typeof json !== 'object' || Array.isArray(json)) {
        throw new ProviderError({ kind: 'malformed', provider: 'gusto', message: 'Gusto sent a company we could not read.' });
      }
      return json as Record<string, unknown>;
    },

    listLocations: (uuid, { per = DEFAULT_PER } = {}) => allPages(`${company(uuid)}/locations`, per, gustoLocationSchema),

    listAdmins: (uuid, { per = DEFAULT_PER } = {}) => allPages(`${company(uuid)}/admins`, per, gustoAdminSchema),

    async getCanonicalCompany(uuid) {
      const raw = await client.getCompany(uuid);
      const locations = await client.listLocations(uuid);
      return mapGustoCompany(raw, locations);
    },
  };
  return client;
}

/**
 * At connect time the company is not known yet: ask token_info which one this grant reaches.
 */
export async function gustoCompanyOfToken(options: Omit<GustoClientOptions, 'companyUuid'>): Promise<GustoTokenInfo & { companyUuid: string }> {
  // token_info needs no company; the placeholder only keys this one call's rate budget.
  const info = await createGustoClient({ ...options, companyUuid: 'pending-grant' }).tokenInfo();
  const uuid = info.resource?.type === 'Company' ? info.resource.uuid : undefined;
  if (!uuid) {
    throw new ProviderError({ kind: 'validation', provider: 'gusto', message: 'This Gusto sign-in does not belong to a company. Please connect a company in Gusto.' });
  }
  return { ...info, companyUuid: uuid };
}
