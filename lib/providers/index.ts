/** Shared adapter types; each app's API lives in ./xpm and ./gusto, the plumbing in ./http and ./oauth. */
export { ProviderError, isProviderError, type ProviderErrorKind, type ProviderName } from './errors';
export type { MapResult } from './mapping';
export { TokenManager, createMemoryTokenStore, type TokenSet, type TokenStore } from './oauth';
