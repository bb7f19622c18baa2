import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseGustoDelivery } from '@/lib/sync/webhooks/gusto-delivery';
import { verifyGustoSignature } from '@/lib/sync/webhooks/gusto-signature';
import { startSandbox, type RunningSandbox } from './server';
import { control, gustoHeaders, gustoTokenRequest, mintGustoToken } from './testing';

/**
 * The sandbox's Gusto webhooks against a receiver that plays the app: it answers the
 * verification delivery, and records every later delivery with its signature checked by the
 * app's own verifier — an implementation independent of the sandbox's signer.
 */
interface Received {
  body: string;
  signature: string | undefined;
}

let sb: RunningSandbox;
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
/** How the receiver answers the next deliveries (500 makes Gusto retry). */
let answers: number[] = [];

beforeAll(async () => {
  sb = await startSandbox({ port: 0, testMode: true });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-gusto-signature'] as string | undefined });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/gusto`;
});
afterAll(async () => {
  await sb.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  sb.state.reset();
  received = [];
  answers = [];
  await control(sb.url, 'gusto/webhooks/retry', { delaysMs: [50, 100], timeoutMs: 2_000 });
});

async function systemToken(): Promise<string> {
  const res = await gustoTokenRequest(sb.url, { grant_type: 'system_access' });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { access_token: string; refresh_token?: string; expires_in: number };
  expect(body.refresh_token).toBeUndefined();
  expect(body.expires_in).toBe(7200);
  return body.access_token;
}

const subscriptions = (token: string, path = '', init: RequestInit = {}) =>
  fetch(`${sb.url}/gusto/v1/webhook_subscriptions${path}`, {
    ...init,
    headers: { ...gustoHeaders(token), 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });

async function settled() {
  return (await (await control(sb.url, 'gusto/webhooks?settle=1', undefined, 'GET')).json()) as {
    deliveries: { eventUuid: string; attempts: number; delivered: boolean; lastStatus: number }[];
  };
}

/** Subscribes, receives the verification token and verifies: what the app does once. */
async function verifiedSubscription(types = ['Company', 'Location']): Promise<{ uuid: string; verificationToken: string; token: string }> {
  const token = await systemToken();
  const created = await subscriptions(token, '', { method: 'POST', body: JSON.stringify({ url: receiverUrl, subscription_types: types }) });
  expect(created.status).toBe(201);
  const { uuid, status } = (await created.json()) as { uuid: string; status: string };
  expect(status).toBe('unverified');
  await settled();
  const verification = parseGustoDelivery(received.shift()!.body);
  expect(verification.kind).toBe('verification');
  if (verification.kind !== 'verification') throw new Error('no verification token');
  const verified = await subscriptions(token, `/${uuid}/verify`, { method: 'PUT', body: JSON.stringify({ verification_token: verification.verificationToken }) });
  expect(verified.status).toBe(200);
  expect(((await verified.json()) as { status: string }).status).toBe('verified');
  return { uuid, verificationToken: verification.verificationToken, token };
}

describe('Gusto webhook subscriptions (sandbox)', () => {
  it('need a system token: none, or a company token, is refused', async () => {
    expect((await fetch(`${sb.url}/gusto/v1/webhook_subscriptions`)).status).toBe(401);
    const company = await mintGustoToken(sb.url);
    const res = await subscriptions(company.access_token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ category: 'invalid_token' }] });
  });

  it('a wrong verification token is refused and the subscription stays unverified (and gets no events)', async () => {
    const token = await systemToken();
    const { uuid } = (await (await subscriptions(token, '', { method: 'POST', body: JSON.stringify({ url: receiverUrl, subscription_types: ['Company'] }) })).json()) as {
      uuid: string;
    };
    await settled();
    received = [];
    const wrong = await subscriptions(token, `/${uuid}/verify`, { method: 'PUT', body: JSON.stringify({ verification_token: 'guess' }) });
    expect(wrong.status).toBe(422);
    await control(sb.url, 'records/change', { app: 'gusto' });
    await settled();
    expect(received).toEqual([]);
    const listed = (await (await subscriptions(token)).json()) as { uuid: string; status: string }[];
    expect(listed).toEqual([expect.objectContaining({ uuid, status: 'unverified' })]);
  });

  it('refuses a subscription without a URL or with unknown types', async () => {
    const token = await systemToken();
    expect((await subscriptions(token, '', { method: 'POST', body: JSON.stringify({ url: 'not a url', subscription_types: ['Company'] }) })).status).toBe(422);
    expect((await subscriptions(token, '', { method: 'POST', body: JSON.stringify({ url: receiverUrl, subscription_types: ['Spaceship'] }) })).status).toBe(422);
  });

  it('changing a company sends a signed company.updated that the app’s verifier accepts', async () => {
    const { verificationToken } = await verifiedSubscription();
    const company = sb.state.companyOrder[2]!;
    await control(sb.url, 'records/change', { app: 'gusto', id: company, fields: { name: 'Renamed Holdings' } });
    await settled();
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(verifyGustoSignature(delivery!.body, delivery!.signature, verificationToken)).toEqual({ ok: true });
    expect(verifyGustoSignature(delivery!.body, delivery!.signature, 'another-token')).toEqual({ ok: false, reason: 'mismatch' });
    const parsed = parseGustoDelivery(delivery!.body);
    expect(parsed).toMatchObject({ kind: 'event', event: { event_type: 'company.updated', resource_type: 'Company', resource_uuid: company } });
  });

  it('a location event reaches Location subscribers only', async () => {
    await verifiedSubscription(['Company']);
    const company = sb.state.companies.get(sb.state.companyOrder[0]!)!;
    await control(sb.url, 'gusto/events', { companyUuid: company.uuid, event_type: 'location.updated', entity: { type: 'Location', uuid: company.locations[0]!.uuid } });
    await settled();
    expect(received).toEqual([]);
    await verifiedSubscription(['Location']);
    await control(sb.url, 'gusto/events', { companyUuid: company.uuid, event_type: 'location.updated', entity: { type: 'Location', uuid: company.locations[0]!.uuid } });
    await settled();
    expect(received.map((r) => JSON.parse(r.body).event_type)).toEqual(['location.updated']);
  });

  it('a delivery that fails is retried with the same event uuid and body; a replay repeats it too', async () => {
    const { verificationToken } = await verifiedSubscription();
    answers = [500, 503];
    const event = (await (await control(sb.url, 'gusto/events', {})).json()) as { uuid: string };
    const { deliveries } = await settled();
    expect(deliveries.find((d) => d.eventUuid === event.uuid)).toMatchObject({ attempts: 3, delivered: true, lastStatus: 200 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(received.every((r) => verifyGustoSignature(r.body, r.signature, verificationToken).ok)).toBe(true);

    await control(sb.url, 'gusto/events', { replay: event.uuid });
    await settled();
    expect(received).toHaveLength(4);
    expect(received[3]!.body).toBe(received[0]!.body);
  });

  it('gives up after its retries, and says so', async () => {
    await verifiedSubscription();
    answers = [500, 500, 500];
    const event = (await (await control(sb.url, 'gusto/events', {})).json()) as { uuid: string };
    const { deliveries } = await settled();
    expect(deliveries.find((d) => d.eventUuid === event.uuid)).toMatchObject({ attempts: 3, delivered: false, lastStatus: 500 });
  });

  it('a deleted subscription gets nothing more', async () => {
    const { uuid, token } = await verifiedSubscription();
    expect((await subscriptions(token, `/${uuid}`, { method: 'DELETE' })).status).toBe(204);
    await control(sb.url, 'gusto/events', {});
    await settled();
    expect(received).toEqual([]);
  });

  it('system tokens are listed among the issued tokens, so leak checks cover them', async () => {
    const token = await systemToken();
    const issued = (await (await control(sb.url, 'tokens/issued', undefined, 'GET')).json()) as { gusto: string[] };
    expect(issued.gusto).toContain(token);
  });
});
