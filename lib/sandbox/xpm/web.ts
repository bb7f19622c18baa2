import type { RequestContext } from '../context';
import { html } from '../http';
import type { SandboxResponse } from '../types';
import { escapeXml } from './xml';

/**
 * Stand-ins for the pages of XPM's web app that `WebUrl` points at, so the links Practice
 * Sync shows ("the client's XPM record", "job J000123") lead somewhere in the demo: the
 * client's name, flags and jobs; a job's number, name and client. Read-only.
 */
export function xpmWebPage(ctx: RequestContext, kind: string, id: string): SandboxResponse {
  for (const tenant of ctx.state.tenants.values()) {
    if (kind === 'clients') {
      const client = tenant.clients.get(id);
      if (!client) continue;
      const jobs = [...tenant.jobs.values()].filter((j) => j.clientUuid === id);
      const rows = jobs.map((j) => `<li><a href="/xpm-web/jobs/${encodeURIComponent(j.uuid)}">${escapeXml(j.id)}</a> — ${escapeXml(j.name)}</li>`).join('');
      return page(
        client.name,
        `<dl><dt>UUID</dt><dd>${escapeXml(client.uuid)}</dd><dt>Prospect</dt><dd>${client.isProspect ? 'Yes' : 'No'}</dd><dt>Archived</dt><dd>${client.isArchived ? 'Yes' : 'No'}</dd></dl><h2>Jobs</h2>${rows ? `<ul>${rows}</ul>` : '<p>No jobs.</p>'}`,
      );
    }
    const job = [...tenant.jobs.values()].find((j) => j.uuid === id);
    if (kind === 'jobs' && job) {
      const client = tenant.clients.get(job.clientUuid);
      return page(
        `${job.id} ${job.name}`,
        `<p>${escapeXml(job.description)}</p><p>Client: ${client ? `<a href="/xpm-web/clients/${encodeURIComponent(client.uuid)}">${escapeXml(client.name)}</a>` : 'unknown'}</p><p>${escapeXml(job.startDate)} to ${escapeXml(job.dueDate)}, ${escapeXml(job.state)}</p>`,
      );
    }
  }
  return html(404, page('Not found', '<p>XPM has no such record.</p>').body);
}

function page(title: string, body: string): SandboxResponse {
  return html(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)} — XPM (sandbox)</title></head><body><main><p>Xero Practice Manager (sandbox)</p><h1>${escapeXml(title)}</h1>${body}</main></body></html>`,
  );
}
