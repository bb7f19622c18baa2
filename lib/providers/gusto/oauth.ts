import { registerSecret } from '../errors';
import { systemClock, type Clock } from '../http/clock';
import { sendWithRetry, type FetchLike } from '../http/request';
import { createOAuthState } from '../oauth/pkce';
import { parseTokenResponse, tokenEndpointError, type TokenSet } from '../oauth/token-set';
import { GUSTO_ACCESS_TOKEN_SECONDS, GUSTO_API_VERSION, gustoUrl, type GustoConfig } from './config';

/**
 * Gusto's authorization-code flow. No `scope` parameter (scopes are fixed per app in Gusto's
 * developer portal) and no PKCE. The token endpoint takes client_id/client_secret in a JSON
 * body (reference spec, /oauth/token). Each grant reaches exactly one company.
 */

export function buildGustoAuthorizeUrl(config: GustoConfig, redirectUri: string, options: { state?: string } = {}): { url: string; state: string } {
  const state = options.state ?? createOAuthState();
  const url = new URL(gustoUrl(config, 'oauth/authorize'));
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', state);
  return { url: url.toString(), state };
}

export interface GustoOAuthDeps {
  fetch?: FetchLike;
  clock?: Clock;
}

export function exchangeGustoCode(config: GustoConfig, input: { code: string; redirectUri: string }, deps: GustoOAuthDeps = {}): Promise<TokenSet> {
  return tokenRequest(config, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri }, 'exchange', deps);
}

export function refreshGustoToken(config: GustoConfig, refreshToken: string, deps: GustoOAuthDeps = {}): Promise<TokenSet> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh', deps);
}

/** Revokes the grant behind `token` (RFC 7009; unknown tokens count as revoked). */
export async function revokeGustoToken(config: GustoConfig, token: string, deps: GustoOAuthDeps = {}): Promise<void> {
  const response = await sendWithRetry(
    {
      method: 'POST',
      url: gustoUrl(config, 'oauth/revoke'),
      headers: jsonHeaders(config),
      body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, token }),
      idempotent: true,
    },
    { provider: 'gusto', fetch: deps.fetch, clock: deps.clock },
  );
  if (response.status >= 200 && response.status < 300) return;
  throw tokenEndpointError('gusto', response.status, response.text, 'revoke');
}

async function tokenRequest(config: GustoConfig, params: Record<string, string>, during: 'exchange' | 'refresh', deps: GustoOAuthDeps): Promise<TokenSet> {
  const clock = deps.clock ?? systemClock;
  // Codes and refresh tokens are single-use: only retry what provably never arrived.
  const response = await sendWithRetry(
    {
      method: 'POST',
      url: gustoUrl(config, 'oauth/token'),
      headers: jsonHeaders(config),
      body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, ...params }),
      idempotent: false,
    },
    { provider: 'gusto', fetch: deps.fetch, clock },
  );
  if (response.status !== 200 && response.status !== 201) throw tokenEndpointError('gusto', response.status, response.text, during);
  return parseTokenResponse('gusto', response.text, clock.now(), GUSTO_ACCESS_TOKEN_SECONDS);
}

function jsonHeaders(config: GustoConfig): Record<string, string> {
  registerSecret(config.clientSecret);
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'X-Gusto-API-Version': config.apiVersion ?? GUSTO_API_VERSION,
  };
}
