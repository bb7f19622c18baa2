/**
 * Where Gusto lives and who we are to it. OAuth and the API share one base URL:
 * `${baseUrl}/oauth/authorize|token|revoke` and `${baseUrl}/v1/…`.
 */
export interface GustoConfig {
  clientId: string;
  clientSecret: string;
  /** https://api.gusto.com, https://api.gusto-demo.com, or the sandbox's `/gusto`. */
  baseUrl: string;
  /** Defaults to GUSTO_API_VERSION. */
  apiVersion?: string;
}

/** The API version this adapter's mapping is written against (reference spec). */
export const GUSTO_API_VERSION = '2025-06-15';

export const GUSTO_PRODUCTION_BASE_URL = 'https://api.gusto.com';
export const GUSTO_DEMO_BASE_URL = 'https://api.gusto-demo.com';

export const GUSTO_SANDBOX_CREDENTIALS = { clientId: 'sandbox-gusto-client', clientSecret: 'sandbox-gusto-secret' } as const;

export function gustoSandboxConfig(sandboxUrl: string, credentials: { clientId: string; clientSecret: string } = GUSTO_SANDBOX_CREDENTIALS): GustoConfig {
  return { ...credentials, baseUrl: `${sandboxUrl.replace(/\/+$/, '')}/gusto` };
}

/** Access tokens last 2 hours; used only if the token endpoint omits expires_in. */
export const GUSTO_ACCESS_TOKEN_SECONDS = 7200;

export function gustoUrl(config: Pick<GustoConfig, 'baseUrl'>, path: string): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
