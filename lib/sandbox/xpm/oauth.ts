/**
 * Xero identity: authorize (consent page), token (authorization_code with optional PKCE S256,
 * refresh_token with rotation) and revocation. Paths mirror login.xero.com/identity/connect/*
 * and identity.xero.com/connect/* under the sandbox's /xero prefix.
 */
import { authenticateClient, invalidClient } from '../client-auth';
import { errorPage, xpmConsentPage } from '../consent-page';
import type { RequestContext } from '../context';
import { empty, html, json, parseParams, redirectWith } from '../http';
import type { XpmGrant } from '../state';
import type { SandboxResponse } from '../types';

export const XPM_AUTHORIZE_PATH = '/xero/login/identity/connect/authorize';
export const XPM_TOKEN_PATH = '/xero/identity/connect/token';
export const XPM_REVOCATION_PATH = '/xero/identity/connect/revocation';

const APP_NAME = 'Practice Sync';
const PM_SCOPES = ['practicemanager', 'practicemanager.read', 'practicemanager.client', 'practicemanager.client.read'];

function validRedirectUri(value: string | null): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.hash;
  } catch {
    return false;
  }
}

export function xpmAuthorizeGet(ctx: RequestContext): SandboxResponse {
  const q = ctx.url.searchParams;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  const state = q.get('state') ?? undefined;
  // Unknown client or redirect target: show an error here; never redirect somewhere unverified.
  if (clientId !== ctx.state.xpmCredentials.clientId) return html(400, errorPage('Xero', 'Unknown app', 'The client_id in this link is not registered with Xero.'));
  if (!validRedirectUri(redirectUri)) return html(400, errorPage('Xero', 'Invalid redirect URI', 'The redirect_uri in this link is missing or not an absolute http(s) URL.'));
  if (q.get('response_type') !== 'code') return redirectWith(redirectUri, { error: 'unsupported_response_type', state });
  const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (!scopes.some((s) => PM_SCOPES.includes(s))) return redirectWith(redirectUri, { error: 'invalid_scope', error_description: 'A practicemanager scope is required', state });
  const challenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method') ?? undefined;
  if (challenge !== undefined && method !== 'S256') return redirectWith(redirectUri, { error: 'invalid_request', error_description: 'code_challenge_method must be S256', state });
  if (challenge === undefined && method !== undefined) return redirectWith(redirectUri, { error: 'invalid_request', error_description: 'code_challenge is missing', state });

  const consent = ctx.state.xpmOAuth.addConsent({ clientId, redirectUri, state, scope: scopes.join(' '), codeChallenge: challenge, payload: { responseType: 'code' } });
  const tenants = [...ctx.state.tenants.values()].map((t) => ({ id: t.id, name: t.name }));
  return html(200, xpmConsentPage({ appName: APP_NAME, scopes, tenants, consentId: consent.id, action: XPM_AUTHORIZE_PATH }));
}

export async function xpmAuthorizePost(ctx: RequestContext): Promise<SandboxResponse> {
  const form = parseParams(await ctx.body(), 'application/x-www-form-urlencoded');
  const consent = form.consent_id ? ctx.state.xpmOAuth.takeConsent(form.consent_id) : null;
  if (!consent) return html(400, errorPage('Xero', 'This request has expired', 'Go back to the app and start connecting again.'));
  if (form.decision !== 'allow') return redirectWith(consent.redirectUri, { error: 'access_denied', state: consent.state });
  const tenantId = form.tenant_id ?? '';
  if (!ctx.state.tenants.has(tenantId)) return html(400, errorPage('Xero', 'Choose a practice', 'No practice was selected. Go back to the app and start again.'));
  const code = ctx.state.xpmOAuth.issueCode({
    clientId: consent.clientId,
    redirectUri: consent.redirectUri,
    codeChallenge: consent.codeChallenge,
    scope: consent.scope,
    grant: ctx.state.xpmGrantData([tenantId]),
  });
  return redirectWith(consent.redirectUri, { code, scope: consent.scope, state: consent.state, session_state: 'sandbox' });
}

/** The token response Xero returns, including an id_token when openid was granted. */
export function xpmTokenResponse(ctx: RequestContext, grant: XpmGrant): Record<string, unknown> {
  const tokens = ctx.state.xpmOAuth.issueTokens(grant);
  const body: Record<string, unknown> = {
    access_token: tokens.accessToken,
    expires_in: Math.round((tokens.expiresAt - ctx.state.now()) / 1000),
    token_type: 'Bearer',
    refresh_token: tokens.refreshToken,
    scope: grant.scope,
  };
  if (grant.scope.split(' ').includes('openid')) {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const iat = Math.floor(ctx.state.now() / 1000);
    body.id_token = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({
      iss: 'https://identity.xero.com',
      aud: grant.clientId,
      sub: grant.data.userId,
      xero_userid: grant.data.userId,
      email: 'admin@practice.example',
      given_name: 'Practice',
      family_name: 'Admin',
      iat,
      exp: iat + 300,
    })}.`;
  }
  return body;
}

const invalidGrant = () => json(400, { error: 'invalid_grant' });

export async function xpmToken(ctx: RequestContext): Promise<SandboxResponse> {
  const params = parseParams(await ctx.body(), ctx.header('content-type') ?? 'application/x-www-form-urlencoded');
  const auth = authenticateClient(ctx, params, ctx.state.xpmCredentials);
  if (!auth.ok) return auth.response;
  const oauth = ctx.state.xpmOAuth;

  if (params.grant_type === 'authorization_code') {
    if (!params.code) return json(400, { error: 'invalid_request' });
    const result = oauth.redeemCode(params.code, auth.clientId, params.redirect_uri, params.code_verifier);
    if (!result.ok) return invalidGrant();
    // Without a secret the client must have proven possession with PKCE.
    if (!auth.hasSecret && !params.code_verifier) {
      oauth.revokeGrant(result.grant.id);
      return invalidClient();
    }
    ctx.state.counters.tokensIssued.xpm += 1;
    return json(200, xpmTokenResponse(ctx, result.grant), { 'cache-control': 'no-store' });
  }
  if (params.grant_type === 'refresh_token') {
    if (!params.refresh_token) return json(400, { error: 'invalid_request' });
    const result = oauth.rotate(params.refresh_token, auth.clientId);
    if (!result.ok) return invalidGrant();
    ctx.state.counters.tokenRefreshes.xpm += 1;
    return json(200, xpmTokenResponse(ctx, result.grant), { 'cache-control': 'no-store' });
  }
  return json(400, { error: 'unsupported_grant_type' });
}

/** RFC 7009: always 200, whether or not the token was known. Revokes the whole grant. */
export async function xpmRevoke(ctx: RequestContext): Promise<SandboxResponse> {
  const params = parseParams(await ctx.body(), ctx.header('content-type') ?? 'application/x-www-form-urlencoded');
  const auth = authenticateClient(ctx, params, ctx.state.xpmCredentials);
  if (!auth.ok) return auth.response;
  const grant = params.token ? (ctx.state.xpmOAuth.grantOfRefresh(params.token) ?? ctx.state.xpmOAuth.grantOfAccess(params.token)) : null;
  if (grant && grant.clientId === auth.clientId) {
    ctx.state.xpmOAuth.revokeGrant(grant.id);
    grant.data.connections = [];
  }
  return empty(200);
}
