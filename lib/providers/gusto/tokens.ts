import type { Clock } from '../http/clock';
import type { FetchLike } from '../http/request';
import { TokenManager } from '../oauth/token-manager';
import type { TokenStore } from '../oauth/token-store';
import type { GustoConfig } from './config';
import { refreshGustoToken } from './oauth';

/** A TokenManager that refreshes through Gusto. One per company grant. */
export function createGustoTokenManager(options: { config: GustoConfig; store: TokenStore; fetch?: FetchLike; clock?: Clock; skewMs?: number }): TokenManager {
  return new TokenManager({
    provider: 'gusto',
    store: options.store,
    clock: options.clock,
    skewMs: options.skewMs,
    refresh: (refreshToken) => refreshGustoToken(options.config, refreshToken, { fetch: options.fetch, clock: options.clock }),
  });
}
