import type { Clock } from '../http/clock';
import type { FetchLike } from '../http/request';
import { TokenManager } from '../oauth/token-manager';
import type { TokenStore } from '../oauth/token-store';
import type { XpmConfig } from './config';
import { refreshXpmToken } from './oauth';

/** A TokenManager that refreshes through Xero identity. One per practice grant. */
export function createXpmTokenManager(options: { config: XpmConfig; store: TokenStore; fetch?: FetchLike; clock?: Clock; skewMs?: number }): TokenManager {
  return new TokenManager({
    provider: 'xpm',
    store: options.store,
    clock: options.clock,
    skewMs: options.skewMs,
    refresh: (refreshToken) => refreshXpmToken(options.config, refreshToken, { fetch: options.fetch, clock: options.clock }),
  });
}
