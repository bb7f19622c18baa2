import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { connectionGrants, connections } from '@/db/schema';
import { isSecretError } from '@/lib/crypto';
import { appLabel, ProviderError, type ProviderName } from '@/lib/providers/errors';
import type { TokenSet, TokenStore } from '@/lib/providers/oauth';
import { isSealedWithOldKey, openFor, sealFor } from './token-sealing';

/**
 * One grant's tokens in the database, sealed at rest. `saveRotated` is a compare-and-swap
 * on the grant's token version, so when two processes refresh at once exactly one write
 * wins and the other adopts its tokens.
 *
 * Two things happen on load besides opening:
 *  - a value that cannot be opened (copied from another grant's row, altered, or sealed
 *    under a key that was removed) fails closed: the grant needs reconnecting, with words a
 *    person can act on, instead of an unexpected error on every refresh;
 *  - a value sealed under an older key version is re-sealed under the current one, so
 *    rotating TOKEN_ENCRYPTION_KEYS moves stored grants to the new key as they are used.
 */
export function createGrantTokenStore(grant: { id: string; practiceId: string; connectionId: string }, provider: ProviderName): TokenStore {
  // The version each refresh token was loaded at: the CAS key for saving its successor.
  const versionOf = new Map<string, number>();
  const scope = and(eq(connectionGrants.id, grant.id), eq(connectionGrants.practiceId, grant.practiceId));

  async function markNeedsReauth(reasonForPeople: string) {
    const db = await getDb();
    await db.transaction(async (tx) => {
      await tx.update(connectionGrants).set({ status: 'needs_reauth', lastError: reasonForPeople, updatedAt: new Date() }).where(scope);
      await tx
        .update(connections)
        .set({ status: 'needs_reauth', lastError: reasonForPeople, lastErrorAt: new Date(), updatedAt: new Date() })
        .where(and(eq(connections.id, grant.connectionId), eq(connections.practiceId, grant.practiceId)));
    });
  }

  async function unreadable(code: string): Promise<never> {
    // The code tells an operator which case it was (decrypt_failed, unknown_key_version, …); no value is logged.
    console.warn(`[tokens] stored ${provider} tokens of grant ${grant.id} could not be opened (${code}); the grant needs reconnecting`);
    const app = appLabel(provider);
    const reason = `The saved sign-in for ${app} could not be read, so Practice Sync cannot use this connection. Please reconnect ${app}.`;
    await markNeedsReauth(reason);
    throw new ProviderError({ kind: 'reauth_required', provider, code: 'token_unreadable', message: reason });
  }

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
      let accessToken: string;
      let refreshToken: string | null;
      try {
        accessToken = openFor(grant.id, 'access_token', row.access);
        refreshToken = row.refresh ? openFor(grant.id, 'refresh_token', row.refresh) : null;
      } catch (error) {
        if (!isSecretError(error)) throw error;
        return unreadable(error.code);
      }
      if (refreshToken) versionOf.set(refreshToken, row.version);
      const tokens: TokenSet = { accessToken, refreshToken, expiresAt: row.expiresAt?.getTime() ?? 0, scope: row.scope };
      if (isSealedWithOldKey(row.access) || (row.refresh !== null && isSealedWithOldKey(row.refresh))) {
        // Same tokens, new seal. Compare-and-swap on the version AND the sealed value read, so a
        // refresh saved meanwhile is never overwritten; the version is left alone, so a refresh
        // racing with this re-seal still saves. Losing the race just means another reader re-sealed.
        await db
          .update(connectionGrants)
          .set({ accessTokenSealed: sealFor(grant.id, 'access_token', accessToken), refreshTokenSealed: refreshToken ? sealFor(grant.id, 'refresh_token', refreshToken) : null })
          .where(and(scope, eq(connectionGrants.tokenVersion, row.version), eq(connectionGrants.accessTokenSealed, row.access)));
      }
      return tokens;
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
    markNeedsReauth,
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
