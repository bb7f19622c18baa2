export { TokenManager, DEFAULT_REFRESH_SKEW_MS, type Refresher, type TokenManagerOptions } from './token-manager';
export { createMemoryTokenStore, type MemoryTokenStore, type TokenStore } from './token-store';
export { parseTokenResponse, tokenEndpointError, type TokenSet } from './token-set';
export { createPkcePair, pkceChallenge, createOAuthState, type PkcePair } from './pkce';
export { sendAuthorized } from './authorized-request';
