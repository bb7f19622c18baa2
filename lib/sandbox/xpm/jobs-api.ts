/**
 * XPM `job.api/add` and `job.api/client/{uuid}`. Jobs are kept per tenant; numbers run
 * J000001, J000002… per practice unless the request names one (`<ID>`), which must be unused.
 */
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context';
import type { XpmJob, XpmTenant } from '../model';
import type { SandboxResponse } from '../types';
import { fail, ok, requestBody } from './clients-api';
import { jobXml, textOf } from './xml';

export const jobNumber = (n: number): string => `J${String(n).padStart(6, '0')}`;

/** `YYYYMMDD` (already checked) → `YYYY-MM-DD`. */
const isoDate = (v: string): string => `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;

export async function addJob(ctx: RequestContext, tenant: XpmTenant): Promise<SandboxResponse> {
  const body = await requestBody(ctx, 'Add', 'Job', 'JobAddRequestDto');
  if (!body.ok) return body.response;
  const node = body.node;
  const clientUuid = textOf(node, 'ClientUUID')!;
  const client = tenant.clients.get(clientUuid);
  if (!client || client.isDeleted) return fail('Add', `Client not found: ${clientUuid}`);
  const contactUuid = textOf(node, 'ContactUUID') ?? null;
  if (contactUuid && !client.contacts.some((c) => c.uuid === contactUuid && !c.isDeleted)) return fail('Add', `Contact ${contactUuid} is not a contact of client ${clientUuid}`);
  const startDate = isoDate(textOf(node, 'StartDate')!);
  const dueDate = isoDate(textOf(node, 'DueDate')!);
  if (dueDate < startDate) return fail('Add', 'DueDate must not be before StartDate');
  let id = textOf(node, 'ID');
  if (id) {
    if (tenant.jobs.has(id)) return fail('Add', `Job number ${id} is already in use`);
  } else {
    while (tenant.jobs.has(jobNumber(tenant.nextJobNumber))) tenant.nextJobNumber += 1;
    id = jobNumber(tenant.nextJobNumber);
    tenant.nextJobNumber += 1;
  }
  const budget = textOf(node, 'Budget');
  const job: XpmJob = {
    id,
    uuid: randomUUID(),
    name: textOf(node, 'Name')!,
    description: textOf(node, 'Description')!,
    clientUuid,
    contactUuid,
    clientOrderNumber: textOf(node, 'ClientNumber') ?? null,
    budget: budget ? Number(budget) : null,
    state: 'Planned',
    startDate,
    dueDate,
    createdAt: ctx.state.now(),
  };
  tenant.jobs.set(id, job);
  return ok('Add', jobXml(job, client, ctx.origin));
}

export function clientJobs(ctx: RequestContext, tenant: XpmTenant, clientUuid: string): SandboxResponse {
  const client = tenant.clients.get(clientUuid);
  if (!client) return fail('Client', `Client not found: ${clientUuid}`);
  const jobs = [...tenant.jobs.values()].filter((j) => j.clientUuid === clientUuid);
  return ok('Client', jobs.length === 0 ? '<Jobs />' : `<Jobs>${jobs.map((j) => jobXml(j, client, ctx.origin)).join('')}</Jobs>`);
}
