/**
 * Where XPM lives and who we are to it. The app builds this from validated environment
 * variables; the sandbox helpers below give the defaults used when none are set.
 */
export interface XpmConfig {
  clientId: string;
  clientSecret: string;
  /** Xero identity: https://login.xero.com/identity/connect/authorize */
  authorizeUrl: string;
  /** https://identity.xero.com/connect/token */
  tokenUrl: string;
  /** https://identity.xero.com/connect/revocation */
  revocationUrl: string;
  /** https://api.xero.com — connections at `${apiBase}/connections`, XPM at `${apiBase}/practicemanager/3.1/`. */
  apiBase: string;
  /** Defaults to DEFAULT_XPM_SCOPES. */
  scopes?: readonly string[];
}

/**
 * `practicemanager` rather than `practicemanager.client`: deploying a workflow when a
 * proposal is accepted creates jobs, which the client-only scope does not allow.
 * `offline_access` is what yields a refresh token; `openid profile email` name the person
 * who connected, for the connection card.
 */
export const DEFAULT_XPM_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'practicemanager'] as const;

export const XPM_PRODUCTION_URLS = {
  authorizeUrl: 'https://login.xero.com/identity/connect/authorize',
  tokenUrl: 'https://identity.xero.com/connect/token',
  revocationUrl: 'https://identity.xero.com/connect/revocation',
  apiBase: 'https://api.xero.com',
} as const;

export const XPM_SANDBOX_CREDENTIALS = { clientId: 'sandbox-xpm-client', clientSecret: 'sandbox-xpm-secret' } as const;

/** The same paths under the bundled sandbox's `/xero` prefix. */
export function xpmSandboxConfig(sandboxUrl: string, credentials: { clientId: string; clientSecret: string } = XPM_SANDBOX_CREDENTIALS): XpmConfig {
  const base = `${trimSlash(sandboxUrl)}/xero`;
  return {
    ...credentials,
    authorizeUrl: `${base}/login/identity/connect/authorize`,
    tokenUrl: `${base}/identity/connect/token`,
    revocationUrl: `${base}/identity/connect/revocation`,
    apiBase: `${base}/api`,
  };
}

/** Access tokens last 30 minutes; used only if the token endpoint omits expires_in. */
export const XPM_ACCESS_TOKEN_SECONDS = 1800;

export function practiceManagerBase(config: Pick<XpmConfig, 'apiBase'>): string {
  return `${trimSlash(config.apiBase)}/practicemanager/3.1/`;
}

export function connectionsUrl(config: Pick<XpmConfig, 'apiBase'>): string {
  return `${trimSlash(config.apiBase)}/connections`;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
