import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getClient } from '@/lib/dal/clients';
import { requireMember } from '@/lib/dal/session';
import { uuidParam } from '@/lib/validation/fields';

/**
 * The member's client, or null for another practice's id, a guessed one or a malformed one.
 * Once per request: the page's title and the page itself both ask.
 */
const clientOf = cache(async (clientId: string) => {
  const member = await requireMember();
  return uuidParam.safeParse(clientId).success ? getClient(member, clientId) : null;
});

/** The member's client for this route, or the not-found page (also for other practices' ids). */
export async function loadClientForRoute(params: Promise<{ clientId: string }>) {
  const client = await clientOf((await params).clientId);
  if (!client) notFound();
  return client;
}

/**
 * The tab's title names the client ("Edit Kelly Plumbing"), so a screen reader arriving on the
 * page hears which one, and several open tabs can be told apart; "Client" said neither.
 */
export async function clientRouteMetadata(params: Promise<{ clientId: string }>, title: (name: string) => string): Promise<Metadata> {
  const client = await clientOf((await params).clientId);
  return { title: client ? title(client.name) : 'Client not found' };
}
