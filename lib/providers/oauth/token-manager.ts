import { appLabel, isProviderError, ProviderError, registerSecret, type ProviderName } from '../errors';
import { systemClock, type Clock } from '../http/clock';
import type { TokenSet } from './token-set';
import type { TokenStore } from './token-store';

/** Trades a refresh token for new tokens; throws ProviderError `reauth_required` on invalid_grant. */
export type Refresher = (refreshToken: string) => Promise<TokenSet>;

export interface TokenManagerOptions {
  provider: ProviderName;
  store: TokenStore;
  refresh: Refresher;
  clock?: Clock;
  /** Refresh this long before expiry, so a token does not die in flight. */
  skewMs?: number;
}

export const DEFAULT_REFRESH_SKEW_MS = 60_000;

/**
 * Hands out a valid access token for one grant.
 *
 * Refresh is single-flight in this process (concurrent callers share one promise) and
 * compare-and-swap across processes (TokenStore.saveRotated). Refresh tokens rotate and a
 * reused one is refused with invalid_grant, so before treating invalid_grant as "the grant is
 * gone" we reload the store: another process may simply have rotated first.
 */
export class TokenManager {
  readonly provider: ProviderName;
  private readonly store: TokenStore;
  private readonly refresher: Refresher;
  private readonly clock: Clock;
  private readonly skewMs: number;
  private cached: TokenSet | null = null;
  private inflight: Promise<TokenSet> | null = null;
  /** A refresh token the app refused: never send it again. */
  private deadRefreshToken: string | null = null;

  constructor(options: TokenManagerOptions) {
    this.provider = options.provider;
    this.store = options.store;
    this.refresher = options.refresh;
    this.clock = options.clock ?? systemClock;
    this.skewMs = options.skewMs ?? DEFAULT_REFRESH_SKEW_MS;
  }

  async getAccessToken(): Promise<string> {
    if (this.cached && this.isFresh(this.cached)) return this.cached.accessToken;
    // Loading the store is part of the single flight: it usually finds the tokens fresh.
    return (await this.refreshOnce(null)).accessToken;
  }

  /**
   * The app refused `rejectedAccessToken` (401) although it looked fresh — expired early,
   * or revoked. Refresh once, however many requests saw the same refusal.
   */
  async forceRefresh(rejectedAccessToken: string): Promise<string> {
    if (this.cached && this.cached.accessToken !== rejectedAccessToken && this.isFresh(this.cached)) {
      return this.cached.accessToken; // someone already replaced it
    }
    const joined = await this.refreshOnce(rejectedAccessToken);
    if (joined.accessToken !== rejectedAccessToken) return joined.accessToken;
    // We joined a flight that only reloaded the rejected token; this one refreshes.
    return (await this.refreshOnce(rejectedAccessToken)).accessToken;
  }

  private refreshOnce(rejected: string | null): Promise<TokenSet> {
    if (!this.inflight) {
      this.inflight = this.refreshFromStore(rejected).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async refreshFromStore(rejected: string | null): Promise<TokenSet> {
    // Another process may already have refreshed: its tokens are in the store.
    const latest = await this.store.load();
    if (!latest) throw this.notConnected();
    if (latest.accessToken !== rejected && this.isFresh(latest)) return this.adopt(latest);
    if (!latest.refreshToken) return this.giveUp(`${appLabel(this.provider)} did not allow this connection to renew itself. Please reconnect ${appLabel(this.provider)}.`);
    if (latest.refreshToken === this.deadRefreshToken) return this.giveUp(this.reauthMessage());

    let next: TokenSet;
    try {
      next = await this.refresher(latest.refreshToken);
    } catch (error) {
      if (!isProviderError(error) || error.kind !== 'reauth_required') throw error;
      // Lost a race with another process (which spent this refresh token), or truly revoked?
      const after = await this.store.load();
      if (after && after.refreshToken !== latest.refreshToken && after.accessToken !== rejected) {
        return this.adopt(after);
      }
      this.deadRefreshToken = latest.refreshToken;
      return this.giveUp(error.message);
    }

    // Some apps only rotate sometimes; keep the old refresh token when no new one came.
    const rotated: TokenSet = { ...next, refreshToken: next.refreshToken ?? latest.refreshToken };
    const result = await this.store.saveRotated(latest.refreshToken, rotated);
    if (result === 'saved') return this.adopt(rotated);
    // Another process saved first; its refresh token is the one the app will honour next.
    const winner = await this.store.load();
    if (!winner) throw this.notConnected();
    return this.adopt(this.isFresh(winner) ? winner : rotated);
  }

  private adopt(tokens: TokenSet): TokenSet {
    // Tokens loaded from the store are redacted from error text like freshly issued ones.
    registerSecret(tokens.accessToken);
    registerSecret(tokens.refreshToken);
    this.cached = tokens;
    return tokens;
  }

  private async giveUp(reasonForPeople: string): Promise<never> {
    this.cached = null;
    await this.store.markNeedsReauth(reasonForPeople);
    throw new ProviderError({ kind: 'reauth_required', provider: this.provider, code: 'invalid_grant', message: reasonForPeople });
  }

  private reauthMessage(): string {
    const app = appLabel(this.provider);
    return `${app} no longer accepts this connection (access was revoked or has expired). Please reconnect ${app}.`;
  }

  private notConnected(): ProviderError {
    this.cached = null;
    const app = appLabel(this.provider);
    return new ProviderError({ kind: 'reauth_required', provider: this.provider, message: `${app} is not connected. Please connect ${app}.` });
  }

  private isFresh(tokens: TokenSet): boolean {
    return tokens.expiresAt - this.skewMs > this.clock.now();
  }
}
