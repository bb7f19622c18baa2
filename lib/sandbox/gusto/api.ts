/**
 * Gusto /v1 endpoints the app reads: token_info, a company, its locations and its admins.
 * Order of checks follows Gusto: API version (406), token (401), per-grant rolling-minute limit
 * (429), then the resource (403 for a company the token was not granted, 404 for none).
 */
import type { RequestContext } from '../context';
import { bearerToken, json } from '../http';
import type { GustoCompany } from '../model';
import type { GustoGrant } from '../state';
import { GUSTO_API_VERSION, type SandboxResponse } from '../types';
import { gustoError } from './errors';
import { adminJson, companyJson, locationJson } from './serialize';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function paginate<T>(ctx: RequestContext, items: T[]): { page: T[]; headers: Record<string, string> } {
  const toInt = (v: string | null, fallback: number) => {
    const n = Number(v);
    return v !== null && Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const page = toInt(ctx.url.searchParams.get('page'), 1);
  const per = Math.min(100, toInt(ctx.url.searchParams.get('per'), 25));
  const totalPages = Math.max(1, Math.ceil(items.length / per));
  return {
    page: items.slice((page - 1) * per, page * per),
    headers: { 'x-total-count': String(items.length), 'x-total-pages': String(totalPages), 'x-page': String(page), 'x-per-page': String(per) },
  };
}

function companyFor(ctx: RequestContext, grant: GustoGrant, id: string): { ok: true; company: GustoCompany } | { ok: false; response: SandboxResponse } {
  const company = ctx.state.companies.get(id);
  if (company && grant.data.companyUuid === id) return { ok: true, company };
  if (company) return { ok: false, response: gustoError(403, 'missing_permissions', 'The access token does not have access to this company', 'company_id') };
  return { ok: false, response: gustoError(404, 'not_found', 'The requested resource was not found.', 'request') };
}

export async function gustoApi(ctx: RequestContext, delayMs: number): Promise<SandboxResponse> {
  const versionHeader = ctx.header('x-gusto-api-version');
  if (versionHeader !== undefined && versionHeader !== GUSTO_API_VERSION) {
    return gustoError(406, 'invalid_api_version', `Unsupported API version '${versionHeader}'. Supported: ${GUSTO_API_VERSION}`, 'X-Gusto-API-Version');
  }
  const token = bearerToken(ctx.header('authorization'));
  const check = token ? ctx.state.gustoOAuth.checkAccess(token) : ({ status: 'invalid' } as const);
  if (check.status !== 'ok') {
    const message = check.status === 'expired' ? 'The access token expired' : 'The access token is invalid or has been revoked';
    return gustoError(401, 'invalid_token', message, 'base', { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  const grant = check.grant;
  const admission = ctx.state.gustoLimiter.admit(grant.id, ctx.state.now());
  if (!admission.ok) {
    ctx.state.counters.rateLimited.gusto += 1;
    return gustoError(429, 'rate_limit_exceeded', 'Too many requests. Try again later.', 'base', { 'retry-after': String(admission.retryAfterSeconds) });
  }
  if (delayMs > 0) await sleep(delayMs);

  const sub = ctx.path.slice('/gusto'.length);
  if (ctx.method !== 'GET') return gustoError(404, 'not_found', 'The requested resource was not found.', 'request');
  if (sub === '/v1/token_info') {
    return json(200, { scope: grant.scope, resource: { type: 'Company', uuid: grant.data.companyUuid }, resource_owner: { type: 'CompanyAdmin', uuid: grant.data.adminUuid } });
  }
  const m = /^\/v1\/companies\/([^/]+)(\/locations|\/admins)?$/.exec(sub);
  if (!m?.[1]) return gustoError(404, 'not_found', 'The requested resource was not found.', 'request');
  const found = companyFor(ctx, grant, decodeURIComponent(m[1]));
  if (!found.ok) return found.response;
  const company = found.company;
  if (m[2] === '/locations') {
    const { page, headers } = paginate(ctx, company.locations);
    return json(
      200,
      page.map((l) => locationJson(company, l)),
      headers,
    );
  }
  if (m[2] === '/admins') {
    const { page, headers } = paginate(ctx, company.admins);
    return json(200, page.map(adminJson), headers);
  }
  return json(200, companyJson(company));
}
