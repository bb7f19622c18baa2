import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { getDb } from '@/db';
import { connectionGrants, connections, webhookEvents } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import { requestSyncRun } from '@/lib/commands/sync-runs';
import { enqueueSyncRun } from '@/lib/jobs/sync-jobs';
import { intentOf, parseGustoDelivery } from './gusto-delivery';
import { verifyGustoSignature } from './gusto-signature';
import { storeVerificationToken, verifiedTokens } from './subscription-store';

/** Gusto's events are a few hundred bytes; anything near this is not one. */
export const MAX_GUSTO_WEBHOOK_BYTES = 256 * 1024;

export interface WebhookAnswer {
  status: number;
  body?: Record<string, unknown>;
}

/**
 * One delivery to POST /api/webhooks/gusto, from the raw bytes as received (the signature
 * covers exactly them). Enqueues and answers; the sync itself runs in a job, so Gusto gets
 * its answer well within a second and a slow app never turns into a retried delivery.
 */
export async function receiveGustoDelivery(raw: Uint8Array, signatureHeader: string | null): Promise<WebhookAnswer> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  const delivery = parseGustoDelivery(text);

  if (delivery.kind === 'verification') {
    // Unsigned by design; it can only fill a pending subscription (subscription-store.ts).
    const stored = await storeVerificationToken(delivery.verificationToken, subscriptionUuidOf(text));
    // 409 when no subscription waits for it (e.g. it arrived before we recorded the one we
    // just created): Gusto retries the delivery, by which time it does.
    return stored === 'stored' ? { status: 200, body: { received: true } } : { status: 409 };
  }

  if (!(await signedByVerifiedSubscription(raw, signatureHeader))) return { status: 401 };
  if (delivery.kind === 'invalid') return { status: 400, body: { error: delivery.reason } };

  const intent = intentOf(delivery.event);
  const companyUuid = intent.kind === 'ignore' ? null : intent.companyUuid;
  const practiceIds = companyUuid ? await practicesWithCompany(companyUuid) : [];
  const db = await getDb();
  const requested = await db.transaction(async (tx) => {
    // The event uuid is the dedupe key: Gusto retries, and a replay must do nothing.
    const [recorded] = await tx
      .insert(webhookEvents)
      .values({
        app: 'gusto',
        eventUuid: delivery.event.uuid,
        eventType: delivery.event.event_type,
        resourceUuid: companyUuid,
        practiceId: practiceIds[0] ?? null,
        outcome: intent.kind === 'ignore' ? 'ignored' : practiceIds.length === 0 ? 'unknown_company' : 'enqueued',
      })
      .onConflictDoNothing({ target: [webhookEvents.app, webhookEvents.eventUuid] })
      .returning({ id: webhookEvents.id });
    if (!recorded) return null;
    const runs: { practiceId: string; runId: string }[] = [];
    for (const practiceId of practiceIds) {
      const result = await requestSyncRun(tx, systemActor(practiceId, 'webhook'), { app: 'gusto', onlyExternalIds: [companyUuid!] });
      if (result.kind === 'queued') runs.push({ practiceId, runId: result.runId });
    }
    return runs;
  });
  if (requested === null) return { status: 200, body: { received: true, duplicate: true } };
  // After commit: the job must find its run.
  for (const run of requested) await enqueueSyncRun({ practiceId: run.practiceId, app: 'gusto', runId: run.runId });
  return { status: 200, body: { received: true } };
}

/** Checked against every verified subscription's token, each in constant time. */
async function signedByVerifiedSubscription(raw: Uint8Array, signatureHeader: string | null): Promise<boolean> {
  const tokens = await verifiedTokens();
  let ok = false;
  for (const token of tokens) ok = verifyGustoSignature(raw, signatureHeader, token).ok || ok;
  return ok;
}

/** Every practice that has this Gusto company as a grant of a live Gusto connection. */
async function practicesWithCompany(companyUuid: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ practiceId: connectionGrants.practiceId })
    .from(connectionGrants)
    .innerJoin(connections, and(eq(connections.id, connectionGrants.connectionId), eq(connections.practiceId, connectionGrants.practiceId)))
    .where(and(eq(connections.app, 'gusto'), ne(connections.status, 'disconnected'), eq(connectionGrants.externalId, companyUuid)));
  return rows.map((r) => r.practiceId).sort();
}

/** Gusto's verification body may name its subscription (`webhook_subscription_uuid`). */
function subscriptionUuidOf(text: string): string | undefined {
  try {
    const value = (JSON.parse(text) as { webhook_subscription_uuid?: unknown }).webhook_subscription_uuid;
    return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
  } catch {
    return undefined;
  }
}
