import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db';
import { clientLinks, clients, connectionGrants, connections, proposals, workflowDeployments, type DeploymentCandidate, type DeploymentChoiceReason } from '@/db/schema';
import { systemActor, type Actor } from '@/lib/commands/actor';
import { loadClientsForSync } from '@/lib/commands/client-sync-batch';
import { linkClient } from '@/lib/commands/clients';
import {
  claimDeployment,
  type ClaimedDeployment,
  failDeployment,
  finishDeployment,
  recordDeploymentClient,
  recordDeploymentStep,
  releaseDeployment,
  waitForDeploymentChoice,
} from '@/lib/commands/deployments';
import { directoryRow, upsertDirectory } from '@/lib/integrations/directory-upsert';
import { describeErrorForLog, describeErrorForPeople } from '@/lib/log-safe-error';
import { isProviderError, ProviderError } from '@/lib/providers/errors';
import type { XpmClient } from '@/lib/providers/xpm';
import type { CanonicalClient } from '../canonical-client';
import { normalizeName } from '../matching';
import { decideXpmClient, type XpmCandidate } from './xpm-client-decision';
import { proposalJobMarker, xpmJobFor, xpmNewClientFrom } from './new-xpm-client';
import { choiceReasonText } from './choice-text';

/**
 * Deploys an accepted proposal's workflow to XPM (issue 11; DESIGN §2 "Proposal"), as a job,
 * never inside the acceptance. Steps, each recorded when it completes, so a deployment taken
 * up again (a retry, a crash, a stopping server) continues after the last one:
 *
 * 1. The XPM client. Already linked → that one. Otherwise an admin's choice, or matching by
 *    normalised name against the directory AND a live `client.api/search` (the directory may
 *    be minutes old): one free match → link it (a prospect becomes a client); several, or
 *    one linked to another client here → wait for an admin; none → `client.api/add`, link.
 *    A crash after XPM created the client but before the link committed is safe: the retry's
 *    live search finds the new client by its exact name and links it.
 * 2. The job. XPM's jobs of the client are read first; one carrying this proposal's marker
 *    (its description names the proposal) is the job, so a lost answer never makes a second.
 *
 * Nothing here holds a transaction open across a call to XPM.
 */
export interface DeploymentDeps {
  /** The practice's XPM client (lib/integrations/grant-clients); throws reauth_required when not connected. */
  xpmFor: (db: Database, practiceId: string) => Promise<XpmClient>;
  now?: () => Date;
}

export type DeploymentOutcome = 'succeeded' | 'failed' | 'needs_choice' | 'released' | 'not_claimed';

interface Context {
  proposal: { id: string; title: string; acceptedAt: Date };
  /** With its numbers: a same-name XPM client with another one is not linked without an admin. */
  client: { id: string; name: string; taxNumber: string | null; businessNumber: string | null };
  syncData: 'everything' | 'client_name' | 'nothing';
  /** The XPM grant, so directory rows written here stay the grant's (as the refresh writes them). */
  grantId: string | null;
}

export async function executeDeployment(db: Database, deploymentId: string, deps: DeploymentDeps, signal?: AbortSignal): Promise<DeploymentOutcome> {
  const now = deps.now ?? (() => new Date());
  const deployment = await db.transaction((tx) => claimDeployment(tx, deploymentId, now()));
  if (!deployment) return 'not_claimed';
  const actor = systemActor(deployment.practiceId, 'workflow');
  try {
    const context = await loadContext(db, deployment);
    const xpm = await deps.xpmFor(db, deployment.practiceId);

    let target = deployment.externalClientId ? { uuid: deployment.externalClientId, name: deployment.externalClientName ?? context.client.name } : null;
    if (!target) {
      const settled = await settleXpmClient(db, actor, deployment, context, xpm);
      if (settled === 'waiting') return 'needs_choice';
      target = settled;
    }
    if (signal?.aborted) return await release(db, deployment);

    const job = await findOrCreateJob(db, deployment, context, xpm, target);
    await db.transaction((tx) => finishDeployment(tx, deployment, job));
    return 'succeeded';
  } catch (error) {
    if (signal?.aborted) return await release(db, deployment);
    const message = failureMessage(error);
    if (!isProviderError(error)) console.error(`[deploy] deployment ${deployment.id} failed: ${describeErrorForLog(error)}`);
    await db.transaction(async (tx) => {
      await recordDeploymentStep(tx, deployment, 'failed', message, describeErrorForPeople(error));
      await failDeployment(tx, deployment, message, describeErrorForPeople(error));
    });
    return 'failed';
  }
}

async function release(db: Database, deployment: ClaimedDeployment): Promise<'released'> {
  await db.transaction((tx) => releaseDeployment(tx, deployment));
  return 'released';
}

async function loadContext(db: Database, deployment: ClaimedDeployment): Promise<Context> {
  const [row] = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      acceptedAt: proposals.acceptedAt,
      clientId: clients.id,
      clientName: clients.name,
      // The whole number when known here, else XPM's masked form (compared on its visible digits).
      taxNumber: sql<string | null>`coalesce(${clients.taxNumber}, ${clients.taxNumberMasked})`,
      businessNumber: clients.businessNumber,
    })
    .from(proposals)
    .innerJoin(clients, and(eq(clients.practiceId, proposals.practiceId), eq(clients.id, proposals.clientId)))
    .where(and(eq(proposals.practiceId, deployment.practiceId), eq(proposals.id, deployment.proposalId)));
  if (!row || !row.acceptedAt) throw new Error('the proposal is not accepted, or has no client');
  const [connection] = await db
    .select({ syncData: connections.syncData, grantId: connectionGrants.id })
    .from(connections)
    .leftJoin(connectionGrants, and(eq(connectionGrants.practiceId, connections.practiceId), eq(connectionGrants.connectionId, connections.id)))
    .where(and(eq(connections.practiceId, deployment.practiceId), eq(connections.app, 'xpm')))
    .limit(1);
  return {
    proposal: { id: row.id, title: row.title, acceptedAt: row.acceptedAt },
    client: { id: row.clientId, name: row.clientName, taxNumber: row.taxNumber, businessNumber: row.businessNumber },
    syncData: connection?.syncData ?? 'client_name',
    grantId: connection?.grantId ?? null,
  };
}

type Settled = { uuid: string; name: string; webUrl: string | null } | 'waiting';

async function settleXpmClient(db: Database, actor: Actor, deployment: ClaimedDeployment, context: Context, xpm: XpmClient): Promise<Settled> {
  const linked = await linkedXpmClient(db, deployment.practiceId, context.client.id);
  if (linked) {
    const record = await readXpmClient(xpm, linked);
    await db.transaction(async (tx) => {
      await upsertDirectory(tx, [directoryRow(deployment.practiceId, context.grantId, record)]);
      await recordDeploymentClient(tx, deployment, { uuid: record.externalId, name: record.name, webUrl: record.webUrl ?? null });
      await recordDeploymentStep(tx, deployment, 'linked', `Used XPM client “${record.name}”, already linked to this client.`);
    });
    if (record.isProspect) await makeClient(db, deployment, context, xpm, record);
    return { uuid: record.externalId, name: record.name, webUrl: record.webUrl ?? null };
  }

  const chosen = deployment.chosenExternalId;
  if (chosen === 'create') return create(db, actor, deployment, context, xpm);
  if (chosen) {
    const record = await readXpmClient(xpm, chosen);
    return link(db, actor, deployment, context, xpm, record, `Linked XPM client “${record.name}”, as chosen by an admin.`);
  }

  const decision = decideXpmClient(
    context.client,
    await directoryCandidates(db, deployment.practiceId, context.client.name),
    await liveCandidates(db, deployment.practiceId, xpm, context.client.name),
  );
  if (decision.kind === 'create') return create(db, actor, deployment, context, xpm);
  if (decision.kind === 'link') {
    const record = await readXpmClient(xpm, decision.candidate.uuid);
    return link(db, actor, deployment, context, xpm, record, `Matched XPM client “${record.name}” and linked it.`);
  }
  const candidates = await describeCandidates(db, deployment.practiceId, decision.candidates, decision.reason);
  // The same words as the proposal page's panel (choice-text.ts), so the step and the panel agree.
  const why = choiceReasonText(decision.reason, candidates.length);
  await db.transaction(async (tx) => {
    await recordDeploymentStep(tx, deployment, 'waiting', `${why} An admin chooses which XPM client this is (or creates a new one); the deployment then continues.`);
    await waitForDeploymentChoice(tx, deployment, decision.reason, candidates);
  });
  return 'waiting';
}

async function link(db: Database, actor: Actor, deployment: ClaimedDeployment, context: Context, xpm: XpmClient, record: CanonicalClient, message: string): Promise<Settled> {
  if (record.archived) {
    throw new ProviderError({ kind: 'validation', provider: 'xpm', message: `XPM client “${record.name}” is archived in XPM, so the workflow was not deployed to it.` });
  }
  await db.transaction(async (tx) => {
    await upsertDirectory(tx, [directoryRow(deployment.practiceId, context.grantId, record)]);
    const linkedNow = await linkClient(tx, actor, { app: 'xpm', externalId: record.externalId, clientId: context.client.id, lastSyncedHash: null });
    if (!linkedNow) await assertLinkedToThisClient(tx, deployment.practiceId, record.externalId, context.client.id);
    await recordDeploymentClient(tx, deployment, { uuid: record.externalId, name: record.name, webUrl: record.webUrl ?? null });
    await recordDeploymentStep(tx, deployment, 'matched', message);
  });
  if (record.isProspect) await makeClient(db, deployment, context, xpm, record);
  return { uuid: record.externalId, name: record.name, webUrl: record.webUrl ?? null };
}

async function create(db: Database, actor: Actor, deployment: ClaimedDeployment, context: Context, xpm: XpmClient): Promise<Settled> {
  const [local] = (await db.transaction((tx) => loadClientsForSync(tx, actor, [context.client.id]))).values();
  if (!local) throw new Error('the proposal’s client vanished');
  const record = await xpm.addClient(xpmNewClientFrom(local, context.syncData));
  await db.transaction(async (tx) => {
    await upsertDirectory(tx, [directoryRow(deployment.practiceId, context.grantId, record)]);
    const linkedNow = await linkClient(tx, actor, { app: 'xpm', externalId: record.externalId, clientId: context.client.id, lastSyncedHash: null });
    if (!linkedNow) await assertLinkedToThisClient(tx, deployment.practiceId, record.externalId, context.client.id);
    await recordDeploymentClient(tx, deployment, { uuid: record.externalId, name: record.name, webUrl: record.webUrl ?? null });
    await recordDeploymentStep(tx, deployment, 'created', `Created “${record.name}” in XPM.`);
  });
  return { uuid: record.externalId, name: record.name, webUrl: record.webUrl ?? null };
}

/** Accepting a first proposal means the practice won the client: XPM's prospect becomes a client. */
async function makeClient(db: Database, deployment: ClaimedDeployment, context: Context, xpm: XpmClient, record: CanonicalClient): Promise<void> {
  const after = await xpm.updateClient(record.externalId, { isProspect: false }, { syncData: 'everything' });
  await db.transaction(async (tx) => {
    await upsertDirectory(tx, [directoryRow(deployment.practiceId, context.grantId, after)]);
    await recordDeploymentStep(tx, deployment, 'made_client', `“${record.name}” was a prospect in XPM; it is now a client.`);
  });
}

async function findOrCreateJob(db: Database, deployment: ClaimedDeployment, context: Context, xpm: XpmClient, target: { uuid: string; name: string }) {
  if (deployment.externalJobNumber) return { number: deployment.externalJobNumber, uuid: null, webUrl: null };
  const marker = proposalJobMarker(context.proposal.id);
  const existing = (await xpm.listClientJobs(target.uuid)).find((job) => job.description?.includes(marker));
  if (existing) {
    await db.transaction((tx) => recordDeploymentStep(tx, deployment, 'job_found', `Found job ${existing.id} for this proposal already in XPM.`));
    return { number: existing.id, uuid: existing.uuid, webUrl: existing.webUrl };
  }
  const job = await xpm.addJob(xpmJobFor({ ...context.proposal, clientName: context.client.name }, target.uuid));
  await db.transaction((tx) => recordDeploymentStep(tx, deployment, 'job_created', `Created job ${job.id} in XPM.`));
  return { number: job.id, uuid: job.uuid, webUrl: job.webUrl };
}

async function readXpmClient(xpm: XpmClient, uuid: string): Promise<CanonicalClient> {
  const result = await xpm.getClient(uuid);
  if (result.ok) return result.record;
  throw new ProviderError({ kind: 'malformed', provider: 'xpm', message: `XPM's client record could not be read: ${result.error}` });
}

async function linkedXpmClient(db: Database, practiceId: string, clientId: string): Promise<string | null> {
  const [row] = await db
    .select({ externalId: clientLinks.externalId })
    .from(clientLinks)
    .where(and(eq(clientLinks.practiceId, practiceId), eq(clientLinks.clientId, clientId), eq(clientLinks.app, 'xpm')));
  return row?.externalId ?? null;
}

/** The record was linked meanwhile: to this client is fine (a retry); to another is a person's call. */
async function assertLinkedToThisClient(db: Database, practiceId: string, externalId: string, clientId: string): Promise<void> {
  const [row] = await db
    .select({ clientId: clientLinks.clientId })
    .from(clientLinks)
    .where(and(eq(clientLinks.practiceId, practiceId), eq(clientLinks.app, 'xpm'), eq(clientLinks.externalId, externalId)));
  if (row?.clientId === clientId) return;
  throw new ProviderError({
    kind: 'validation',
    provider: 'xpm',
    message: 'This client or the XPM client was linked to another record while the workflow was being deployed. Check the client’s links, then retry.',
  });
}

/** Same-name XPM clients in the directory, with the client here each is linked to. */
async function directoryCandidates(db: Database, practiceId: string, name: string): Promise<XpmCandidate[]> {
  const rows = await queryRows<{
    external_id: string;
    name: string;
    is_prospect: boolean;
    archived: boolean;
    client_id: string | null;
    email: string | null;
    city: string | null;
    tax_number: string | null;
    business_number: string | null;
  }>(
    db,
    sql`select d.external_id, d.name, d.is_prospect, d.archived, l.client_id, d.email, d.city, d.tax_number, d.business_number
        from directory_records d
        left join client_links l on l.practice_id = d.practice_id and l.app = d.app and l.external_id = d.external_id
        where d.practice_id = ${practiceId} and d.app = 'xpm' and d.normalized_name = ${normalizeName(name)}`,
  );
  return rows.map((r) => ({
    uuid: r.external_id,
    name: r.name,
    isProspect: r.is_prospect,
    archived: r.archived,
    linkedClientId: r.client_id,
    email: r.email,
    city: r.city,
    taxNumber: r.tax_number,
    businessNumber: r.business_number,
  }));
}

/** XPM's own answer right now: the directory may be minutes old. Links come from here. */
async function liveCandidates(db: Database, practiceId: string, xpm: XpmClient, name: string): Promise<XpmCandidate[]> {
  const found = (await xpm.searchClients(name)).flatMap((r) => (r.ok ? [r.record] : []));
  if (found.length === 0) return [];
  const links = await db
    .select({ externalId: clientLinks.externalId, clientId: clientLinks.clientId })
    .from(clientLinks)
    .where(
      and(
        eq(clientLinks.practiceId, practiceId),
        eq(clientLinks.app, 'xpm'),
        inArray(
          clientLinks.externalId,
          found.map((r) => r.externalId),
        ),
      ),
    );
  const linkOf = new Map(links.map((l) => [l.externalId.toLowerCase(), l.clientId]));
  return found.map((r) => ({
    uuid: r.externalId,
    name: r.name,
    isProspect: r.isProspect,
    archived: r.archived,
    linkedClientId: linkOf.get(r.externalId.toLowerCase()) ?? null,
    email: r.email ?? r.contacts.find((c) => c.email)?.email ?? null,
    city: r.streetAddress?.city ?? r.postalAddress?.city ?? null,
    taxNumber: r.taxNumber,
    businessNumber: r.businessNumber,
  }));
}

/** What the admin sees for each candidate: the name, whether it is a prospect, and which client here holds it. */
async function describeCandidates(db: Database, practiceId: string, candidates: XpmCandidate[], reason: DeploymentChoiceReason): Promise<DeploymentCandidate[]> {
  const ids = candidates.flatMap((c) => (c.linkedClientId ? [c.linkedClientId] : []));
  const names = ids.length
    ? await db
        .select({ id: clients.id, name: clients.name })
        .from(clients)
        .where(and(eq(clients.practiceId, practiceId), inArray(clients.id, ids)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return candidates.map((c) => ({
    uuid: c.uuid,
    name: c.name,
    isProspect: c.isProspect,
    email: c.email ?? null,
    city: c.city ?? null,
    linkedClientName: c.linkedClientId ? (nameOf.get(c.linkedClientId) ?? 'another client') : null,
    differingNumber: reason === 'tax_number_differs' ? (c.taxNumber ?? null) : reason === 'business_number_differs' ? (c.businessNumber ?? null) : null,
  }));
}

/** In words for the proposal page: what happened and what to do. Provider messages are already plain. */
function failureMessage(error: unknown): string {
  if (isProviderError(error)) {
    if (error.kind === 'rate_limited') return `XPM asked us to slow down (its rate limit), so the workflow was not deployed yet. Retry in a minute.`;
    return `The workflow was not deployed: ${error.message}`;
  }
  return 'The workflow was not deployed because of an unexpected error. Retry deployment; if it fails again, contact support.';
}

/** Deployments whose job may be gone: queued ones, and running ones whose worker went quiet. */
export async function strandedDeployments(db: Database, now: Date, staleMs: number): Promise<{ id: string; practiceId: string; clientId: string }[]> {
  const staleBefore = new Date(now.getTime() - staleMs).toISOString();
  return db
    .select({ id: workflowDeployments.id, practiceId: workflowDeployments.practiceId, clientId: workflowDeployments.clientId })
    .from(workflowDeployments)
    .where(
      sql`${workflowDeployments.status} = 'queued' or (${workflowDeployments.status} = 'running' and coalesce(${workflowDeployments.heartbeatAt}, ${workflowDeployments.createdAt}) < ${staleBefore})`,
    )
    .orderBy(workflowDeployments.createdAt);
}
