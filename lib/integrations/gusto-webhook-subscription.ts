import 'server-only';
import { env } from '@/lib/env';
import { registerSecret } from '@/lib/providers/errors';
import { GUSTO_API_VERSION, gustoUrl, type GustoConfig } from '@/lib/providers/gusto/config';
import { sendWithRetry, type FetchLike } from '@/lib/providers/http/request';
import { hasVerifiedSubscription, loadSubscription, markSubscription, recordSubscription, resetSubscription } from '@/lib/sync/webhooks/subscription-store';
import { gustoConfig } from './provider-config';

/**
 * The deployment's Gusto webhook subscription, as Gusto documents it (reference spec,
 * /v1/webhook_subscriptions): with the application's system token (client credentials,
 * `grant_type=system_access`), make sure a subscription for `${APP_URL}/api/webhooks/gusto`
 * with types Company and Location exists; Gusto POSTs its `verification_token` to that URL
 * (the route stores it, sealed); we prove we got it with `PUT …/verify`. Only then does Gusto
 * send events. Run as a job keyed to one at a time, so two instances starting together do
 * not create two subscriptions.
 */
export const SUBSCRIPTION_TYPES = ['Company', 'Location'] as const;
export const WEBHOOK_PATH = '/api/webhooks/gusto';

/** Gusto's events reach us only at a public URL: without APP_URL there is nothing to subscribe. */
export function gustoWebhooksConfigured(): boolean {
  return Boolean(env().APP_URL);
}

/** True until this deployment holds a verified subscription for its URL. */
export async function gustoWebhookSubscriptionNeeded(appUrl: string | undefined = env().APP_URL): Promise<boolean> {
  if (!appUrl) return false;
  return !(await hasVerifiedSubscription(gustoWebhookUrl(appUrl)));
}

export function gustoWebhookUrl(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
}

export interface EnsureOptions {
  appUrl?: string;
  config?: GustoConfig;
  fetch?: FetchLike;
  /** How long to wait for the verification delivery before asking Gusto to send it again. */
  tokenWaitMs?: number;
  /** How many times to ask for it before giving up until the next start. */
  tokenRequests?: number;
}

export type EnsureOutcome = { status: 'verified'; subscriptionUuid: string; created: boolean };

interface RemoteSubscription {
  uuid: string;
  url: string;
  status: string;
  subscription_types?: string[];
}

export async function ensureGustoWebhookSubscription(options: EnsureOptions = {}): Promise<EnsureOutcome> {
  const appUrl = options.appUrl ?? env().APP_URL;
  if (!appUrl) throw new Error('APP_URL is not set: Gusto cannot reach this deployment.');
  const config = options.config ?? gustoConfig();
  const url = gustoWebhookUrl(appUrl);
  const api = gustoSystemApi(config, options.fetch);
  await api.authenticate();

  const existing = (await api.call<RemoteSubscription[]>('GET', 'v1/webhook_subscriptions')).find((s) => s.url === url);
  let remote: RemoteSubscription;
  let created = false;
  if (existing) {
    remote = existing;
    const types = new Set(existing.subscription_types ?? []);
    if (!SUBSCRIPTION_TYPES.every((t) => types.has(t))) {
      remote = await api.call<RemoteSubscription>('PUT', `v1/webhook_subscriptions/${encodeURIComponent(existing.uuid)}`, {
        subscription_types: [...new Set([...types, ...SUBSCRIPTION_TYPES])],
      });
    }
    await recordSubscription(remote.uuid, url);
  } else {
    // Gusto may POST the token before this answer is back; the route answers 409 until the
    // row below exists, and Gusto retries the delivery.
    remote = await api.call<RemoteSubscription>('POST', 'v1/webhook_subscriptions', { url, subscription_types: [...SUBSCRIPTION_TYPES] });
    created = true;
    await recordSubscription(remote.uuid, url);
  }

  const stored = await loadSubscription(remote.uuid);
  if (remote.status === 'verified' && stored?.status === 'verified' && stored.verificationToken) {
    return { status: 'verified', subscriptionUuid: remote.uuid, created };
  }
  if (stored?.status !== 'pending') await resetSubscription(remote.uuid); // verified at Gusto but we lost the key: ask again

  // A subscription we just made has its token on the way; an older one needs it sent again.
  const token = await awaitVerificationToken(remote.uuid, api, options.tokenWaitMs ?? 5_000, options.tokenRequests ?? 3, !created);
  const verified = await api.send('PUT', `v1/webhook_subscriptions/${encodeURIComponent(remote.uuid)}/verify`, { verification_token: token });
  if (verified.status < 200 || verified.status >= 300) {
    await markSubscription(remote.uuid, 'failed');
    throw new Error(`Gusto refused to verify the webhook subscription (HTTP ${verified.status}).`);
  }
  await markSubscription(remote.uuid, 'verified');
  return { status: 'verified', subscriptionUuid: remote.uuid, created };
}

/** Waits for the route to store the token; asks Gusto to send it again when it does not come. */
async function awaitVerificationToken(subscriptionUuid: string, api: GustoSystemApi, waitMs: number, requests: number, requestAtOnce: boolean): Promise<string> {
  for (let attempt = 0; attempt <= requests; attempt++) {
    if (attempt > 0 || requestAtOnce) {
      await api.send('GET', `v1/webhook_subscriptions/${encodeURIComponent(subscriptionUuid)}/request_verification_token`);
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const stored = await loadSubscription(subscriptionUuid);
      if (stored?.verificationToken) return stored.verificationToken;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error('Gusto’s webhook verification token never arrived at this deployment’s URL; is APP_URL reachable from Gusto?');
}

interface GustoSystemApi {
  authenticate(): Promise<void>;
  send(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; text: string }>;
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

/** Gusto's API with the application's system token (webhook subscriptions belong to the app, not a company). */
function gustoSystemApi(config: GustoConfig, fetchImpl?: FetchLike): GustoSystemApi {
  let token: string | null = null;
  const headers = (): Record<string, string> => ({
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'X-Gusto-API-Version': config.apiVersion ?? GUSTO_API_VERSION,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });
  const api: GustoSystemApi = {
    async authenticate() {
      registerSecret(config.clientSecret);
      const response = await sendWithRetry(
        {
          method: 'POST',
          url: gustoUrl(config, 'oauth/token'),
          headers: headers(),
          body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, grant_type: 'system_access' }),
          idempotent: true, // a second system token is harmless
        },
        { provider: 'gusto', fetch: fetchImpl },
      );
      if (response.status !== 200) throw new Error(`Gusto did not issue a system access token (HTTP ${response.status}).`);
      const accessToken = (JSON.parse(response.text) as { access_token?: unknown }).access_token;
      if (typeof accessToken !== 'string' || !accessToken) throw new Error('Gusto’s system access token response had no token.');
      registerSecret(accessToken);
      token = accessToken;
    },
    async send(method, path, body) {
      const response = await sendWithRetry(
        { method, url: gustoUrl(config, path), headers: headers(), ...(body === undefined ? {} : { body: JSON.stringify(body) }), idempotent: method !== 'POST' },
        { provider: 'gusto', fetch: fetchImpl },
      );
      return { status: response.status, text: response.text };
    },
    async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
      const response = await api.send(method, path, body);
      if (response.status < 200 || response.status >= 300) throw new Error(`Gusto answered HTTP ${response.status} to ${method} /${path.split('/').slice(0, 2).join('/')}.`);
      return JSON.parse(response.text) as T;
    },
  };
  return api;
}
