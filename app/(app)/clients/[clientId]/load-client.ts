import { notFound } from 'next/navigation';
import { getClient } from '@/lib/dal/clients';
import { requireMember } from '@/lib/dal/session';
import { uuidParam } from '@/lib/validation/fields';

/** The member's client for this route, or the not-found page (also for other practices' ids). */
export async function loadClientForRoute(params: Promise<{ clientId: string }>) {
  const [member, { clientId }] = await Promise.all([requireMember(), params]);
  if (!uuidParam.safeParse(clientId).success) notFound();
  const client = await getClient(member, clientId);
  if (!client) notFound();
  return client;
}
