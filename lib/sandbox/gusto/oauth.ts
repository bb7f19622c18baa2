/**
 * Gusto OAuth: /oauth/authorize (no scope parameter; the user picks ONE company, so each grant
 * reaches one company), /oauth/token (authorization_code | refresh_token | system_access, JSON
 * or form body, rotating refresh tokens) and /oauth/revoke.
 */
import { authenticateClient } from '../client-auth';
import { errorPage, gustoConsentPage } from '../consent-page';
import type { RequestContext } from '../context';
import { html, json, parseParams, redirectWith } from '../http';
import type { GustoGrant } from '../state';
import type { SandboxResponse } from '../types';
import { systemAccessTokenResponse } from './webhooks';

export const GUSTO_AUTHORIZE_PATH = '/gusto/oauth/authorize';
export const GUSTO_SCOPE = 'public companies:read company_admin:read signatories:read locations:read';
const APP_NAME = 'Practice Sync';

function validRedirectUri(value: string | null): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function gustoAuthorizeGet(ctx: RequestContext): SandboxResponse {
  const q = ctx.url.searchParams;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  const state = q.get('state') ?? undefined;
  if (clientId !== ctx.state.gustoCredentials.clientId)
    return html(400, errorPage('Gusto', 'Unknown application', 'The client_id in this link is not a registered Gusto application.'));
  if (!validRedirectUri(redirectUri)) return html(400, errorPage('Gusto', 'Invalid redirect URI', 'The redirect_uri in this link is missing or not an absolute http(s) URL.'));
  if (q.get('response_type') !== 'code') return redirectWith(redirectUri, { error: 'unsupported_response_type', state });
  const consent = ctx.state.gustoOAuth.addConsent({ clientId, redirectUri, state, scope: GUSTO_SCOPE, codeChallenge: undefined, payload: {} });
  const companies = ctx.state.companyOrder.flatMap((id) => {
    const c = ctx.state.companies.get(id);
    return c ? [{ uuid: c.uuid, name: c.name }] : [];
  });
  return html(200, gustoConsentPage({ appName: APP_NAME, companies, consentId: consent.id, action: GUSTO_AUTHORIZE_PATH }));
}

export async function gustoAuthorizePost(ctx: RequestContext): Promise<SandboxResponse> {
  const form = parseParams(await ctx.body(), 'application/x-www-form-urlencoded');
  const consent = form.consent_id ? ctx.state.gustoOAuth.takeConsent(form.consent_id) : null;
  if (!consent) return html(400, errorPage('Gusto', 'This request has expired', 'Go back to the app and start connecting again.'));
  if (form.decision !== 'allow') return redirectWith(consent.redirectUri, { error: 'access_denied', state: consent.state });
  const company = form.company_uuid ? ctx.state.companies.get(form.company_uuid) : undefined;
  if (!company) return html(400, errorPage('Gusto', 'Choose a company', 'No company was selected. Go back to the app and start again.'));
  const code = ctx.state.gustoOAuth.issueCode({
    clientId: consent.clientId,
    redirectUri: consent.redirectUri,
    codeChallenge: undefined,
    scope: consent.scope,
    grant: { companyUuid: company.uuid, adminUuid: company.admins[0]?.uuid ?? company.uuid },
  });
  return redirectWith(consent.redirectUri, { code, state: consent.state });
}

export function gustoTokenResponse(ctx: RequestContext, grant: GustoGrant): Record<string, unknown> {
  const tokens = ctx.state.gustoOAuth.issueTokens(grant);
  return {
    access_token: tokens.accessToken,
    token_type: 'bearer',
    expires_in: Math.round((tokens.expiresAt - ctx.state.now()) / 1000),
    refresh_token: tokens.refreshToken,
    scope: grant.scope,
    created_at: Math.floor(ctx.state.now() / 1000),
  };
}

export async function gustoToken(ctx: RequestContext): Promise<SandboxResponse> {
  const params = parseParams(await ctx.body(), ctx.header('content-type'));
  const auth = authenticateClient(ctx, params, ctx.state.gustoCredentials);
  // Gusto has no public clients: the secret is always required.
  if (!auth.ok) return auth.response;
  if (!auth.hasSecret) return json(401, { error: 'invalid_client' });
  const oauth = ctx.state.gustoOAuth;
  if (params.grant_type === 'authorization_code') {
    if (!params.code) return json(400, { error: 'invalid_request' });
    const result = oauth.redeemCode(params.code, auth.clientId, params.redirect_uri, undefined);
    if (!result.ok) return json(400, { error: 'invalid_grant' });
    ctx.state.counters.tokensIssued.gusto += 1;
    return json(200, gustoTokenResponse(ctx, result.grant), { 'cache-control': 'no-store' });
  }
  if (params.grant_type === 'system_access') {
    // The partner application's own token (webhook subscriptions): no company, no refresh token.
    return systemAccessTokenResponse(ctx.state.gustoWebhooks, ctx.state.now());
  }
  if (params.grant_type === 'refresh_token') {
    if (!params.refresh_token) return json(400, { error: 'invalid_request' });
    const result = oauth.rotate(params.refresh_token, auth.clientId);
    if (!result.ok) return json(400, { error: 'invalid_grant' });
    ctx.state.counters.tokenRefreshes.gusto += 1;
    return json(200, gustoTokenResponse(ctx, result.grant), { 'cache-control': 'no-store' });
  }
  return json(400, { error: 'unsupported_grant_type' });
}

/** Revoking an access or refresh token ends the whole grant (that company's connection). */
export async function gustoRevoke(ctx: RequestContext): Promise<SandboxResponse> {
  const params = parseParams(await ctx.body(), ctx.header('content-type'));
  const auth = authenticateClient(ctx, params, ctx.state.gustoCredentials);
  if (!auth.ok) return auth.response;
  const oauth = ctx.state.gustoOAuth;
  const grant = params.token ? (oauth.grantOfAccess(params.token) ?? oauth.grantOfRefresh(params.token)) : null;
  if (grant && grant.clientId === auth.clientId) oauth.revokeGrant(grant.id);
  return json(200, {});
}
