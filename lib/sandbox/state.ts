/**
 * Everything the sandbox remembers, in memory only: the seeded records, OAuth grants and tokens,
 * rate-limit budgets, injected faults and request counters. It never touches the app's database.
 */
import { FaultQueue } from './faults';
import { GustoWebhooks } from './gusto/webhooks';
import { GustoLimiter, XpmLimiter } from './limits';
import type { GustoCompany, XpmTenant } from './model';
import { OAuthStore, randomToken, type Grant } from './oauth-store';
import { seedAt, type SeedData } from './seed';
import { DEFAULT_GUSTO_CREDENTIALS, DEFAULT_LIMITS, DEFAULT_XPM_CREDENTIALS, type ClientCredentials, type Limits, type SandboxApp, type SandboxOptions } from './types';

export const XPM_ACCESS_TTL_MS = 30 * 60_000;
export const GUSTO_ACCESS_TTL_MS = 2 * 60 * 60_000;

export interface XpmConnection {
  id: string;
  authEventId: string;
  tenantId: string;
  tenantType: 'PRACTICEMANAGER';
  tenantName: string;
  createdDateUtc: string;
  updatedDateUtc: string;
}

export interface XpmConsentPayload {
  responseType: 'code';
}

export interface XpmGrantData {
  authEventId: string;
  userId: string;
  connections: XpmConnection[];
}

export interface GustoGrantData {
  companyUuid: string;
  adminUuid: string;
}

export type XpmGrant = Grant<XpmGrantData>;
export type GustoGrant = Grant<GustoGrantData>;

/** Xero prints UTC times without a zone and with seven fractional digits. */
export function xeroUtc(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000');
}

export class Counters {
  requests = new Map<string, number>();
  tokenRefreshes: Record<SandboxApp, number> = { xpm: 0, gusto: 0 };
  tokensIssued: Record<SandboxApp, number> = { xpm: 0, gusto: 0 };
  rateLimited: Record<SandboxApp, number> = { xpm: 0, gusto: 0 };
  faultsServed = 0;

  countRequest(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.requests.clear();
    this.tokenRefreshes = { xpm: 0, gusto: 0 };
    this.tokensIssued = { xpm: 0, gusto: 0 };
    this.rateLimited = { xpm: 0, gusto: 0 };
    this.faultsServed = 0;
  }

  toJSON() {
    return {
      requests: Object.fromEntries(this.requests),
      tokenRefreshes: { ...this.tokenRefreshes },
      tokensIssued: { ...this.tokensIssued },
      rateLimited: { ...this.rateLimited },
      faultsServed: this.faultsServed,
    };
  }
}

function xpmAccessToken(grant: XpmGrant, expiresAt: number): string {
  // Xero access tokens are JWTs; apps sometimes read authentication_event_id from them. This
  // one is unsigned on purpose: the sandbox looks tokens up by value, nobody should verify it.
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const payload = {
    iss: 'https://identity.xero.com',
    exp: Math.floor(expiresAt / 1000),
    client_id: grant.clientId,
    xero_userid: grant.data.userId,
    authentication_event_id: grant.data.authEventId,
    scope: grant.scope.split(' '),
    jti: randomToken(12),
  };
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.${randomToken(16)}`;
}

export class SandboxState {
  readonly testMode: boolean;
  readonly xpmCredentials: ClientCredentials;
  readonly gustoCredentials: ClientCredentials;
  limits: Limits;
  private readonly baseNow: () => number;
  private clockOffsetMs = 0;

  tenants = new Map<string, XpmTenant>();
  companies = new Map<string, GustoCompany>();
  /** Companies in seed order, which is the order the consent page lists them. */
  companyOrder: string[] = [];
  overlaps: SeedData['overlaps'] = { xpmFromDemoExact: [], xpmFromDemoNear: [], gustoFromDemoExact: [], gustoFromDemoNear: [], xpmFromGusto: [] };
  seededAt = 0;

  xpmOAuth: OAuthStore<XpmConsentPayload, XpmGrantData>;
  gustoOAuth: OAuthStore<Record<string, never>, GustoGrantData>;
  readonly xpmLimiter: XpmLimiter;
  readonly gustoLimiter: GustoLimiter;
  readonly faults = new FaultQueue();
  readonly counters = new Counters();
  readonly gustoWebhooks: GustoWebhooks;

  constructor(opts: SandboxOptions = {}) {
    this.testMode = opts.testMode ?? false;
    this.xpmCredentials = opts.xpmCredentials ?? DEFAULT_XPM_CREDENTIALS;
    this.gustoCredentials = opts.gustoCredentials ?? DEFAULT_GUSTO_CREDENTIALS;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.baseNow = opts.now ?? Date.now;
    this.xpmOAuth = this.newXpmStore();
    this.gustoOAuth = this.newGustoStore();
    this.xpmLimiter = new XpmLimiter(() => ({ concurrent: this.limits.xpmConcurrent, perMinute: this.limits.xpmPerMinute, perDay: this.limits.xpmPerDay }));
    this.gustoLimiter = new GustoLimiter(() => this.limits.gustoPerMinute);
    this.gustoWebhooks = new GustoWebhooks(() => this.now());
    this.loadSeed();
  }

  now(): number {
    return this.baseNow() + this.clockOffsetMs;
  }

  /** Test control: move the sandbox's clock forward (token expiry, code expiry, limits). */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  private newXpmStore() {
    return new OAuthStore<XpmConsentPayload, XpmGrantData>(() => this.now(), XPM_ACCESS_TTL_MS, xpmAccessToken);
  }

  private newGustoStore() {
    return new OAuthStore<Record<string, never>, GustoGrantData>(() => this.now(), GUSTO_ACCESS_TTL_MS);
  }

  private loadSeed(): void {
    this.seededAt = this.now();
    const seed = seedAt(this.seededAt);
    this.tenants = new Map(seed.tenants.map((t) => [t.id, t]));
    this.companies = new Map(seed.companies.map((c) => [c.uuid, c]));
    this.companyOrder = seed.companies.map((c) => c.uuid);
    this.overlaps = seed.overlaps;
  }

  /** Back to the seed. Grants survive only when asked, so a reset usually means "reconnect". */
  reset(opts: { keepGrants?: boolean } = {}): void {
    this.loadSeed();
    if (!opts.keepGrants) {
      this.xpmOAuth = this.newXpmStore();
      this.gustoOAuth = this.newGustoStore();
    }
    this.faults.clear();
    this.gustoWebhooks.reset();
    this.xpmLimiter.reset();
    this.gustoLimiter.reset();
    this.counters.reset();
  }

  credentialsFor(app: SandboxApp): ClientCredentials {
    return app === 'xpm' ? this.xpmCredentials : this.gustoCredentials;
  }

  /** Build a new XPM grant's data with a connection for each tenant. */
  xpmGrantData(tenantIds: string[]): XpmGrantData {
    const authEventId = crypto.randomUUID();
    const at = xeroUtc(this.now());
    return {
      authEventId,
      userId: 'b1a5c0de-0000-4000-8000-000000000001',
      connections: tenantIds.flatMap((tenantId) => {
        const tenant = this.tenants.get(tenantId);
        if (!tenant) return [];
        return [{ id: crypto.randomUUID(), authEventId, tenantId, tenantType: 'PRACTICEMANAGER' as const, tenantName: tenant.name, createdDateUtc: at, updatedDateUtc: at }];
      }),
    };
  }
}
