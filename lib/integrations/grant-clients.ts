import 'server-only';
import { appAdapter } from '@/lib/apps/adapters';
import { APP_IDS, type AppId } from '@/lib/apps/ids';
import { createGustoClient, type GustoClient } from '@/lib/providers/gusto';
import type { TokenManager } from '@/lib/providers/oauth';
import { processWide } from '@/lib/providers/process-wide';
import { createXpmClient, type XpmClient } from '@/lib/providers/xpm';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { connectionGrants, connections } from '@/db/schema';
import { ProviderError } from '@/lib/providers/errors';
import { createGrantTokenStore } from './grant-token-store';
import { gustoConfig, xpmConfig } from './provider-config';

export interface GrantRef {
  id: string;
  practiceId: string;
  connectionId: string;
  externalId: string;
}

/**
 * One TokenManager per grant per process: its in-process single flight only works if every
 * request for the grant shares it. Cross-process races are settled by the store's CAS.
 */
const managers = processWide('integrations.grantTokenManagers', () => new Map<string, TokenManager>());

function tokenManagerFor(app: AppId, grant: GrantRef): TokenManager {
  const key = `${app}:${grant.id}`;
  let manager = managers.get(key);
  if (!manager) {
    const store = createGrantTokenStore(grant, app);
    manager = appAdapter(app).tokenManager(store);
    managers.set(key, manager);
  }
  return manager;
}

/** Forget a grant's cached tokens (after disconnecting or reconnecting it). */
export function forgetGrant(grantId: string): void {
  for (const app of APP_IDS) managers.delete(`${app}:${grantId}`);
}

export function xpmClientFor(grant: GrantRef): XpmClient {
  return createXpmClient({ config: xpmConfig(), tokens: tokenManagerFor('xpm', grant), tenantId: grant.externalId });
}

export function gustoClientFor(grant: GrantRef): GustoClient {
  return createGustoClient({ config: gustoConfig(), tokens: tokenManagerFor('gusto', grant), companyUuid: grant.externalId });
}

/** The practice's XPM client through its connected grant; reauth_required when XPM is not connected. */
export async function practiceXpmClient(db: Database, practiceId: string): Promise<XpmClient> {
  const [grant] = await db
    .select({ id: connectionGrants.id, practiceId: connectionGrants.practiceId, connectionId: connectionGrants.connectionId, externalId: connectionGrants.externalId })
    .from(connectionGrants)
    .innerJoin(connections, and(eq(connections.id, connectionGrants.connectionId), eq(connections.practiceId, connectionGrants.practiceId)))
    .where(and(eq(connectionGrants.practiceId, practiceId), eq(connections.app, 'xpm'), eq(connectionGrants.status, 'connected')));
  if (!grant) throw new ProviderError({ kind: 'reauth_required', provider: 'xpm', message: 'XPM has no working connection to send to. Please reconnect Xero Practice Manager.' });
  return xpmClientFor(grant);
}
