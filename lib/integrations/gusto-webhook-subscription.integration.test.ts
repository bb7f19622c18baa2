import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/gusto/route';
import type { OpenDatabase } from '@/db/open';
import { gustoWebhookSubscriptions, syncRuns } from '@/db/schema';
import { setJobQueueForTests } from '@/lib/jobs/process-queue';
import { connectApp, createPractice } from '@/lib/jobs/testing/fixtures';
import { recordingQueue } from '@/lib/jobs/testing/recording-queue';
import { gustoSandboxConfig } from '@/lib/providers/gusto/config';
import { control } from '@/lib/providers/testing/sandbox-controls';
import { startSandbox } from '@/lib/sandbox/server';
import { testDatabases } from '@/test/databases';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { ensureGustoWebhookSubscription, gustoWebhookUrl } from './gusto-webhook-subscription';

/**
 * The subscription handshake with the sandbox's Gusto (which implements Gusto's side): the
 * app subscribes its URL with the system token, Gusto POSTs the verification token to the
 * app's route, the app verifies it; then a company change in Gusto arrives as a signed event
 * and queues a webhook run. The route is served by a plain HTTP server calling its handler.
 */
beforeAll(() => {
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ps-gusto-subscription-'));
});

interface Subscriptions {
  subscriptions: { uuid: string; url: string; status: string; subscriptionTypes: string[] }[];
  deliveries: { eventUuid: string; delivered: boolean; lastStatus: number; attempts: number }[];
}

/** The app's webhook route on a real port, as Gusto reaches it. */
async function serveRoute(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await POST(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }));
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(testDatabases())('Gusto webhook subscription on $name', (target) => {
  let database: OpenDatabase;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let app: Awaited<ReturnType<typeof serveRoute>>;
  const queue = recordingQueue();
  const ensure = () => ensureGustoWebhookSubscription({ appUrl: app.url, config: gustoSandboxConfig(sandbox.url), tokenWaitMs: 2_000 });

  beforeAll(async () => {
    database = await installTestDatabase(target);
    sandbox = await startSandbox({ port: 0, testMode: true });
    app = await serveRoute();
    setJobQueueForTests(queue.queue);
  });
  afterAll(async () => {
    setJobQueueForTests(null);
    await app?.close();
    await sandbox?.close();
    await uninstallTestDatabase(database);
  });

  it('subscribes the app’s URL for Company and Location, receives the token, verifies it and keeps it sealed', async () => {
    const outcome = await ensure();
    expect(outcome.status).toBe('verified');
    expect(outcome.created).toBe(true);
    const remote = await control<Subscriptions>(sandbox.url, 'gusto/webhooks');
    expect(remote.subscriptions).toEqual([{ uuid: outcome.subscriptionUuid, url: gustoWebhookUrl(app.url), status: 'verified', subscriptionTypes: ['Company', 'Location'] }]);
    const [row] = await database.db.select().from(gustoWebhookSubscriptions).where(eq(gustoWebhookSubscriptions.subscriptionUuid, outcome.subscriptionUuid));
    expect(row).toMatchObject({ status: 'verified', url: gustoWebhookUrl(app.url) });
    expect(row!.verificationTokenSealed).toBeTruthy();

    // A second start finds it and changes nothing.
    expect(await ensure()).toEqual({ status: 'verified', subscriptionUuid: outcome.subscriptionUuid, created: false });
    expect((await control<Subscriptions>(sandbox.url, 'gusto/webhooks')).subscriptions).toHaveLength(1);
  });

  it('a company change in Gusto arrives signed and queues one webhook run for that company; a redelivery does nothing', async () => {
    const [company] = await control<{ id: string }[]>(sandbox.url, 'gusto/companies');
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'gusto', { inbound: true, externalIds: [company!.id] });
    const emitted = await control<{ uuid: string }>(sandbox.url, 'gusto/events', { companyUuid: company!.id });
    let remote = await control<Subscriptions>(sandbox.url, 'gusto/webhooks?settle=1');
    expect(remote.deliveries.find((d) => d.eventUuid === emitted.uuid)).toMatchObject({ delivered: true, lastStatus: 200, attempts: 1 });
    const runs = () =>
      database.db.select({ trigger: syncRuns.trigger, only: syncRuns.onlyExternalIds, status: syncRuns.status }).from(syncRuns).where(eq(syncRuns.practiceId, practiceId));
    expect(await runs()).toEqual([{ trigger: 'webhook', only: [company!.id], status: 'queued' }]);
    const enqueued = queue.enqueued.length;

    await control(sandbox.url, 'gusto/events', { replay: emitted.uuid });
    remote = await control<Subscriptions>(sandbox.url, 'gusto/webhooks?settle=1');
    expect(remote.deliveries.filter((d) => d.eventUuid === emitted.uuid).every((d) => d.delivered)).toBe(true);
    expect(await runs()).toHaveLength(1);
    expect(queue.enqueued.length).toBe(enqueued);
  });

  it('a deployment that lost its key asks Gusto for the token again and re-verifies', async () => {
    const { subscriptionUuid } = await ensure();
    await database.db
      .update(gustoWebhookSubscriptions)
      .set({ verificationTokenSealed: null, status: 'failed' })
      .where(eq(gustoWebhookSubscriptions.subscriptionUuid, subscriptionUuid));
    const outcome = await ensure();
    expect(outcome).toMatchObject({ status: 'verified', created: false });
    const [row] = await database.db.select().from(gustoWebhookSubscriptions).where(eq(gustoWebhookSubscriptions.subscriptionUuid, outcome.subscriptionUuid));
    expect(row).toMatchObject({ status: 'verified' });
    expect(row!.verificationTokenSealed).toBeTruthy();
  });
});
