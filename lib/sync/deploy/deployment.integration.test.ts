import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, connectionGrants, connections, workflowDeployments, workflowDeploymentSteps } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import { chooseDeploymentClient, requeueFailedDeployment } from '@/lib/commands/deployments';
import { createClient } from '@/lib/dal/clients';
import { acceptProposal } from '@/lib/dal/proposals/accept';
import { createProposal } from '@/lib/dal/proposals/save';
import { changeProposalStatus } from '@/lib/dal/proposals/status';
import { connectDirectly } from '@/lib/integrations/testing/direct-connection';
import { setJobQueueForTests } from '@/lib/jobs/process-queue';
import { recordingQueue } from '@/lib/jobs/testing/recording-queue';
import { control } from '@/lib/providers/testing/sandbox-controls';
import type { XpmClient } from '@/lib/providers/xpm';
import { startSandbox } from '@/lib/sandbox/server';
import { clientInputSchema } from '@/lib/validation/client';
import { proposalContentSchema } from '@/lib/validation/proposal';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { proposalJobMarker } from './new-xpm-client';
import { executeDeployment } from './run-deployment';

/**
 * Issue 11 against the running sandbox, on both databases: accepting a proposal whose client
 * exists only here creates the XPM client and a job; a name XPM already has is linked (and a
 * prospect made a client), not created; several same-name XPM clients wait for an admin's
 * choice; concurrent acceptances and runs, and a crash between steps, make exactly one XPM
 * client and one job; a failure is readable and a retry continues from the last step.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
// Both databases' tests share one sandbox tenant and XPM's 60 calls a minute.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-deploy-`);
});
afterAll(() => sandbox?.close());
afterEach(async () => {
  await control(sandbox.url, 'faults', undefined, 'DELETE');
});

interface SandboxJob {
  id: string;
  description: string;
  clientUuid: string;
}
interface SandboxClient {
  id: string;
  name: string;
  isProspect?: boolean;
}

/** A name no other test (or the seed) uses: each test counts XPM clients by it. */
const uniqueName = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

async function xpmClientsNamed(name: string): Promise<SandboxClient[]> {
  const { clients } = await control<{ clients: SandboxClient[] }>(sandbox.url, `xpm/clients?limit=5000&query=${encodeURIComponent(name)}`);
  return clients.filter((c) => c.name === name);
}

async function xpmJobsOf(clientUuid: string): Promise<SandboxJob[]> {
  return (await control<{ jobs: SandboxJob[] }>(sandbox.url, `xpm/jobs?clientUuid=${encodeURIComponent(clientUuid)}`)).jobs;
}

describe.each(testDatabases())('workflow deployment on $name', (target) => {
  let database: OpenDatabase;
  let practice: Awaited<ReturnType<typeof createPracticeMembers>>;
  const recorded = recordingQueue();

  beforeAll(async () => {
    database = await installTestDatabase(target);
    setJobQueueForTests(recorded.queue);
    practice = await createPracticeMembers(database.db, 'Deploy');
    await connectDirectly(database.db, sandbox.url, practice, 'xpm');
    await database.db.update(connections).set({ syncData: 'everything', syncDirection: 'to_app' }).where(eq(connections.practiceId, practice.practiceId));
  });
  afterAll(async () => {
    setJobQueueForTests(null);
    await uninstallTestDatabase(database);
  });

  async function xpm(): Promise<XpmClient> {
    const { practiceXpmClient } = await import('@/lib/integrations/grant-clients');
    return practiceXpmClient(database.db, practice.practiceId);
  }
  const deps = { xpmFor: async () => xpm() };
  const execute = (deploymentId: string) => executeDeployment(database.db, deploymentId, deps);

  /** A client here, a sent proposal for it with one line, accepted by the author: returns the deployment. */
  async function acceptedProposalFor(clientName: string, fields: Record<string, unknown> = {}) {
    const client = await createClient(practice.admin, clientInputSchema.parse({ name: clientName, ...fields }));
    const { id } = await createProposal(
      practice.author,
      proposalContentSchema.parse({
        title: `Annual accounts for ${clientName}`,
        client: { kind: 'client', clientId: client.id },
        lines: [{ description: 'Annual accounts', quantity: '1', unitPrice: '1200' }],
      }),
    );
    const sent = await changeProposalStatus(practice.author, id, 1, 'sent');
    await acceptProposal(practice.author, id, { expectedVersion: sent.version, acceptedBy: 'Jane Citizen' });
    return { clientId: client.id, proposalId: id, deployment: await deploymentOf(id) };
  }

  async function deploymentOf(proposalId: string) {
    const [row] = await database.db.select().from(workflowDeployments).where(eq(workflowDeployments.proposalId, proposalId));
    if (!row) throw new Error('no deployment was recorded');
    return row;
  }
  const stepsOf = async (deploymentId: string) =>
    (await database.db.select().from(workflowDeploymentSteps).where(eq(workflowDeploymentSteps.deploymentId, deploymentId)).orderBy(asc(workflowDeploymentSteps.id))).map(
      (s) => s.kind,
    );
  const linkOf = async (clientId: string) =>
    (
      await database.db
        .select()
        .from(clientLinks)
        .where(and(eq(clientLinks.clientId, clientId), eq(clientLinks.app, 'xpm')))
    )[0] ?? null;

  test('accepting a proposal for a client that exists only here creates it in XPM, links it, and creates one job — once', async () => {
    const name = uniqueName('Bluegum Bakery');
    const { clientId, proposalId, deployment } = await acceptedProposalFor(name, { email: 'hello@bluegum.example', streetCity: 'Hobart' });
    expect(deployment.status).toBe('queued');
    // Enqueued after the acceptance committed, keyed by the client.
    expect(recorded.enqueued.filter((j) => j.name === 'workflow-deploy' && (j.data as { deploymentId: string }).deploymentId === deployment.id)).toHaveLength(1);

    expect(await execute(deployment.id)).toBe('succeeded');
    const [created] = await xpmClientsNamed(name);
    expect(await xpmClientsNamed(name)).toHaveLength(1);
    const jobs = await xpmJobsOf(created!.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.description).toContain(proposalJobMarker(proposalId));
    const done = await deploymentOf(proposalId);
    expect(done).toMatchObject({ status: 'succeeded', externalClientId: created!.id, externalClientName: name, externalJobNumber: jobs[0]!.id });
    expect(await stepsOf(deployment.id)).toEqual(['created', 'job_created']);
    expect((await linkOf(clientId))?.externalId).toBe(created!.id);
    // XPM's own links (WebUrl) to the client's record and the job, for the proposal page.
    const clientPage = await fetch(done.externalClientUrl!);
    expect(clientPage.status).toBe(200);
    expect(await clientPage.text()).toContain(`<h1>${name}</h1>`);
    expect(await (await fetch(done.externalJobUrl!)).text()).toContain(jobs[0]!.id);
    // Everything: the client's details went with it.
    const record = await (await xpm()).getClient(created!.id);
    expect(record.ok && record.record.email).toBe('hello@bluegum.example');

    // Run again (a duplicate job delivery), accept again: nothing more in XPM.
    expect(await execute(deployment.id)).toBe('not_claimed');
    await acceptProposal(practice.author, proposalId, { acceptedBy: 'Jane Citizen' });
    expect(await xpmClientsNamed(name)).toHaveLength(1);
    expect(await xpmJobsOf(created!.id)).toHaveLength(1);
  });

  test('a name XPM already has is linked, not created, and a prospect becomes a client', async () => {
    const name = uniqueName('Wattle Dental');
    const existing = await (await xpm()).addClient({ name: `${name} Pty Ltd`, isProspect: true });
    const { clientId, deployment } = await acceptedProposalFor(name);
    expect(await execute(deployment.id)).toBe('succeeded');
    expect(await xpmClientsNamed(name)).toHaveLength(0); // nothing created under the local spelling
    expect((await linkOf(clientId))?.externalId).toBe(existing.externalId);
    expect(await stepsOf(deployment.id)).toEqual(['matched', 'made_client', 'job_created']);
    const after = await (await xpm()).getClient(existing.externalId);
    expect(after.ok && after.record.isProspect).toBe(false);
    expect(await xpmJobsOf(existing.externalId)).toHaveLength(1);
  });

  test('two acceptances at once, two deliveries of the job at once: one XPM client, one job', async () => {
    const name = uniqueName('Concurrent Co');
    const client = await createClient(practice.admin, clientInputSchema.parse({ name }));
    const { id } = await createProposal(
      practice.author,
      proposalContentSchema.parse({ title: 'Concurrent', client: { kind: 'client', clientId: client.id }, lines: [{ description: 'Tax', quantity: '1', unitPrice: '100' }] }),
    );
    const sent = await changeProposalStatus(practice.author, id, 1, 'sent');
    await Promise.all([
      acceptProposal(practice.author, id, { expectedVersion: sent.version, acceptedBy: 'Jane Citizen' }),
      acceptProposal(practice.admin, id, { expectedVersion: sent.version, acceptedBy: 'Jane Citizen' }),
      acceptProposal(practice.author, id, { acceptedBy: 'Jane Citizen' }),
    ]);
    const rows = await database.db.select().from(workflowDeployments).where(eq(workflowDeployments.proposalId, id));
    expect(rows).toHaveLength(1);
    const outcomes = await Promise.all([execute(rows[0]!.id), execute(rows[0]!.id)]);
    expect(outcomes.sort()).toEqual(['not_claimed', 'succeeded']);
    const [created] = await xpmClientsNamed(name);
    expect(await xpmClientsNamed(name)).toHaveLength(1);
    expect(await xpmJobsOf(created!.id)).toHaveLength(1);
  });

  test('two proposals of one client deployed at once: the second waits, then uses the client the first created', async () => {
    const name = uniqueName('Two Proposals');
    const first = await acceptedProposalFor(name);
    const { id } = await createProposal(
      practice.author,
      proposalContentSchema.parse({
        title: 'Second engagement',
        client: { kind: 'client', clientId: first.clientId },
        lines: [{ description: 'Payroll', quantity: '1', unitPrice: '50' }],
      }),
    );
    const sent = await changeProposalStatus(practice.author, id, 1, 'sent');
    await acceptProposal(practice.author, id, { expectedVersion: sent.version, acceptedBy: 'Jane Citizen' });
    const second = await deploymentOf(id);
    const outcomes = await Promise.all([execute(first.deployment.id), execute(second.id)]);
    expect(outcomes).toContain('succeeded');
    // The one that lost the race is still queued; its turn comes when the first ends.
    for (const d of [first.deployment.id, second.id])
      if ((await database.db.select().from(workflowDeployments).where(eq(workflowDeployments.id, d)))[0]!.status === 'queued') expect(await execute(d)).toBe('succeeded');
    expect(await xpmClientsNamed(name)).toHaveLength(1);
    const [created] = await xpmClientsNamed(name);
    expect(await xpmJobsOf(created!.id)).toHaveLength(2);
  });

  test('a crash after XPM created the client, or after it created the job, resumes without a second of either', async () => {
    // Crash after client.api/add, before the link committed: XPM has the client, we do not know it.
    const name = uniqueName('Crashy Client');
    const { clientId, proposalId, deployment } = await acceptedProposalFor(name);
    const lost = await (await xpm()).addClient({ name });
    // Crash after job.api/add, before it was recorded: XPM has the job with this proposal's marker.
    const lostJob = await (
      await xpm()
    ).addJob({ name: 'Lost answer', description: `Lost. ${proposalJobMarker(proposalId)}`, clientUuid: lost.externalId, startDate: '2026-12-01', dueDate: '2026-12-31' });
    expect(await execute(deployment.id)).toBe('succeeded');
    expect(await xpmClientsNamed(name)).toHaveLength(1);
    expect((await linkOf(clientId))?.externalId).toBe(lost.externalId);
    expect(await xpmJobsOf(lost.externalId)).toHaveLength(1);
    expect((await deploymentOf(proposalId)).externalJobNumber).toBe(lostJob.id);
    expect(await stepsOf(deployment.id)).toEqual(['matched', 'job_found']);
  });

  test('an XPM failure keeps the client step, says what happened, and Retry continues from there', async () => {
    const name = uniqueName('Flaky Job');
    const { proposalId, deployment } = await acceptedProposalFor(name);
    await control(sandbox.url, 'faults', { app: 'xpm', kind: 'server_error', count: 10, pathContains: 'job.api/add' });
    expect(await execute(deployment.id)).toBe('failed');
    const failed = await deploymentOf(proposalId);
    expect(failed.status).toBe('failed');
    expect(failed.errorMessage).toMatch(/^The workflow was not deployed: /);
    expect(failed.externalClientId).not.toBeNull();
    expect(await stepsOf(deployment.id)).toEqual(['created', 'failed']);
    await control(sandbox.url, 'faults', undefined, 'DELETE');

    expect(await database.db.transaction((tx) => requeueFailedDeployment(tx, memberActor(practice.author), deployment.id))).toBe(true);
    // A second Retry while it waits changes nothing.
    expect(await database.db.transaction((tx) => requeueFailedDeployment(tx, memberActor(practice.author), deployment.id))).toBe(false);
    expect(await execute(deployment.id)).toBe('succeeded');
    expect(await xpmClientsNamed(name)).toHaveLength(1);
    expect(await xpmJobsOf(failed.externalClientId!)).toHaveLength(1);
    expect(await stepsOf(deployment.id)).toEqual(['created', 'failed', 'job_created']);
  });

  test('several XPM clients with the name: the deployment waits for an admin, who chooses one; a made-up choice is refused', async () => {
    const name = uniqueName('Twin Accounting');
    const api = await xpm();
    const a = await api.addClient({ name });
    const b = await api.addClient({ name: `${name} Ltd` });
    const { clientId, proposalId, deployment } = await acceptedProposalFor(name);
    expect(await execute(deployment.id)).toBe('needs_choice');
    const waiting = await deploymentOf(proposalId);
    expect(waiting.choiceReason).toBe('several_matches');
    expect(waiting.candidates?.map((c) => c.uuid).sort()).toEqual([a.externalId, b.externalId].sort());
    expect(await linkOf(clientId)).toBeNull();

    const choose = (choice: string) => database.db.transaction((tx) => chooseDeploymentClient(tx, memberActor(practice.admin), deployment.id, choice));
    expect(await choose(randomUUID())).toBe('not_offered');
    expect(await choose(b.externalId)).toBe('queued');
    expect(await choose(a.externalId)).toBe('not_waiting');
    expect(await execute(deployment.id)).toBe('succeeded');
    expect((await linkOf(clientId))?.externalId).toBe(b.externalId);
    expect(await xpmJobsOf(b.externalId)).toHaveLength(1);
    expect(await xpmJobsOf(a.externalId)).toHaveLength(0);
    expect(await stepsOf(deployment.id)).toEqual(['waiting', 'matched', 'job_created']);
  });

  test('one XPM client with the name but another business number: the deployment waits for an admin, who may create a new client instead', async () => {
    const name = uniqueName('Kelly Family Trust');
    const namesake = await (await xpm()).addClient({ name, businessNumber: '32 577 062 306' });
    const { clientId, proposalId, deployment } = await acceptedProposalFor(name, { businessNumber: '16 318 978 323' });
    expect(await execute(deployment.id)).toBe('needs_choice');
    const waiting = await deploymentOf(proposalId);
    expect(waiting.choiceReason).toBe('business_number_differs');
    expect(waiting.candidates).toEqual([expect.objectContaining({ uuid: namesake.externalId, differingNumber: '32 577 062 306', linkedClientName: null })]);
    expect(await linkOf(clientId)).toBeNull();

    expect(await database.db.transaction((tx) => chooseDeploymentClient(tx, memberActor(practice.admin), deployment.id, 'create'))).toBe('queued');
    expect(await execute(deployment.id)).toBe('succeeded');
    const created = (await linkOf(clientId))?.externalId;
    expect(created).toBeDefined();
    expect(created).not.toBe(namesake.externalId);
    expect(await xpmJobsOf(namesake.externalId)).toHaveLength(0);
    expect(await xpmJobsOf(created!)).toHaveLength(1);
    expect(await stepsOf(deployment.id)).toEqual(['waiting', 'created', 'job_created']);
  });

  test('without a connected XPM, acceptance records no deployment; a lost connection fails readably', async () => {
    const other = await createPracticeMembers(database.db, 'No XPM');
    const client = await createClient(other.admin, clientInputSchema.parse({ name: uniqueName('Offline') }));
    const { id } = await createProposal(
      other.author,
      proposalContentSchema.parse({ title: 'Offline', client: { kind: 'client', clientId: client.id }, lines: [{ description: 'Tax', quantity: '1', unitPrice: '10' }] }),
    );
    const sent = await changeProposalStatus(other.author, id, 1, 'sent');
    await acceptProposal(other.author, id, { expectedVersion: sent.version, acceptedBy: 'Jane Citizen' });
    expect(await database.db.select().from(workflowDeployments).where(eq(workflowDeployments.proposalId, id))).toHaveLength(0);

    const { deployment } = await acceptedProposalFor(uniqueName('Disconnected'));
    await database.db.update(connectionGrants).set({ status: 'needs_reauth' }).where(eq(connectionGrants.practiceId, practice.practiceId));
    try {
      expect(
        await executeDeployment(database.db, deployment.id, {
          xpmFor: async () => (await import('@/lib/integrations/grant-clients')).practiceXpmClient(database.db, practice.practiceId),
        }),
      ).toBe('failed');
      expect((await deploymentOf(deployment.proposalId)).errorMessage).toBe(
        'The workflow was not deployed: XPM has no working connection to send to. Please reconnect Xero Practice Manager.',
      );
    } finally {
      await database.db.update(connectionGrants).set({ status: 'connected' }).where(eq(connectionGrants.practiceId, practice.practiceId));
    }
  });

  test("the proposal page's actions: Deploy now after connecting, Retry by an author, the choice by admins only, nothing across practices", async () => {
    const { chooseDeploymentXpmClient, deployNow, getDeploymentView, retryDeployment } = await import('@/lib/dal/proposals/deployment');
    // Accepted while XPM was not connected: "not deployed", then Deploy now once it is.
    const later = await createPracticeMembers(database.db, 'Later');
    const name = uniqueName('Later Co');
    const client = await createClient(later.admin, clientInputSchema.parse({ name }));
    const { id } = await createProposal(
      later.author,
      proposalContentSchema.parse({ title: 'Later', client: { kind: 'client', clientId: client.id }, lines: [{ description: 'Tax', quantity: '1', unitPrice: '10' }] }),
    );
    const sent = await changeProposalStatus(later.author, id, 1, 'sent');
    await acceptProposal(later.author, id, { expectedVersion: sent.version, acceptedBy: 'Jane Citizen' });
    expect(await getDeploymentView(later.author, id)).toEqual({ kind: 'not_deployed', xpmConnected: false });
    await expect(deployNow(later.author, id)).rejects.toThrow(/Connect Xero Practice Manager on Integrations first/);
    await connectDirectly(database.db, sandbox.url, later, 'xpm');
    expect(await getDeploymentView(later.author, id)).toEqual({ kind: 'not_deployed', xpmConnected: true });
    await Promise.all([deployNow(later.author, id), deployNow(later.admin, id)]);
    const rows = await database.db.select().from(workflowDeployments).where(eq(workflowDeployments.proposalId, id));
    expect(rows).toHaveLength(1);
    expect(
      await executeDeployment(database.db, rows[0]!.id, {
        xpmFor: async () => (await import('@/lib/integrations/grant-clients')).practiceXpmClient(database.db, later.practiceId),
      }),
    ).toBe('succeeded');
    const view = await getDeploymentView(later.author, id);
    expect(view).toMatchObject({ kind: 'deployment', status: 'succeeded', xpmClient: { name }, job: { number: expect.stringMatching(/^J\d{6}$/) } });
    // Another practice's member learns nothing, and cannot act on it.
    expect(await getDeploymentView(practice.admin, id)).toBeNull();
    await expect(retryDeployment(practice.admin, id)).rejects.toThrow(/not found|does not exist/i);
    await expect(retryDeployment(later.author, id)).rejects.toThrow('This workflow is already deployed.');

    // An author may not choose between XPM clients; an admin may.
    const twin = uniqueName('Twin Choice');
    const api = await xpm();
    const one = await api.addClient({ name: twin });
    await api.addClient({ name: `The ${twin}` });
    const waiting = await acceptedProposalFor(twin);
    expect(await execute(waiting.deployment.id)).toBe('needs_choice');
    await expect(chooseDeploymentXpmClient(practice.author, waiting.proposalId, one.externalId)).rejects.toThrow('Only a practice admin can choose which XPM client this is.');
    await expect(chooseDeploymentXpmClient(later.admin, waiting.proposalId, one.externalId)).rejects.toThrow(/not found|does not exist/i);
    await chooseDeploymentXpmClient(practice.admin, waiting.proposalId, one.externalId);
    expect((await deploymentOf(waiting.proposalId)).status).toBe('queued');
    const choiceView = await getDeploymentView(practice.admin, waiting.proposalId);
    expect(choiceView).toMatchObject({ kind: 'deployment', status: 'queued', candidates: [] });
  });
});
