/**
 * The practicemanager/3.1 pipeline: Accept check, bearer and tenant checks, the per-tenant rate
 * limits (with X-MinLimit-Remaining / X-DayLimit-Remaining on every admitted or refused call),
 * then the endpoint. An injected `slow` delay runs inside the admitted slot, so slow calls hold
 * concurrency exactly as slow real calls do.
 */
import type { RequestContext } from '../context';
import { json, xml } from '../http';
import type { XpmTenant } from '../model';
import type { SandboxResponse } from '../types';
import { acceptsXml, checkXpmTenant, notAcceptable } from './auth';
import * as clients from './clients-api';
import * as contacts from './contacts-api';
import * as jobs from './jobs-api';
import { errorResponse } from './xml';

export const XPM_API_PREFIX = '/xero/api/practicemanager/3.1/';

interface Route {
  method: string;
  pattern: RegExp;
  write: boolean;
  handle: (ctx: RequestContext, tenant: XpmTenant, param: string) => SandboxResponse | Promise<SandboxResponse>;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^client\.api\/list$/, write: false, handle: (c, t) => clients.list(c, t) },
  { method: 'GET', pattern: /^client\.api\/paged-list$/, write: false, handle: (c, t) => clients.pagedList(c, t) },
  { method: 'GET', pattern: /^client\.api\/search$/, write: false, handle: (c, t) => clients.search(c, t) },
  { method: 'GET', pattern: /^client\.api\/get\/([^/]+)$/, write: false, handle: (c, t, id) => clients.get(c, t, id) },
  { method: 'POST', pattern: /^client\.api\/add$/, write: true, handle: (c, t) => clients.add(c, t) },
  { method: 'PUT', pattern: /^client\.api\/update$/, write: true, handle: (c, t) => clients.update(c, t) },
  { method: 'PUT', pattern: /^client\.api\/archive$/, write: true, handle: (c, t) => clients.archive(c, t) },
  { method: 'POST', pattern: /^client\.api\/delete$/, write: true, handle: (c, t) => clients.remove(c, t) },
  { method: 'GET', pattern: /^client\.api\/contacts$/, write: false, handle: (c, t) => contacts.listContacts(c, t) },
  { method: 'POST', pattern: /^client\.api\/contact$/, write: true, handle: (c, t) => contacts.addContact(c, t) },
  { method: 'GET', pattern: /^client\.api\/contact\/([^/]+)$/, write: false, handle: (c, t, id) => contacts.getContact(c, t, id) },
  { method: 'PUT', pattern: /^client\.api\/contact\/([^/]+)$/, write: true, handle: (c, t, id) => contacts.updateContact(c, t, id) },
  { method: 'DELETE', pattern: /^client\.api\/contact\/([^/]+)$/, write: true, handle: (c, t, id) => contacts.deleteContact(c, t, id) },
  { method: 'POST', pattern: /^job\.api\/add$/, write: true, handle: (c, t) => jobs.addJob(c, t) },
  { method: 'GET', pattern: /^job\.api\/client\/([^/]+)$/, write: false, handle: (c, t, id) => jobs.clientJobs(c, t, id) },
];

function matchRoute(method: string, sub: string): { route: Route; param: string } | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(sub);
    if (m) return { route, param: decodeURIComponent(m[1] ?? '') };
  }
  return null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function xpmApi(ctx: RequestContext, delayMs: number): Promise<SandboxResponse> {
  const sub = ctx.path.slice(XPM_API_PREFIX.length);
  if (!acceptsXml(ctx)) return notAcceptable();
  const matched = matchRoute(ctx.method, sub);
  const auth = checkXpmTenant(ctx, matched?.route.write ?? false);
  if (!auth.ok) return auth.response;
  const tenant = ctx.state.tenants.get(auth.tenantId);
  if (!tenant) return json(403, { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthorizationUnsuccessful' });

  const admission = ctx.state.xpmLimiter.admit(tenant.id, ctx.state.now());
  if (!admission.ok) {
    ctx.state.counters.rateLimited.xpm += 1;
    return rateLimited(admission.problem, admission.retryAfterSeconds, admission.minuteRemaining, admission.dayRemaining);
  }
  try {
    if (delayMs > 0) await sleep(delayMs);
    const res = matched ? await matched.route.handle(ctx, tenant, matched.param) : xml(404, errorResponse('Unknown', `No such endpoint: ${ctx.method} ${sub}`));
    res.headers['x-minlimit-remaining'] = String(admission.minuteRemaining);
    res.headers['x-daylimit-remaining'] = String(admission.dayRemaining);
    return res;
  } finally {
    admission.release();
  }
}

export function rateLimited(problem: 'minute' | 'day' | 'concurrent', retryAfterSeconds: number, minuteRemaining: number, dayRemaining: number): SandboxResponse {
  return json(
    429,
    { Type: null, Title: 'Too Many Requests', Status: 429, Detail: `Rate limit exceeded: ${problem}` },
    {
      'retry-after': String(retryAfterSeconds),
      'x-rate-limit-problem': problem,
      'x-minlimit-remaining': String(minuteRemaining),
      'x-daylimit-remaining': String(dayRemaining),
    },
  );
}
