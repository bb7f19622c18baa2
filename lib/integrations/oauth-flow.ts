import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { connectionGrants, type OAuthReturnTo, oauthStates } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import { markConnected } from '@/lib/commands/connections';
import type { Member } from '@/lib/dal/session';
import { createMemoryTokenStore, createOAuthState, type TokenSet } from '@/lib/providers/oauth';
import { buildXpmAuthorizeUrl, createXpmTokenManager, exchangeXpmCode, listXpmConnections, practiceManagerConnections } from '@/lib/providers/xpm';
import { isProviderError } from '@/lib/providers/errors';
import { buildGustoAuthorizeUrl, createGustoTokenManager, exchangeGustoCode, gustoCompanyOfToken } from '@/lib/providers/gusto';
import { appShortLabel, type AppId } from '@/lib/apps/registry';
import { forgetGrant } from './grant-clients';
import { sealedTokenColumns } from './grant-token-store';
import { gustoConfig, xpmConfig } from './provider-config';
import { openFor, sealFor } from './token-sealing';

export type { OAuthReturnTo };

const STATE_LIFETIME_MS = 10 * 60_000;

const CONNECT_ERROR = Symbol.for('practice-sync.connect-error');

/** A failure to show on the Integrations page: plain language, nothing secret. */
export class ConnectError extends Error {
  readonly [CONNECT_ERROR] = true;
  readonly code = 'connect_failed';
  constructor(
    message: string,
    /** Where the attempt's state said to return; null when the state itself was not valid. */
    readonly returnTo: OAuthReturnTo | null = null,
    /** The message itself says how to try again: a page showing it adds no retry of its own. */
    readonly saysRetry = false,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

/** By brand, not `instanceof`: the callback route and this module may be different copies. */
export function isConnectError(value: unknown): value is ConnectError {
  return typeof value === 'object' && value !== null && (value as { [CONNECT_ERROR]?: unknown })[CONNECT_ERROR] === true;
}

/** Where a failed completion's state said to return (null: the state itself was refused). */
export function returnToOf(error: unknown): OAuthReturnTo | null {
  const value = typeof error === 'object' && error !== null ? (error as { returnTo?: unknown }).returnTo : null;
  return value === 'integrations' || value === 'onboarding' ? value : null;
}

function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/**
 * Starts an authorisation: a single-use `state`, bound to this admin and practice, stored
 * only as a hash; the PKCE verifier (XPM) sealed beside it, and where the callback returns
 * (`returnTo`, chosen by the server action that starts the flow — never by a URL parameter).
 * Returns where to send the browser.
 */
export async function startAuthorization(member: Member, app: AppId, redirectUri: string, returnTo: OAuthReturnTo = 'integrations'): Promise<string> {
  const db = await getDb();
  const state = createOAuthState();
  const stateHash = hashState(state);
  let url: string;
  let codeVerifierSealed: string | null = null;
  if (app === 'xpm') {
    const request = buildXpmAuthorizeUrl(xpmConfig(), redirectUri, { state });
    url = request.url;
    codeVerifierSealed = sealFor(stateHash, 'code_verifier', request.codeVerifier);
  } else {
    url = buildGustoAuthorizeUrl(gustoConfig(), redirectUri, { state }).url;
  }
  await db.insert(oauthStates).values({
    stateHash,
    practiceId: member.practiceId,
    userId: member.userId,
    app,
    codeVerifierSealed,
    returnTo,
    expiresAt: new Date(Date.now() + STATE_LIFETIME_MS),
  });
  return url;
}

/** Consumes a state exactly once; a forged, replayed, expired or someone else's state fails. */
async function consumeState(member: Member, app: AppId, state: string | null): Promise<{ codeVerifier: string | null; returnTo: OAuthReturnTo }> {
  const invalid = new ConnectError(
    `This ${appShortLabel(app)} connection attempt is no longer valid (it expired, was already used, or was not started by you here). Nothing was connected — start again with Connect.`,
  );
  if (!state || state.length > 200) throw invalid;
  const db = await getDb();
  const stateHash = hashState(state);
  const [row] = await db
    .update(oauthStates)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(oauthStates.stateHash, stateHash),
        eq(oauthStates.practiceId, member.practiceId),
        eq(oauthStates.userId, member.userId),
        eq(oauthStates.app, app),
        isNull(oauthStates.usedAt),
        gt(oauthStates.expiresAt, new Date()),
      ),
    )
    .returning({ codeVerifierSealed: oauthStates.codeVerifierSealed, returnTo: oauthStates.returnTo });
  if (!row) throw invalid;
  return { codeVerifier: row.codeVerifierSealed ? openFor(stateHash, 'code_verifier', row.codeVerifierSealed) : null, returnTo: row.returnTo };
}

interface GrantToSave {
  externalId: string;
  label: string;
  tokens: TokenSet;
}

async function exchangeAndIdentify(app: AppId, code: string, redirectUri: string, codeVerifier: string | null): Promise<GrantToSave> {
  if (app === 'xpm') {
    if (!codeVerifier) throw new ConnectError('This XPM connection attempt is incomplete. Start again with Connect.', null, true);
    const config = xpmConfig();
    const tokens = await exchangeXpmCode(config, { code, redirectUri, codeVerifier });
    // Before the grant is saved, its fresh tokens live in memory only.
    const all = await listXpmConnections({ config, tokens: createXpmTokenManager({ config, store: createMemoryTokenStore(tokens) }) });
    const [tenant] = practiceManagerConnections(all);
    if (!tenant) {
      throw new ConnectError('The Xero login you approved has no Practice Manager organisation. Connect with a login that can use XPM.', null, true);
    }
    return { externalId: tenant.tenantId, label: tenant.tenantName ?? 'XPM practice', tokens };
  }
  const config = gustoConfig();
  const tokens = await exchangeGustoCode(config, { code, redirectUri });
  const store = createMemoryTokenStore(tokens);
  const info = await gustoCompanyOfToken({ config, tokens: createGustoTokenManager({ config, store }) });
  return { externalId: info.companyUuid, label: 'Gusto company', tokens };
}

/**
 * Finishes an authorisation: checks state, exchanges the code, finds the tenant or company,
 * then writes the connection and its grant in one transaction — so any failure before that
 * leaves no half-made connection. Returns the connection to fill the directory of, and where
 * the state said to return; a failure after the state was accepted says it too (ConnectError.returnTo).
 */
export async function completeAuthorization(
  member: Member,
  app: AppId,
  params: { code: string | null; state: string | null; error: string | null },
  redirectUri: string,
): Promise<{ connectionId: string; grantId: string; created: boolean; returnTo: OAuthReturnTo }> {
  const { codeVerifier, returnTo } = await consumeState(member, app, params.state);
  try {
    return { ...(await finishAuthorization(member, app, params, redirectUri, codeVerifier)), returnTo };
  } catch (error) {
    if (isConnectError(error)) throw new ConnectError(error.message, returnTo, error.saysRetry);
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { returnTo });
  }
}

async function finishAuthorization(
  member: Member,
  app: AppId,
  params: { code: string | null; error: string | null },
  redirectUri: string,
  codeVerifier: string | null,
): Promise<{ connectionId: string; grantId: string; created: boolean }> {
  if (params.error) {
    // Declined, the message says how to try again, once: the page adds no "Try again" of its own (a trial read both).
    if (params.error === 'access_denied') {
      throw new ConnectError(
        `Access to ${appShortLabel(app)} was declined, so nothing was connected. To connect it, choose Connect ${appShortLabel(app)} again, then Allow.`,
        null,
        true,
      );
    }
    throw new ConnectError(`${appShortLabel(app)} did not complete the connection (${params.error.slice(0, 60)}). Nothing was connected.`);
  }
  if (!params.code) throw new ConnectError(`${appShortLabel(app)} did not send an authorisation code. Nothing was connected.`);
  let grant: GrantToSave;
  try {
    grant = await exchangeAndIdentify(app, params.code, redirectUri, codeVerifier);
  } catch (error) {
    if (isConnectError(error)) throw error;
    if (isProviderError(error)) throw new ConnectError(error.message);
    throw error;
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The connection and its settings (safe defaults on a fresh connect, audited) through
    // the one write path; the grant and its sealed tokens beside it, in the same transaction.
    const { connectionId, created } = await markConnected(tx, memberActor(member), app);
    const now = new Date();
    // XPM has one grant; a reconnect replaces it. Gusto adds a grant per company.
    if (app === 'xpm') {
      const old = await tx
        .select({ id: connectionGrants.id })
        .from(connectionGrants)
        .where(
          and(eq(connectionGrants.connectionId, connectionId), eq(connectionGrants.practiceId, member.practiceId), sql`${connectionGrants.externalId} <> ${grant.externalId}`),
        );
      for (const o of old) forgetGrant(o.id);
      if (old.length) {
        await tx
          .delete(connectionGrants)
          .where(
            and(eq(connectionGrants.connectionId, connectionId), eq(connectionGrants.practiceId, member.practiceId), sql`${connectionGrants.externalId} <> ${grant.externalId}`),
          );
      }
    }
    const [upserted] = await tx
      .insert(connectionGrants)
      .values({
        practiceId: member.practiceId,
        connectionId,
        externalId: grant.externalId,
        label: grant.label,
        status: 'connected',
        createdByUserId: member.userId,
      })
      .onConflictDoUpdate({
        target: [connectionGrants.connectionId, connectionGrants.externalId],
        set: { status: 'connected', lastError: null, updatedAt: now },
      })
      .returning({ id: connectionGrants.id, tokenVersion: connectionGrants.tokenVersion });
    const grantId = upserted!.id;
    // Sealing needs the grant id (it is the associated data), so tokens are written second.
    await tx
      .update(connectionGrants)
      .set({ ...sealedTokenColumns(grantId, grant.tokens), tokenVersion: upserted!.tokenVersion + 1 })
      .where(and(eq(connectionGrants.id, grantId), eq(connectionGrants.practiceId, member.practiceId)));
    forgetGrant(grantId);
    return { connectionId, grantId, created };
  });
}
