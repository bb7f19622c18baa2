import { systemClock, type Clock } from '../http/clock';
import { sendWithRetry, type FetchLike } from '../http/request';
import { registerSecret } from '../errors';
import { createOAuthState, createPkcePair, pkceChallenge } from '../oauth/pkce';
import { parseTokenResponse, tokenEndpointError, type TokenSet } from '../oauth/token-set';
import { DEFAULT_XPM_SCOPES, XPM_ACCESS_TOKEN_SECONDS, type XpmConfig } from './config';

/**
 * Xero identity's authorization-code flow with PKCE (S256). The token endpoint takes the
 * client credentials as HTTP Basic and a form body; refresh tokens rotate on every use.
 */

export interface XpmAuthorizeRequest {
  url: string;
  /** Keep both server-side (bound to the admin's session) until the callback. */
  state: string;
  codeVerifier: string;
}

export function buildXpmAuthorizeUrl(config: XpmConfig, redirectUri: string, options: { state?: string; codeVerifier?: string } = {}): XpmAuthorizeRequest {
  const state = options.state ?? createOAuthState();
  const codeVerifier = options.codeVerifier ?? createPkcePair().codeVerifier;
  const codeChallenge = pkceChallenge(codeVerifier);
  const url = new URL(config.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', (config.scopes ?? DEFAULT_XPM_SCOPES).join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), state, codeVerifier };
}

export interface XpmOAuthDeps {
  fetch?: FetchLike;
  clock?: Clock;
}

export async function exchangeXpmCode(config: XpmConfig, input: { code: string; redirectUri: string; codeVerifier: string }, deps: XpmOAuthDeps = {}): Promise<TokenSet> {
  return tokenRequest(config, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier }, 'exchange', deps);
}

export async function refreshXpmToken(config: XpmConfig, refreshToken: string, deps: XpmOAuthDeps = {}): Promise<TokenSet> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh', deps);
}

/**
 * Revoking the refresh token ends the whole grant (RFC 7009). Already-revoked or unknown
 * tokens are a success by the RFC, so disconnecting twice is harmless.
 */
export async function revokeXpmToken(config: XpmConfig, refreshToken: string, deps: XpmOAuthDeps = {}): Promise<void> {
  const response = await sendWithRetry(
    {
      method: 'POST',
      url: config.revocationUrl,
      headers: formHeaders(config),
      body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' }).toString(),
      idempotent: true,
    },
    { provider: 'xpm', fetch: deps.fetch, clock: deps.clock },
  );
  if (response.status >= 200 && response.status < 300) return;
  throw tokenEndpointError('xpm', response.status, response.text, 'revoke');
}

async function tokenRequest(config: XpmConfig, params: Record<string, string>, during: 'exchange' | 'refresh', deps: XpmOAuthDeps): Promise<TokenSet> {
  const clock = deps.clock ?? systemClock;
  // A code or refresh token is single-use: if the request reached Xero and the answer was
  // lost, a repeat fails with invalid_grant anyway. Only retry what provably did not arrive.
  const response = await sendWithRetry(
    { method: 'POST', url: config.tokenUrl, headers: formHeaders(config), body: new URLSearchParams(params).toString(), idempotent: false },
    { provider: 'xpm', fetch: deps.fetch, clock },
  );
  if (response.status !== 200) throw tokenEndpointError('xpm', response.status, response.text, during);
  return parseTokenResponse('xpm', response.text, clock.now(), XPM_ACCESS_TOKEN_SECONDS);
}

function formHeaders(config: XpmConfig): Record<string, string> {
  registerSecret(config.clientSecret);
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`, 'utf8').toString('base64');
  registerSecret(basic);
  return {
    Authorization: `Basic ${basic}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
}
