import 'server-only';
import { gustoConfig, xpmConfig } from '@/lib/integrations/provider-config';
import { createGustoTokenManager, revokeGustoToken } from '@/lib/providers/gusto';
import type { TokenManager, TokenStore } from '@/lib/providers/oauth';
import { createXpmTokenManager, revokeXpmToken } from '@/lib/providers/xpm';
import type { AppId } from './ids';

/**
 * How the server reaches each app's adapter (lib/providers), configured from the
 * environment. Server-only, unlike the registry's data (./registry.ts), which client
 * components read. Typed over every AppId: a new registry id does not compile until its
 * adapter is here. App-specific flows that differ in shape (the OAuth exchange, the
 * directory read) stay in their own modules and switch on the id there.
 */
export interface AppAdapter {
  /** Revokes a refresh token at the app (disconnect). Throws a ProviderError on failure. */
  revokeToken(refreshToken: string): Promise<void>;
  /** A token manager for one grant, refreshing through the app's token endpoint. */
  tokenManager(store: TokenStore): TokenManager;
}

const ADAPTERS: Readonly<Record<AppId, AppAdapter>> = {
  xpm: {
    revokeToken: (refreshToken) => revokeXpmToken(xpmConfig(), refreshToken),
    tokenManager: (store) => createXpmTokenManager({ config: xpmConfig(), store }),
  },
  gusto: {
    revokeToken: (refreshToken) => revokeGustoToken(gustoConfig(), refreshToken),
    tokenManager: (store) => createGustoTokenManager({ config: gustoConfig(), store }),
  },
};

export function appAdapter(app: AppId): AppAdapter {
  return ADAPTERS[app];
}
