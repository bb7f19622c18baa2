import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { connectionGrants, connections } from '@/db/schema';
import type { TokenSet, TokenStore } from '@/lib/providers/oauth';
import { openFor, sealFor } from './token-sealing';

/**
 * One grant's tokens in the database, sealed at rest. `saveRotated` is a compare-and-swap
 * on the grant's token version, so when two processes refresh at once exactly one write
 * wins and the other adopts its tokens.
 */
export function createGrantTokenStore(grant: { id: string; practiceId: string; connectionId: string }): TokenStore {
  // The version each refresh token was loaded at: the CAS key for saving its successor.
  const versionOf = new Map<string, number>();
  const scope = and(eq(connectionGrants.id, grant.id), eq(connectionGrants.practiceId, grant.practiceId));

  return {
    async load() {
      const db = await getDb();
      const [row] = await db
        .select({
          access: connectionGrants.accessTokenSealed,
          refresh: connectionGrants.refreshTokenSealed,
          expiresAt: connectionGrants.accessTokenExpiresAt,
          scope: connectionGrants.scope,
          version: connectionGrants.tokenVersion,
          status: connectionGrants.status,
        })
        .from(connectionGrants)
        .where(scope);
      if (!row?.access || row.status === 'disconnected') return null;
      const refreshToken = row.refresh ? openFor(grant.id, 'refresh_token', row.refresh) : null;
      if (refreshToken) versionOf.set(refreshToken, row.version);
      return {
        accessToken: openFor(grant.id, 'access_token', row.access),
        refreshToken,
        expiresAt: row.expiresAt?.getTime() ?? 0,
        scope: row.scope,
      };
    },
    async saveRotated(previousRefreshToken, next: TokenSet) {
      const version = versionOf.get(previousRefreshToken);
      if (version === undefined) return 'conflict';
      const db = await getDb();
      const saved = await db
        .update(connectionGrants)
        .set({
          ...sealedTokenColumns(grant.id, next),
          tokenVersion: version + 1,
          status: 'connected',
          lastError: null,
          updatedAt: new Date(),
        })
        .where(and(scope, eq(connectionGrants.tokenVersion, version)))
        .returning({ id: connectionGrants.id });
      return saved.length === 1 ? 'saved' : 'conflict';
    },
    async markNeedsReauth(reasonForPeople) {
      const db = await getDb();
      await db.transaction(async (tx) => {
        await tx
          .update(connectionGrants)
          .set({ status: 'needs_reauth', lastError: reasonForPeople, updatedAt: new Date() })
          .where(scope);
        await tx
          .update(connections)
          .set({ status: 'needs_reauth', lastError: reasonForPeople, lastErrorAt: new Date(), updatedAt: new Date() })
          .where(and(eq(connections.id, grant.connectionId), eq(connections.practiceId, grant.practiceId)));
      });
    },
  };
}

export function sealedTokenColumns(grantId: string, tokens: TokenSet) {
  return {
    accessTokenSealed: sealFor(grantId, 'access_token', tokens.accessToken),
    refreshTokenSealed: tokens.refreshToken ? sealFor(grantId, 'refresh_token', tokens.refreshToken) : null,
    accessTokenExpiresAt: new Date(tokens.expiresAt),
    scope: tokens.scope,
  };
}
