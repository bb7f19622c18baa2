import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { gustoWebhookSubscriptions, syncRuns, webhookEvents } from '@/db/schema';
import { setJobQueueForTests } from '@/lib/jobs/process-queue';
import { connectApp, createPractice } from '@/lib/jobs/testing/fixtures';
import { recordingQueue } from '@/lib/jobs/testing/recording-queue';
import { gustoSignature } from '@/lib/sync/webhooks/gusto-signature';
import { loadSubscription, sealVerificationToken } from '@/lib/sync/webhooks/subscription-store';
import { testDatabases } from '@/test/databases';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { POST } from './route';

/**
 * POST /api/webhooks/gusto, called as Next calls it, on both databases: a signed event for a
 * company queues one webhook run per practice with that company and enqueues its job; a bad,
 * missing or foreign signature is refused with a bare 401 and changes nothing; a replayed
 * event uuid is answered 200 and does nothing; the unsigned verification delivery only ever
 * fills a pending subscription.
 */
beforeAll(() => {
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ps-webhooks-'));
});

const TOKEN = 'verification-token-of-the-subscription';

function event(companyUuid: string, overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    uuid: randomUUID(),
    event_type: 'company.updated',
    resource_type: 'Company',
    resource_uuid: companyUuid,
    entity_type: 'Company',
    entity_uuid: companyUuid,
    timestamp: 1_765_000_000,
    ...overrides,
  });
}

function post(body: string, signature: string | null | undefined = undefined) {
  const headers = new Headers({ 'content-type': 'application/json' });
  const sig = signature === undefined ? gustoSignature(body, TOKEN) : signature;
  if (sig !== null) headers.set('x-gusto-signature', sig);
  return POST(new Request('http://127.0.0.1/api/webhooks/gusto', { method: 'POST', headers, body }));
}

describe.each(testDatabases())('Gusto webhook route on $name', (target) => {
  let database: OpenDatabase;
  let queue: ReturnType<typeof recordingQueue>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    const subscriptionUuid = randomUUID();
    await database.db.insert(gustoWebhookSubscriptions).values({
      subscriptionUuid,
      url: 'http://127.0.0.1/api/webhooks/gusto',
      status: 'verified',
      verificationTokenSealed: sealVerificationToken(subscriptionUuid, TOKEN),
      verifiedAt: new Date(),
    });
  });
  afterAll(() => uninstallTestDatabase(database));
  afterEach(() => setJobQueueForTests(null));

  async function practiceWithCompany(companyUuid: string) {
    queue = recordingQueue();
    setJobQueueForTests(queue.queue);
    const practiceId = await createPractice(database.db);
    await connectApp(database.db, practiceId, 'gusto', { inbound: true, externalIds: [companyUuid] });
    return practiceId;
  }

  const runsOf = (practiceIds: string[]) =>
    database.db
      .select({ practiceId: syncRuns.practiceId, trigger: syncRuns.trigger, only: syncRuns.onlyExternalIds, status: syncRuns.status })
      .from(syncRuns)
      .where(inArray(syncRuns.practiceId, practiceIds));
  const eventCount = async () => (await database.db.select({ id: webhookEvents.id }).from(webhookEvents)).length;

  it('a signed company event queues a webhook run for every practice with that company, within a second', async () => {
    const company = randomUUID();
    const a = await practiceWithCompany(company);
    const b = await createPractice(database.db);
    await connectApp(database.db, b, 'gusto', { inbound: true, externalIds: [company] });
    const startedAt = Date.now();
    const response = await post(event(company));
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(response.status).toBe(200);
    const runs = await runsOf([a, b]);
    expect(runs.map((r) => r.practiceId).sort()).toEqual([a, b].sort());
    expect(runs.every((r) => r.trigger === 'webhook' && r.status === 'queued' && r.only?.[0] === company)).toBe(true);
    expect(queue.enqueued.map((e) => [e.name, e.options.key]).sort()).toEqual(
      [
        ['sync-run', `${a}:gusto`],
        ['sync-run', `${b}:gusto`],
      ].sort(),
    );
  });

  it('a replayed event uuid answers 200 and enqueues nothing twice', async () => {
    const company = randomUUID();
    const practiceId = await practiceWithCompany(company);
    const body = event(company);
    expect((await post(body)).status).toBe(200);
    queue.drain();
    const replay = await post(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(queue.enqueued).toHaveLength(1);
    expect(await runsOf([practiceId])).toHaveLength(1);
  });

  it.each([
    ['signed with the wrong key', (body: string) => post(body, gustoSignature(body, 'not-the-token'))],
    ['an altered body', (body: string) => post(body.replace('company.updated', 'location.updated'), gustoSignature(body, TOKEN))],
    ['no signature header', (body: string) => post(body, null)],
    ['a malformed signature', (body: string) => post(body, 'sha256=abc')],
  ])('%s → 401 with no detail, and nothing changes', async (_name, send) => {
    const company = randomUUID();
    const practiceId = await practiceWithCompany(company);
    const events = await eventCount();
    const response = await send(event(company));
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    expect(await eventCount()).toBe(events);
    expect(await runsOf([practiceId])).toEqual([]);
    expect(queue.enqueued).toEqual([]);
  });

  it('an event for a company no practice has is recorded and starts nothing; an unrelated event type is ignored', async () => {
    queue = recordingQueue();
    setJobQueueForTests(queue.queue);
    const unknown = event(randomUUID());
    expect((await post(unknown)).status).toBe(200);
    const payroll = event(randomUUID(), { event_type: 'payroll.submitted' });
    expect((await post(payroll)).status).toBe(200);
    const outcomes = await database.db
      .select({ outcome: webhookEvents.outcome })
      .from(webhookEvents)
      .where(inArray(webhookEvents.eventUuid, [JSON.parse(unknown).uuid, JSON.parse(payroll).uuid]))
      .orderBy(webhookEvents.outcome);
    expect(outcomes.map((o) => o.outcome)).toEqual(['ignored', 'unknown_company']);
    expect(queue.enqueued).toEqual([]);
  });

  it('a body over 256 KiB is refused with 413 before it is read', async () => {
    const response = await post(JSON.stringify({ padding: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
  });

  it('the verification delivery fills a pending subscription (sealed), never a verified one; with none pending it asks for a retry', async () => {
    const pendingUuid = randomUUID();
    await database.db.insert(gustoWebhookSubscriptions).values({ subscriptionUuid: pendingUuid, url: 'http://127.0.0.1/api/webhooks/gusto' });
    const response = await post(JSON.stringify({ verification_token: 'the-new-token', webhook_subscription_uuid: pendingUuid }), null);
    expect(response.status).toBe(200);
    const [row] = await database.db.select().from(gustoWebhookSubscriptions).where(eq(gustoWebhookSubscriptions.subscriptionUuid, pendingUuid));
    expect(row!.verificationTokenSealed).not.toContain('the-new-token');
    expect((await loadSubscription(pendingUuid))?.verificationToken).toBe('the-new-token');
    // Not verified until Gusto confirms it: events signed with it are still refused.
    const company = randomUUID();
    await practiceWithCompany(company);
    const body = event(company);
    expect((await post(body, gustoSignature(body, 'the-new-token'))).status).toBe(401);

    await database.db.delete(gustoWebhookSubscriptions).where(eq(gustoWebhookSubscriptions.subscriptionUuid, pendingUuid));
    // An attacker's "verification" cannot replace the verified key.
    expect((await post(JSON.stringify({ verification_token: 'attacker-token' }), null)).status).toBe(409);
    const forged = event(company);
    expect((await post(forged, gustoSignature(forged, 'attacker-token'))).status).toBe(401);
    expect((await post(forged)).status).toBe(200);
  });
});
