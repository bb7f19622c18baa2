/**
 * Gusto webhooks, as Gusto documents them (reference spec: /v1/webhook_subscriptions):
 *
 * - A partner app gets a *system* access token (`grant_type=system_access` with its client id
 *   and secret; no refresh token) and creates a subscription `{url, subscription_types}`.
 * - Gusto POSTs `{"verification_token": "…"}` to that URL; the app proves it received it with
 *   PUT /v1/webhook_subscriptions/{uuid}/verify. Only a verified subscription gets events.
 * - Each event is a thin JSON body (uuid, event_type, resource_type/uuid, entity_type/uuid,
 *   timestamp) signed with `X-Gusto-Signature`: hex HMAC-SHA256 of the raw body keyed by the
 *   verification token. A delivery that does not get a 2xx is retried with the same event
 *   uuid, so receivers must dedupe.
 *
 * Events are emitted when a test control changes a company (controls.ts), or directly with
 * POST /__sandbox/gusto/events. This file knows nothing of the app: it signs with its own
 * HMAC code, so the app's verifier is tested against an independent implementation.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { RequestContext } from '../context';
import { bearerToken, empty, json, parseParams } from '../http';
import { randomToken } from '../oauth-store';
import { GUSTO_API_VERSION, type SandboxResponse } from '../types';
import { gustoError } from './errors';

export const SUBSCRIPTION_TYPES = ['Company', 'Location'] as const;
const SYSTEM_TOKEN_TTL_MS = 2 * 60 * 60_000;

export interface WebhookSubscription {
  uuid: string;
  url: string;
  status: 'unverified' | 'verified';
  subscriptionTypes: string[];
  verificationToken: string;
}

export interface GustoEventBody {
  uuid: string;
  event_type: string;
  resource_type: 'Company';
  resource_uuid: string;
  entity_type: string;
  entity_uuid: string;
  timestamp: number;
}

export interface Delivery {
  eventUuid: string;
  eventType: string;
  subscriptionUuid: string;
  url: string;
  attempts: number;
  /** HTTP status of the last attempt, or 0 when it got no answer. */
  lastStatus: number;
  delivered: boolean;
}

export interface RetryPolicy {
  /** Delay before each retry; its length is the number of retries. */
  delaysMs: number[];
  timeoutMs: number;
}

/** Real Gusto retries over hours; the sandbox keeps Gusto's behaviour on a test's time scale. */
export const DEFAULT_RETRY: RetryPolicy = { delaysMs: [500, 2_000, 5_000], timeoutMs: 5_000 };

export class GustoWebhooks {
  readonly subscriptions = new Map<string, WebhookSubscription>();
  readonly deliveries: Delivery[] = [];
  readonly systemTokens = new Map<string, number>();
  readonly issuedSystemTokens: string[] = [];
  private readonly events = new Map<string, GustoEventBody>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly now: () => number,
    public retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  issueSystemToken(): { token: string; expiresAt: number } {
    const token = randomToken(32);
    const expiresAt = this.now() + SYSTEM_TOKEN_TTL_MS;
    this.systemTokens.set(token, expiresAt);
    this.issuedSystemTokens.push(token);
    return { token, expiresAt };
  }

  isSystemToken(token: string | null | undefined): boolean {
    const expiresAt = token ? this.systemTokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > this.now();
  }

  /** Emits an event to every verified subscription of its type; returns the event. */
  emit(eventType: string, companyUuid: string, entity: { type: string; uuid: string } = { type: 'Company', uuid: companyUuid }): GustoEventBody {
    const event: GustoEventBody = {
      uuid: randomUUID(),
      event_type: eventType,
      resource_type: 'Company',
      resource_uuid: companyUuid,
      entity_type: entity.type,
      entity_uuid: entity.uuid,
      timestamp: Math.floor(this.now() / 1000),
    };
    this.events.set(event.uuid, event);
    this.deliver(event);
    return event;
  }

  /** Sends an event again, byte for byte (a retried delivery, as receivers must expect). */
  replay(eventUuid: string): GustoEventBody | null {
    const event = this.events.get(eventUuid);
    if (event) this.deliver(event);
    return event ?? null;
  }

  private deliver(event: GustoEventBody): void {
    const type = event.entity_type === 'Location' ? 'Location' : 'Company';
    for (const subscription of this.subscriptions.values()) {
      if (subscription.status !== 'verified' || !subscription.subscriptionTypes.includes(type)) continue;
      const body = JSON.stringify(event);
      const delivery: Delivery = {
        eventUuid: event.uuid,
        eventType: event.event_type,
        subscriptionUuid: subscription.uuid,
        url: subscription.url,
        attempts: 0,
        lastStatus: 0,
        delivered: false,
      };
      this.deliveries.push(delivery);
      this.track(this.post(subscription.url, body, { 'x-gusto-signature': sign(body, subscription.verificationToken) }, delivery));
    }
  }

  /** The one-off verification delivery: unsigned (the receiver has no token yet). */
  sendVerificationToken(subscription: WebhookSubscription): void {
    const delivery: Delivery = {
      eventUuid: 'verification',
      eventType: 'verification',
      subscriptionUuid: subscription.uuid,
      url: subscription.url,
      attempts: 0,
      lastStatus: 0,
      delivered: false,
    };
    this.deliveries.push(delivery);
    this.track(this.post(subscription.url, JSON.stringify({ verification_token: subscription.verificationToken }), {}, delivery));
  }

  private track(sending: Promise<void>): void {
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
  }

  private async post(url: string, body: string, headers: Record<string, string>, delivery: Delivery): Promise<void> {
    for (let attempt = 0; attempt <= this.retry.delaysMs.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.retry.delaysMs[attempt - 1]));
      delivery.attempts += 1;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'Gusto-Webhooks (sandbox)', ...headers },
          body,
          signal: AbortSignal.timeout(this.retry.timeoutMs),
        });
        delivery.lastStatus = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          delivery.delivered = true;
          return;
        }
      } catch {
        delivery.lastStatus = 0;
      }
    }
  }

  /** Waits for every delivery under way (tests and a clean shutdown). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  reset(): void {
    this.subscriptions.clear();
    this.deliveries.length = 0;
    this.events.clear();
    this.systemTokens.clear();
  }
}

function sign(body: string, key: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('hex');
}

function subscriptionJson(s: WebhookSubscription) {
  return { uuid: s.uuid, url: s.url, status: s.status, subscription_types: s.subscriptionTypes };
}

function validUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

async function jsonBody(ctx: RequestContext): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse((await ctx.body()) || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function subscriptionTypesOf(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.every((t) => (SUBSCRIPTION_TYPES as readonly string[]).includes(t as string)) ? (value as string[]) : null;
}

/** POST /gusto/oauth/token with grant_type=system_access (the caller checked the client). */
export function systemAccessTokenResponse(webhooks: GustoWebhooks, now: number): SandboxResponse {
  const { token, expiresAt } = webhooks.issueSystemToken();
  return json(
    200,
    {
      access_token: token,
      token_type: 'bearer',
      expires_in: Math.round((expiresAt - now) / 1000),
      scope: 'webhook_subscriptions:read webhook_subscriptions:write',
      created_at: Math.floor(now / 1000),
    },
    { 'cache-control': 'no-store' },
  );
}

export function isWebhookSubscriptionPath(path: string): boolean {
  return path === '/gusto/v1/webhook_subscriptions' || path.startsWith('/gusto/v1/webhook_subscriptions/');
}

/** /gusto/v1/webhook_subscriptions[/{uuid}[/verify|/request_verification_token]] — system token only. */
export async function webhookSubscriptionsApi(ctx: RequestContext): Promise<SandboxResponse> {
  const version = ctx.header('x-gusto-api-version');
  if (version !== undefined && version !== GUSTO_API_VERSION) {
    return gustoError(406, 'invalid_api_version', `Unsupported API version '${version}'. Supported: ${GUSTO_API_VERSION}`, 'X-Gusto-API-Version');
  }
  const webhooks = ctx.state.gustoWebhooks;
  if (!webhooks.isSystemToken(bearerToken(ctx.header('authorization')))) {
    // A company token is not enough: subscriptions belong to the partner application.
    return gustoError(401, 'invalid_token', 'This endpoint needs a system access token', 'base', { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  const sub = ctx.path.slice('/gusto/v1/webhook_subscriptions'.length);
  if (sub === '' && ctx.method === 'GET') return json(200, [...webhooks.subscriptions.values()].map(subscriptionJson));
  if (sub === '' && ctx.method === 'POST') {
    const body = await jsonBody(ctx);
    const types = subscriptionTypesOf(body?.subscription_types);
    if (!body || !validUrl(body.url)) return gustoError(422, 'invalid_attribute_value', 'url must be an absolute http(s) URL', 'url');
    if (!types) return gustoError(422, 'invalid_attribute_value', `subscription_types must list some of ${SUBSCRIPTION_TYPES.join(', ')}`, 'subscription_types');
    const subscription: WebhookSubscription = { uuid: randomUUID(), url: body.url, status: 'unverified', subscriptionTypes: types, verificationToken: randomToken(24) };
    webhooks.subscriptions.set(subscription.uuid, subscription);
    webhooks.sendVerificationToken(subscription);
    return json(201, subscriptionJson(subscription));
  }
  const m = /^\/([^/]+)(\/verify|\/request_verification_token)?$/.exec(sub);
  const subscription = m?.[1] ? webhooks.subscriptions.get(decodeURIComponent(m[1])) : undefined;
  if (!m || !subscription) return gustoError(404, 'not_found', 'The requested resource was not found.', 'webhook_subscription_uuid');
  if (m[2] === '/verify' && ctx.method === 'PUT') {
    const params = parseParams(await ctx.body(), ctx.header('content-type') ?? 'application/json');
    if (params.verification_token !== subscription.verificationToken) {
      return gustoError(422, 'invalid_attribute_value', 'The verification token is incorrect', 'verification_token');
    }
    subscription.status = 'verified';
    return json(200, subscriptionJson(subscription));
  }
  if (m[2] === '/request_verification_token' && ctx.method === 'GET') {
    webhooks.sendVerificationToken(subscription);
    return empty(200);
  }
  if (!m[2] && ctx.method === 'GET') return json(200, subscriptionJson(subscription));
  if (!m[2] && ctx.method === 'PUT') {
    const types = subscriptionTypesOf((await jsonBody(ctx))?.subscription_types);
    if (!types) return gustoError(422, 'invalid_attribute_value', `subscription_types must list some of ${SUBSCRIPTION_TYPES.join(', ')}`, 'subscription_types');
    subscription.subscriptionTypes = types;
    return json(200, subscriptionJson(subscription));
  }
  if (!m[2] && ctx.method === 'DELETE') {
    webhooks.subscriptions.delete(subscription.uuid);
    return empty(204);
  }
  return gustoError(404, 'not_found', 'The requested resource was not found.', 'request');
}
