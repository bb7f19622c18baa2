/**
 * Test controls under /__sandbox/, answered only in test mode (404 otherwise, so a demo or a
 * production-like run cannot be steered). JSON in, JSON out. See README.md for the list.
 */
import { z } from 'zod';
import type { RequestContext } from './context';
import { faultInput } from './faults';
import { xpmTokenResponse } from './xpm/oauth';
import { gustoTokenResponse, GUSTO_SCOPE } from './gusto/oauth';
import { json } from './http';
import type { GustoCompany, MalformedMode, XpmClient, XpmTenant } from './model';
import { XPM_TENANT_ID } from './seed';
import type { SandboxResponse } from './types';

const appSchema = z.enum(['xpm', 'gusto']);
const malformedModes = ['missing-name', 'missing-uuid', 'bad-values'] as const;

const resetInput = z.object({ keepGrants: z.boolean().default(false) });
const expireInput = z.object({ app: z.enum(['xpm', 'gusto', 'any']).default('any') });
const revokeInput = z.object({
  app: appSchema,
  grantId: z.string().optional(),
  tenantId: z.string().optional(),
  companyUuid: z.string().optional(),
});
const tokenInput = z.discriminatedUnion('app', [
  z.object({ app: z.literal('xpm'), tenantId: z.string().default(XPM_TENANT_ID), scope: z.string().default('openid profile email practicemanager offline_access') }),
  z.object({ app: z.literal('gusto'), companyUuid: z.string().optional() }),
]);
const malformedInput = z.object({
  app: appSchema,
  id: z.string().optional(),
  tenantId: z.string().default(XPM_TENANT_ID),
  mode: z.enum(malformedModes).default('missing-name'),
});
const xpmChangeFields = z
  .object({
    name: z.string().min(1),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    // Stored whole, as XPM does; every response masks it.
    taxNumber: z.string().nullable(),
    businessStructure: z.string().nullable(),
    isArchived: z.boolean(),
    isDeleted: z.boolean(),
    isProspect: z.boolean(),
  })
  .partial();
const gustoChangeFields = z
  .object({
    name: z.string().min(1),
    trade_name: z.string().nullable(),
    ein: z.string(),
    is_suspended: z.boolean(),
    company_status: z.enum(['Approved', 'Not Approved', 'Suspended']),
  })
  .partial();
const changeInput = z.object({
  app: appSchema,
  id: z.string().optional(),
  tenantId: z.string().default(XPM_TENANT_ID),
  /** Omitted: the record is renamed by appending " (renamed)". */
  fields: z.record(z.string(), z.unknown()).optional(),
});
const clockInput = z.object({ advanceMs: z.number().int().min(0) });
const gustoEventInput = z.union([
  z.object({ replay: z.string().min(1) }),
  z.object({
    companyUuid: z.string().optional(),
    event_type: z.string().min(1).default('company.updated'),
    entity: z.object({ type: z.string().min(1), uuid: z.string().min(1) }).optional(),
  }),
]);
const webhookRetryInput = z.object({ delaysMs: z.array(z.number().int().min(0).max(60_000)).max(10), timeoutMs: z.number().int().min(100).max(60_000).default(5_000) });
const limitsInput = z
  .object({ xpmConcurrent: z.number().int().min(1), xpmPerMinute: z.number().int().min(1), xpmPerDay: z.number().int().min(1), gustoPerMinute: z.number().int().min(1) })
  .partial();

async function input<T extends z.ZodType>(ctx: RequestContext, schema: T): Promise<{ ok: true; value: z.output<T> } | { ok: false; response: SandboxResponse }> {
  const raw = await ctx.body();
  let value: unknown = {};
  if (raw.trim()) {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, response: json(400, { error: 'Body must be JSON' }) };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, response: json(400, { error: 'Invalid input', issues: parsed.error.issues }) };
  return { ok: true, value: parsed.data };
}

/** The first live client by seed order: a stable default target for "change a record". */
function defaultClient(tenant: XpmTenant): XpmClient | undefined {
  let best: XpmClient | undefined;
  for (const c of tenant.clients.values()) if (!c.isArchived && !c.isDeleted && (!best || c.seq < best.seq)) best = c;
  return best;
}

function xpmSummary(c: XpmClient) {
  return {
    app: 'xpm',
    id: c.uuid,
    name: c.name,
    isArchived: c.isArchived,
    isDeleted: c.isDeleted,
    isProspect: c.isProspect,
    businessNumber: c.businessNumber,
    modifiedAt: new Date(c.modifiedAt).toISOString(),
    malformed: c.malformed,
  };
}

function gustoSummary(c: GustoCompany) {
  return {
    app: 'gusto',
    id: c.uuid,
    name: c.name,
    trade_name: c.trade_name,
    company_status: c.company_status,
    updatedAt: new Date(c.updatedAt).toISOString(),
    malformed: c.malformed,
  };
}

function findXpm(ctx: RequestContext, tenantId: string, id: string | undefined): XpmClient | SandboxResponse {
  const tenant = ctx.state.tenants.get(tenantId);
  if (!tenant) return json(404, { error: `No tenant ${tenantId}` });
  const client = id ? tenant.clients.get(id) : defaultClient(tenant);
  return client ?? json(404, { error: `No XPM client ${id ?? ''}` });
}

function findGusto(ctx: RequestContext, id: string | undefined): GustoCompany | SandboxResponse {
  const company = ctx.state.companies.get(id ?? ctx.state.companyOrder[0] ?? '');
  return company ?? json(404, { error: `No Gusto company ${id ?? ''}` });
}

const isResponse = (v: unknown): v is SandboxResponse => typeof v === 'object' && v !== null && 'status' in v && 'body' in v && 'headers' in v;

export async function controls(ctx: RequestContext): Promise<SandboxResponse> {
  const state = ctx.state;
  if (!state.testMode) return json(404, { error: 'Not found' });
  const route = `${ctx.method} ${ctx.path.replace(/\/+$/, '')}`;
  const q = ctx.url.searchParams;

  switch (route) {
    case 'GET /__sandbox':
      return json(200, {
        now: new Date(state.now()).toISOString(),
        seededAt: new Date(state.seededAt).toISOString(),
        limits: state.limits,
        tenants: [...state.tenants.values()].map((t) => ({ id: t.id, name: t.name, clients: t.clients.size })),
        companies: state.companyOrder
          .map((id) => state.companies.get(id))
          .flatMap((c) => (c ? [{ uuid: c.uuid, name: c.name, locations: c.locations.length, admins: c.admins.length }] : [])),
        overlaps: state.overlaps,
      });

    case 'POST /__sandbox/reset': {
      const body = await input(ctx, resetInput);
      if (!body.ok) return body.response;
      state.reset({ keepGrants: body.value.keepGrants });
      return json(200, { ok: true, seededAt: new Date(state.seededAt).toISOString() });
    }

    case 'GET /__sandbox/faults':
      return json(200, state.faults.list());
    case 'POST /__sandbox/faults': {
      const body = await input(ctx, faultInput);
      if (!body.ok) return body.response;
      return json(201, state.faults.add(body.value));
    }
    case 'DELETE /__sandbox/faults':
      state.faults.clear();
      return json(200, { ok: true });

    case 'POST /__sandbox/tokens/expire': {
      const body = await input(ctx, expireInput);
      if (!body.ok) return body.response;
      let expired = 0;
      if (body.value.app !== 'gusto') expired += state.xpmOAuth.expireAllAccessTokens();
      if (body.value.app !== 'xpm') expired += state.gustoOAuth.expireAllAccessTokens();
      return json(200, { expired });
    }

    case 'GET /__sandbox/grants':
      return json(200, {
        xpm: [...state.xpmOAuth.grants.values()].map((g) => ({
          id: g.id,
          revoked: g.revoked,
          scope: g.scope,
          tenants: g.data.connections.map((c) => c.tenantId),
          connections: g.data.connections,
        })),
        gusto: [...state.gustoOAuth.grants.values()].map((g) => ({ id: g.id, revoked: g.revoked, scope: g.scope, companyUuid: g.data.companyUuid })),
      });

    case 'GET /__sandbox/tokens/issued':
      return json(200, { xpm: state.xpmOAuth.issuedTokens(), gusto: [...state.gustoOAuth.issuedTokens(), ...state.gustoWebhooks.issuedSystemTokens] });

    case 'POST /__sandbox/grants/revoke': {
      const body = await input(ctx, revokeInput);
      if (!body.ok) return body.response;
      const { app, grantId, tenantId, companyUuid } = body.value;
      let revoked = 0;
      if (app === 'xpm') {
        for (const g of state.xpmOAuth.activeGrants()) {
          if ((grantId && g.id !== grantId) || (tenantId && !g.data.connections.some((c) => c.tenantId === tenantId))) continue;
          if (state.xpmOAuth.revokeGrant(g.id)) revoked += 1;
        }
      } else {
        for (const g of state.gustoOAuth.activeGrants()) {
          if ((grantId && g.id !== grantId) || (companyUuid && g.data.companyUuid !== companyUuid)) continue;
          if (state.gustoOAuth.revokeGrant(g.id)) revoked += 1;
        }
      }
      return json(200, { revoked });
    }

    case 'POST /__sandbox/tokens': {
      const body = await input(ctx, tokenInput);
      if (!body.ok) return body.response;
      if (body.value.app === 'xpm') {
        if (!state.tenants.has(body.value.tenantId)) return json(404, { error: `No tenant ${body.value.tenantId}` });
        const grant = state.xpmOAuth.createGrant(state.xpmCredentials.clientId, body.value.scope, state.xpmGrantData([body.value.tenantId]));
        return json(200, { ...xpmTokenResponse(ctx, grant), tenantId: body.value.tenantId, grantId: grant.id });
      }
      const company = findGusto(ctx, body.value.companyUuid);
      if (isResponse(company)) return company;
      const grant = state.gustoOAuth.createGrant(state.gustoCredentials.clientId, GUSTO_SCOPE, { companyUuid: company.uuid, adminUuid: company.admins[0]?.uuid ?? company.uuid });
      return json(200, { ...gustoTokenResponse(ctx, grant), companyUuid: company.uuid, grantId: grant.id });
    }

    case 'POST /__sandbox/records/malformed': {
      const body = await input(ctx, malformedInput);
      if (!body.ok) return body.response;
      const mode: MalformedMode = body.value.mode;
      if (body.value.app === 'xpm') {
        const client = findXpm(ctx, body.value.tenantId, body.value.id);
        if (isResponse(client)) return client;
        client.malformed = mode;
        client.modifiedAt = state.now();
        return json(200, xpmSummary(client));
      }
      const company = findGusto(ctx, body.value.id);
      if (isResponse(company)) return company;
      company.malformed = mode;
      company.updatedAt = state.now();
      return json(200, gustoSummary(company));
    }

    case 'POST /__sandbox/records/change': {
      const body = await input(ctx, changeInput);
      if (!body.ok) return body.response;
      if (body.value.app === 'xpm') {
        const client = findXpm(ctx, body.value.tenantId, body.value.id);
        if (isResponse(client)) return client;
        const fields = xpmChangeFields.safeParse(body.value.fields ?? { name: `${client.name} (renamed)` });
        if (!fields.success) return json(400, { error: 'Invalid fields', issues: fields.error.issues });
        Object.assign(client, fields.data);
        client.modifiedAt = state.now();
        return json(200, xpmSummary(client));
      }
      const company = findGusto(ctx, body.value.id);
      if (isResponse(company)) return company;
      const fields = gustoChangeFields.safeParse(body.value.fields ?? { name: `${company.name} (renamed)` });
      if (!fields.success) return json(400, { error: 'Invalid fields', issues: fields.error.issues });
      Object.assign(company, fields.data);
      company.updatedAt = state.now();
      // Gusto tells subscribers that the company changed (a thin event: fetch to see what).
      state.gustoWebhooks.emit('company.updated', company.uuid);
      return json(200, gustoSummary(company));
    }

    case 'POST /__sandbox/gusto/events': {
      const body = await input(ctx, gustoEventInput);
      if (!body.ok) return body.response;
      if ('replay' in body.value) {
        const replayed = state.gustoWebhooks.replay(body.value.replay);
        return replayed ? json(200, replayed) : json(404, { error: 'No such event' });
      }
      const company = findGusto(ctx, body.value.companyUuid);
      if (isResponse(company)) return company;
      return json(200, state.gustoWebhooks.emit(body.value.event_type, company.uuid, body.value.entity));
    }

    case 'GET /__sandbox/gusto/webhooks':
      await (q.get('settle') === '1' ? state.gustoWebhooks.settle() : Promise.resolve());
      return json(200, {
        subscriptions: [...state.gustoWebhooks.subscriptions.values()].map((s) => ({ uuid: s.uuid, url: s.url, status: s.status, subscriptionTypes: s.subscriptionTypes })),
        deliveries: state.gustoWebhooks.deliveries,
      });

    case 'POST /__sandbox/gusto/webhooks/retry': {
      const body = await input(ctx, webhookRetryInput);
      if (!body.ok) return body.response;
      state.gustoWebhooks.retry = body.value;
      return json(200, body.value);
    }

    case 'GET /__sandbox/xpm/clients': {
      const tenant = state.tenants.get(q.get('tenantId') ?? XPM_TENANT_ID);
      if (!tenant) return json(404, { error: 'No such tenant' });
      const query = (q.get('query') ?? '').toLowerCase();
      const limit = Math.min(5000, Number(q.get('limit') ?? 50) || 50);
      const found = [...tenant.clients.values()].filter((c) => !query || c.name.toLowerCase().includes(query)).sort((a, b) => a.seq - b.seq);
      return json(200, { total: found.length, clients: found.slice(0, limit).map(xpmSummary) });
    }

    case 'GET /__sandbox/xpm/jobs': {
      const tenant = state.tenants.get(q.get('tenantId') ?? XPM_TENANT_ID);
      if (!tenant) return json(404, { error: 'No such tenant' });
      const clientUuid = q.get('clientUuid');
      const jobs = [...tenant.jobs.values()].filter((j) => !clientUuid || j.clientUuid === clientUuid);
      return json(200, { total: jobs.length, jobs });
    }

    case 'GET /__sandbox/gusto/companies':
      return json(
        200,
        state.companyOrder.flatMap((id) => {
          const c = state.companies.get(id);
          return c ? [gustoSummary(c)] : [];
        }),
      );

    case 'GET /__sandbox/counters':
      return json(200, state.counters.toJSON());
    case 'POST /__sandbox/counters/reset':
      state.counters.reset();
      return json(200, { ok: true });

    case 'POST /__sandbox/clock': {
      const body = await input(ctx, clockInput);
      if (!body.ok) return body.response;
      state.advanceClock(body.value.advanceMs);
      return json(200, { now: new Date(state.now()).toISOString() });
    }

    case 'POST /__sandbox/limits': {
      const body = await input(ctx, limitsInput);
      if (!body.ok) return body.response;
      state.limits = { ...state.limits, ...body.value };
      return json(200, state.limits);
    }

    default:
      return json(404, { error: `No test control ${route}` });
  }
}
