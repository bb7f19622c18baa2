/**
 * Xero's bearer-token checks, with Xero's problem-JSON bodies: 401 for a missing, unknown or
 * expired token (Detail "TokenExpired: …" for the expired one, which clients use to decide to
 * refresh) and 403 when the xero-tenant-id was not granted to the token.
 */
import type { RequestContext } from '../context';
import { bearerToken, json } from '../http';
import type { XpmGrant } from '../state';
import type { SandboxResponse } from '../types';

function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): SandboxResponse {
  return json(status, { Type: null, Title: title, Status: status, Detail: detail }, headers);
}

/** Xero prints expiry like `11/26/2026 04:42:49` (UTC). */
function xeroDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export type BearerCheck = { ok: true; grant: XpmGrant } | { ok: false; response: SandboxResponse };

export function checkXpmBearer(ctx: RequestContext): BearerCheck {
  const token = bearerToken(ctx.header('authorization'));
  if (!token) return { ok: false, response: problem(401, 'Unauthorized', 'AuthenticationUnsuccessful', { 'www-authenticate': 'Bearer' }) };
  const result = ctx.state.xpmOAuth.checkAccess(token);
  if (result.status === 'expired') {
    const at = xeroDate(result.access.expiresAt);
    return {
      ok: false,
      response: problem(401, 'Unauthorized', `TokenExpired: token expired at ${at}`, {
        'www-authenticate': `Bearer error="invalid_token", error_description="The token expired at '${at}'"`,
      }),
    };
  }
  if (result.status === 'invalid')
    return { ok: false, response: problem(401, 'Unauthorized', 'AuthenticationUnsuccessful', { 'www-authenticate': 'Bearer error="invalid_token"' }) };
  return { ok: true, grant: result.grant };
}

export type TenantCheck = { ok: true; grant: XpmGrant; tenantId: string } | { ok: false; response: SandboxResponse };

export function checkXpmTenant(ctx: RequestContext, write: boolean): TenantCheck {
  const bearer = checkXpmBearer(ctx);
  if (!bearer.ok) return bearer;
  const tenantId = ctx.header('xero-tenant-id');
  const connected = tenantId ? bearer.grant.data.connections.some((c) => c.tenantId === tenantId) : false;
  if (!tenantId || !connected || !ctx.state.tenants.has(tenantId)) return { ok: false, response: problem(403, 'Forbidden', 'AuthorizationUnsuccessful') };
  const scopes = bearer.grant.scope.split(' ');
  const canWrite = scopes.includes('practicemanager') || scopes.includes('practicemanager.client');
  const canRead = canWrite || scopes.includes('practicemanager.read') || scopes.includes('practicemanager.client.read');
  if (!canRead || (write && !canWrite)) return { ok: false, response: problem(403, 'Forbidden', 'The access token does not have the required scope') };
  return { ok: true, grant: bearer.grant, tenantId };
}

/** XPM speaks XML; a client that only accepts JSON gets 406. */
export function acceptsXml(ctx: RequestContext): boolean {
  const accept = (ctx.header('accept') ?? '*/*').toLowerCase();
  return accept.includes('xml') || accept.includes('*/*');
}

export const notAcceptable = (): SandboxResponse => problem(406, 'Not Acceptable', 'Send Accept: application/xml');
