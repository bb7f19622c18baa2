import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { parseKeyring, sealSecret } from '@/lib/crypto';
import { verificationTokenAad } from '@/lib/sync/webhooks/verification-token-aad';
import { createFreshPostgresDatabase } from '../test/databases';
import { startSecondServer, type SecondServer } from './second-server';

/**
 * README "More than one instance", followed step by step: one fresh PostgreSQL database, the
 * same AUTH_SECRET, TOKEN_ENCRYPTION_KEYS and app settings on both, `next start` on two
 * ports. Both serve sign-in and start their worker on the shared pg-boss queue; a run asked
 * for through both instances at once (a signed Gusto webhook to each) is one run, worked by
 * one job, once.
 */
const adminUrl = process.env.TEST_DATABASE_URL;

test.describe('two app instances on one PostgreSQL', () => {
  test.skip(!adminUrl, 'TEST_DATABASE_URL is unset: two instances need a shared PostgreSQL server');
  test.setTimeout(180_000);

  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>> | null = null;
  const servers: SecondServer[] = [];

  test.afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await fresh?.drop();
  });

  test('both serve and work the shared queue; a run asked for through both at once runs exactly once', async () => {
    fresh = await createFreshPostgresDatabase(adminUrl!);
    const keys = `1:${randomBytes(32).toString('base64url')}`;
    const shared = {
      DATABASE_URL: fresh.url,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      TOKEN_ENCRYPTION_KEYS: keys,
      // No Gusto for these two: the subscription job fails quietly instead of subscribing them
      // with the suite's sandbox (the webhook below is signed with a key we put in place).
      SANDBOX_URL: 'http://127.0.0.1:9',
    };
    const [a, b] = [startSecondServer(61, shared), startSecondServer(62, shared)];
    servers.push(a!, b!);
    expect(await a!.ready(), a!.output()).toBe(true);
    expect(await b!.ready(), b!.output()).toBe(true);
    for (const server of [a!, b!]) {
      expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain('[jobs] worker started (pg-boss');
    }

    // A practice whose Gusto company is the inbound source, and the deployment's verified
    // subscription key (sealed with the shared key, as the route would have stored it).
    const db = new pg.Client({ connectionString: fresh.url });
    await db.connect();
    try {
      const practiceId = randomUUID();
      const company = randomUUID();
      const subscription = randomUUID();
      const token = randomBytes(24).toString('hex');
      await db.query(`insert into practices (id, name, timezone) values ($1, 'Two Instances', 'Australia/Sydney')`, [practiceId]);
      const { rows } = await db.query<{ id: string }>(
        `insert into connections (practice_id, app, status, sync_direction, sync_data) values ($1, 'gusto', 'connected', 'from_app', 'everything') returning id`,
        [practiceId],
      );
      await db.query(`insert into connection_grants (practice_id, connection_id, external_id, label) values ($1, $2, $3, 'Company')`, [practiceId, rows[0]!.id, company]);
      // Today's scheduled run has happened, so the minute tick asks for nothing meanwhile.
      await db.query(
        `insert into sync_runs (practice_id, app, direction, sync_data, trigger, status, started_at, finished_at) values ($1, 'gusto', 'from_app', 'everything', 'schedule', 'succeeded', now(), now())`,
        [practiceId],
      );
      await db.query(`insert into gusto_webhook_subscriptions (subscription_uuid, url, status, verification_token_sealed, verified_at) values ($1, $2, 'verified', $3, now())`, [
        subscription,
        `${a!.url}/api/webhooks/gusto`,
        sealSecret(token, verificationTokenAad(subscription), parseKeyring(keys)),
      ]);

      const webhook = (server: SecondServer) => {
        const body = JSON.stringify({
          uuid: randomUUID(),
          event_type: 'company.updated',
          resource_type: 'Company',
          resource_uuid: company,
          entity_type: 'Company',
          entity_uuid: company,
          timestamp: 1_765_000_000,
        });
        return fetch(`${server.url}/api/webhooks/gusto`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-gusto-signature': createHmac('sha256', token).update(body).digest('hex') },
          body,
        });
      };
      const answers = await Promise.all([webhook(a!), webhook(b!)]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);

      const runs = async () =>
        (
          await db.query<{ id: string; status: string; queued_at: Date; started_at: Date | null }>(
            `select id, status, queued_at, started_at from sync_runs where practice_id = $1 and trigger = 'webhook' order by queued_at`,
            [practiceId],
          )
        ).rows;
      // Both webhooks answered: one run was asked for. A second exists only when one instance's
      // worker had already started the first before the other webhook arrived — then that webhook
      // queues one follow-up, by design (never two runs waiting, never two running).
      const asked = await runs();
      expect(asked.length).toBeGreaterThanOrEqual(1);
      expect(asked.length).toBeLessThanOrEqual(2);
      if (asked.length === 2) {
        const [first, second] = asked;
        expect(first!.started_at).not.toBeNull();
        expect(second!.queued_at.getTime()).toBeGreaterThanOrEqual(first!.started_at!.getTime());
      }
      // Some instance's worker takes each; the engine ends it one way or another (no Gusto here).
      await expect.poll(async () => (await runs()).every((r) => /^(succeeded|partial|failed|cancelled)$/.test(r.status)), { timeout: 60_000 }).toBe(true);
      expect(await runs()).toHaveLength(asked.length);
      // Each run was worked exactly once, by one instance: one completed job each, never retried.
      // The worker marks its job completed a moment after the run's row ends, so wait until no job
      // is still created or active (a retried or failed job stops the wait too, and fails below).
      const jobs = async () =>
        (await db.query<{ state: string; retry_count: number }>(`select state, retry_count from pgboss.job where name = 'sync-run' and data->>'practiceId' = $1`, [practiceId]))
          .rows;
      await expect.poll(async () => (await jobs()).every((job) => job.state !== 'created' && job.state !== 'active'), { timeout: 30_000 }).toBe(true);
      expect(await jobs()).toEqual(asked.map(() => ({ state: 'completed', retry_count: 0 })));
    } finally {
      await db.end();
    }
  });
});
