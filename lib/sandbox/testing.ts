/**
 * Helpers for tests that need to get through a sandbox consent page without a browser: they
 * fetch the page, read the hidden consent id and post the decision exactly as the form would.
 * Usable from any test (adapters' integration tests included); not used by the server itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_GUSTO_CREDENTIALS, DEFAULT_XPM_CREDENTIALS } from './types';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function consentIdOf(page: string): string {
  const m = /name="consent_id" value="([^"]+)"/.exec(page);
  if (!m?.[1]) throw new Error('No consent form on the page');
  return m[1];
}

async function decide(baseUrl: string, path: string, fields: Record<string, string>): Promise<URL> {
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`Consent answer was not a redirect (HTTP ${res.status})`);
  return new URL(location);
}

export interface XpmAuthorizeOptions {
  redirectUri: string;
  state?: string;
  scope?: string;
  codeChallenge?: string;
  tenantId?: string;
  decision?: 'allow' | 'deny';
  clientId?: string;
}

/** Run XPM's authorize + consent; returns the redirect back to the app (code or error in it). */
export async function xpmAuthorize(baseUrl: string, o: XpmAuthorizeOptions): Promise<URL> {
  const url = new URL('/xero/login/identity/connect/authorize', baseUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: o.clientId ?? DEFAULT_XPM_CREDENTIALS.clientId,
    redirect_uri: o.redirectUri,
    scope: o.scope ?? 'openid profile email practicemanager offline_access',
    state: o.state ?? 'state-1',
    ...(o.codeChallenge ? { code_challenge: o.codeChallenge, code_challenge_method: 'S256' } : {}),
  }).toString();
  const page = await (await fetch(url)).text();
  const tenant = o.tenantId ?? /name="tenant_id" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return decide(baseUrl, '/xero/login/identity/connect/authorize', { consent_id: consentIdOf(page), decision: o.decision ?? 'allow', tenant_id: tenant });
}

export interface GustoAuthorizeOptions {
  redirectUri: string;
  state?: string;
  companyUuid?: string;
  decision?: 'allow' | 'deny';
  clientId?: string;
}

/** Run Gusto's authorize + consent for one company (the first listed unless given). */
export async function gustoAuthorize(baseUrl: string, o: GustoAuthorizeOptions): Promise<URL> {
  const url = new URL('/gusto/oauth/authorize', baseUrl);
  url.search = new URLSearchParams({
    client_id: o.clientId ?? DEFAULT_GUSTO_CREDENTIALS.clientId,
    redirect_uri: o.redirectUri,
    response_type: 'code',
    state: o.state ?? 'state-1',
  }).toString();
  const page = await (await fetch(url)).text();
  const company = o.companyUuid ?? /name="company_uuid" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return decide(baseUrl, '/gusto/oauth/authorize', { consent_id: consentIdOf(page), decision: o.decision ?? 'allow', company_uuid: company });
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** POST a form to XPM's token endpoint with Basic client auth. */
export async function xpmTokenRequest(baseUrl: string, form: Record<string, string>, creds = DEFAULT_XPM_CREDENTIALS): Promise<Response> {
  return fetch(new URL('/xero/identity/connect/token', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(creds.clientId, creds.clientSecret) },
    body: new URLSearchParams(form).toString(),
  });
}

/** POST JSON to Gusto's token endpoint with the client credentials in the body. */
export async function gustoTokenRequest(baseUrl: string, body: Record<string, string>, creds = DEFAULT_GUSTO_CREDENTIALS): Promise<Response> {
  return fetch(new URL('/gusto/oauth/token', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: creds.clientId, client_secret: creds.clientSecret, ...body }),
  });
}

export function xpmHeaders(accessToken: string, tenantId: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}`, 'xero-tenant-id': tenantId, accept: 'application/xml' };
}

export function gustoHeaders(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}`, 'x-gusto-api-version': '2025-06-15', accept: 'application/json' };
}

/** Mint tokens through the test controls (test mode only), skipping the consent page. */
export async function mintXpmToken(baseUrl: string, tenantId?: string): Promise<{ access_token: string; refresh_token: string; tenantId: string; grantId: string }> {
  const res = await fetch(new URL('/__sandbox/tokens', baseUrl), { method: 'POST', body: JSON.stringify({ app: 'xpm', ...(tenantId ? { tenantId } : {}) }) });
  if (!res.ok) throw new Error(`mint XPM token failed: HTTP ${res.status}`);
  return (await res.json()) as { access_token: string; refresh_token: string; tenantId: string; grantId: string };
}

export async function mintGustoToken(baseUrl: string, companyUuid?: string): Promise<{ access_token: string; refresh_token: string; companyUuid: string; grantId: string }> {
  const res = await fetch(new URL('/__sandbox/tokens', baseUrl), { method: 'POST', body: JSON.stringify({ app: 'gusto', ...(companyUuid ? { companyUuid } : {}) }) });
  if (!res.ok) throw new Error(`mint Gusto token failed: HTTP ${res.status}`);
  return (await res.json()) as { access_token: string; refresh_token: string; companyUuid: string; grantId: string };
}

/** POST JSON to a test control. */
export async function control(baseUrl: string, path: string, body: unknown = {}, method = 'POST'): Promise<Response> {
  return fetch(new URL(`/__sandbox/${path.replace(/^\//, '')}`, baseUrl), {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
}
