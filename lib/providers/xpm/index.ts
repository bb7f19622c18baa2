export { createXpmClient, listXpmConnections, practiceManagerConnections, deleteXpmConnection, formatModifiedSince, nextPageToken } from './client';
export type { XpmClient, XpmClientOptions, XpmConnection, XpmConnectionsOptions, XpmPage } from './client';
export type { XpmClientFields, XpmContactFields, XpmNewClient } from './client-xml';
export { DEFAULT_XPM_SCOPES, XPM_PRODUCTION_URLS, XPM_SANDBOX_CREDENTIALS, xpmSandboxConfig, type XpmConfig } from './config';
export { buildXpmAuthorizeUrl, exchangeXpmCode, refreshXpmToken, revokeXpmToken, type XpmAuthorizeRequest } from './oauth';
export { mapXpmClient, mapXpmContact, isMaskedTaxNumber } from './map-client';
export { sharedXpmBudget, sharedXpmLimiter, XPM_MAX_CONCURRENT, XPM_MINUTE_BUDGET, type XpmRateLimits } from './limits';
export { createXpmTokenManager } from './tokens';
