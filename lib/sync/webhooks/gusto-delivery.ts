import { z } from 'zod';

/**
 * What a Gusto webhook delivery asks of us. Gusto's events are thin (DESIGN §4): they name
 * what changed, never the new values, so every event we act on becomes "fetch this
 * company's current state"; deliveries are retried, so the event uuid is the dedupe key.
 *
 * The first delivery to a new subscription is not an event: it carries the
 * `verification_token` that we confirm with PUT /v1/webhook_subscriptions/{uuid}/verify and
 * then use to check every later signature.
 */
const eventSchema = z.object({
  uuid: z.string().trim().min(1).max(100),
  event_type: z.string().trim().min(1).max(200),
  resource_type: z.string().optional(),
  resource_uuid: z.string().trim().min(1).max(100).optional(),
  entity_type: z.string().optional(),
  entity_uuid: z.string().optional(),
  timestamp: z.number().int().optional(),
});
export type GustoEvent = z.infer<typeof eventSchema>;

const verificationSchema = z.object({ verification_token: z.string().trim().min(1).max(500) });

export type GustoDelivery = { kind: 'verification'; verificationToken: string } | { kind: 'event'; event: GustoEvent } | { kind: 'invalid'; reason: string };

export function parseGustoDelivery(rawBody: string): GustoDelivery {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { kind: 'invalid', reason: 'The body is not JSON.' };
  }
  const verification = verificationSchema.safeParse(body);
  if (verification.success) return { kind: 'verification', verificationToken: verification.data.verification_token };
  const event = eventSchema.safeParse(body);
  if (event.success) return { kind: 'event', event: event.data };
  return { kind: 'invalid', reason: 'The body is neither a Gusto event nor a verification token.' };
}

/** The company-level events that can change what we map from a company (name, EIN, addresses, contacts). */
const REFRESH_EVENTS = new Set(['company.updated', 'location.created', 'location.updated', 'location.destroyed', 'company.provisioned']);

export type EventIntent =
  | { kind: 'refresh_company'; companyUuid: string; eventId: string }
  | { kind: 'company_deprovisioned'; companyUuid: string; eventId: string }
  | { kind: 'ignore'; eventId: string; why: string };

export function intentOf(event: GustoEvent): EventIntent {
  // Company events name the company as the resource; some older payloads name it as the entity.
  const companyUuid = event.resource_uuid ?? (event.entity_type === 'Company' ? event.entity_uuid : undefined);
  if (!companyUuid) return { kind: 'ignore', eventId: event.uuid, why: 'names no company' };
  if (event.event_type === 'company.deprovisioned') return { kind: 'company_deprovisioned', companyUuid, eventId: event.uuid };
  if (REFRESH_EVENTS.has(event.event_type)) return { kind: 'refresh_company', companyUuid, eventId: event.uuid };
  return { kind: 'ignore', eventId: event.uuid, why: `${event.event_type} does not change client data` };
}
