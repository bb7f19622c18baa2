export { createGustoClient, gustoCompanyOfToken, type GustoClient, type GustoClientOptions } from './client';
export { GUSTO_API_VERSION, GUSTO_DEMO_BASE_URL, GUSTO_PRODUCTION_BASE_URL, GUSTO_SANDBOX_CREDENTIALS, gustoSandboxConfig, type GustoConfig } from './config';
export { buildGustoAuthorizeUrl, exchangeGustoCode, refreshGustoToken, revokeGustoToken } from './oauth';
export { mapGustoCompany } from './map-company';
export { GUSTO_MINUTE_BUDGET, sharedGustoBudget } from './limits';
export { createGustoTokenManager } from './tokens';
export type { GustoAdmin, GustoCompany, GustoLocation, GustoTokenInfo } from './schemas';
