/**
 * One origin, two apps: /xero/* stands in for login.xero.com, identity.xero.com and
 * api.xero.com; /gusto/* for api.gusto.com; /__sandbox/* holds the test controls.
 *
 * Injected faults are applied here, before the app-specific pipeline, because real faults
 * (a proxy's 500, a dropped connection) happen before the service sees the request. `slow` is
 * the exception: it is passed down so the delay holds a rate-limit slot like a slow real call.
 */
import type { RequestContext } from './context';
import { controls } from './controls';
import { truncateBody, type Fault } from './faults';
import { gustoApi } from './gusto/api';
import { gustoError } from './gusto/errors';
import { gustoAuthorizeGet, gustoAuthorizePost, gustoRevoke, gustoToken } from './gusto/oauth';
import { isWebhookSubscriptionPath, webhookSubscriptionsApi } from './gusto/webhooks';
import { html, json, text, xml } from './http';
import type { SandboxApp, SandboxResponse } from './types';
import { rateLimited, XPM_API_PREFIX, xpmApi } from './xpm/api';
import { deleteConnection, listConnections } from './xpm/connections';
import { xpmAuthorizeGet, xpmAuthorizePost, xpmRevoke, xpmToken, XPM_AUTHORIZE_PATH, XPM_REVOCATION_PATH, XPM_TOKEN_PATH } from './xpm/oauth';
import { xpmWebPage } from './xpm/web';
import { errorResponse } from './xpm/xml';

/** A promise that never settles: the `timeout` fault. The server drops the socket on close. */
const NEVER = new Promise<SandboxResponse>(() => {});

function appOf(path: string): SandboxApp | null {
  if (path.startsWith('/xero/')) return 'xpm';
  if (path.startsWith('/gusto/')) return 'gusto';
  return null;
}

function faultResponse(app: SandboxApp, path: string, fault: Fault): SandboxResponse {
  const isXpmApi = path.startsWith(XPM_API_PREFIX);
  if (fault.kind === 'rate_limit') {
    if (app === 'xpm') return rateLimited(fault.problem, fault.retryAfterSeconds, fault.problem === 'minute' ? 0 : 1, fault.problem === 'day' ? 0 : 1);
    return gustoError(429, 'rate_limit_exceeded', 'Too many requests. Try again later.', 'base', { 'retry-after': String(fault.retryAfterSeconds) });
  }
  // server_error
  if (isXpmApi) return xml(500, errorResponse('Error', 'An unexpected error occurred.'));
  if (app === 'gusto' && path.startsWith('/gusto/v1/')) return gustoError(500, 'internal_error', 'An internal error occurred. Please try again later.');
  return json(500, { error: 'server_error' });
}

async function dispatch(ctx: RequestContext, app: SandboxApp | null, delayMs: number): Promise<SandboxResponse> {
  const { method, path } = ctx;
  if (path.startsWith(XPM_API_PREFIX)) return xpmApi(ctx, delayMs);
  // Subscriptions belong to the partner app (system token), not to one company's grant.
  if (isWebhookSubscriptionPath(path)) return webhookSubscriptionsApi(ctx);
  if (path.startsWith('/gusto/v1/')) return gustoApi(ctx, delayMs);
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));

  if (path === XPM_AUTHORIZE_PATH) {
    if (method === 'GET') return xpmAuthorizeGet(ctx);
    if (method === 'POST') return xpmAuthorizePost(ctx);
  }
  if (path === XPM_TOKEN_PATH && method === 'POST') return xpmToken(ctx);
  if (path === XPM_REVOCATION_PATH && method === 'POST') return xpmRevoke(ctx);
  if (path === '/xero/api/connections' && method === 'GET') return listConnections(ctx);
  const conn = /^\/xero\/api\/connections\/([^/]+)$/.exec(path);
  if (conn?.[1] && method === 'DELETE') return deleteConnection(ctx, decodeURIComponent(conn[1]));

  if (path === '/gusto/oauth/authorize') {
    if (method === 'GET') return gustoAuthorizeGet(ctx);
    if (method === 'POST') return gustoAuthorizePost(ctx);
  }
  if (path === '/gusto/oauth/token' && method === 'POST') return gustoToken(ctx);
  if (path === '/gusto/oauth/revoke' && method === 'POST') return gustoRevoke(ctx);

  if (path === '/__sandbox' || path.startsWith('/__sandbox/')) return controls(ctx);
  const web = /^\/xpm-web\/(clients|jobs)\/([^/]+)$/.exec(path);
  if (web?.[1] && web[2] && method === 'GET') return xpmWebPage(ctx, web[1], decodeURIComponent(web[2]));
  if (path === '/health') return json(200, { ok: true });
  if (path === '/' && method === 'GET') {
    return html(
      200,
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Practice Sync sandbox</title></head><body><main><h1>Practice Sync sandbox</h1><p>Stand-ins for Xero Practice Manager (/xero) and Gusto (/gusto). See lib/sandbox/README.md.</p></main></body></html>',
    );
  }
  if (app === 'gusto') return gustoError(404, 'not_found', 'The requested resource was not found.', 'request');
  return text(404, 'Not found');
}

export async function route(ctx: RequestContext): Promise<SandboxResponse> {
  const app = appOf(ctx.path);
  if (app) ctx.state.counters.countRequest(ctx.method, ctx.path);
  const fault = app ? ctx.state.faults.take(app, ctx.path) : null;
  if (fault) ctx.state.counters.faultsServed += 1;
  if (app && fault) {
    if (fault.kind === 'timeout') return NEVER;
    if (fault.kind === 'rate_limit') ctx.state.counters.rateLimited[app] += 1;
    if (fault.kind === 'rate_limit' || fault.kind === 'server_error') return faultResponse(app, ctx.path, fault);
  }
  const res = await dispatch(ctx, app, fault?.kind === 'slow' ? fault.delayMs : 0);
  if (fault?.kind === 'malformed') return { ...res, body: truncateBody(res.body) };
  return res;
}
