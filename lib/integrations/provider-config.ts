import 'server-only';
import { env } from '@/lib/env';
import { type GustoConfig, gustoSandboxConfig } from '@/lib/providers/gusto/config';
import { type XpmConfig, xpmSandboxConfig } from '@/lib/providers/xpm/config';

/**
 * Where each app lives, from the environment. With nothing set, both point at the bundled
 * sandbox (lib/sandbox), so the same adapter code runs against it or the real services.
 */
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4010';

export function sandboxUrl(): string {
  return env().SANDBOX_URL ?? DEFAULT_SANDBOX_URL;
}

export function xpmConfig(): XpmConfig {
  const e = env();
  const sandbox = xpmSandboxConfig(sandboxUrl());
  return {
    clientId: e.XPM_CLIENT_ID ?? sandbox.clientId,
    clientSecret: e.XPM_CLIENT_SECRET ?? sandbox.clientSecret,
    authorizeUrl: e.XPM_AUTHORIZE_URL ?? sandbox.authorizeUrl,
    tokenUrl: e.XPM_TOKEN_URL ?? sandbox.tokenUrl,
    revocationUrl: e.XPM_REVOCATION_URL ?? sandbox.revocationUrl,
    apiBase: e.XPM_API_BASE ?? sandbox.apiBase,
  };
}

export function gustoConfig(): GustoConfig {
  const e = env();
  const sandbox = gustoSandboxConfig(sandboxUrl());
  return {
    clientId: e.GUSTO_CLIENT_ID ?? sandbox.clientId,
    clientSecret: e.GUSTO_CLIENT_SECRET ?? sandbox.clientSecret,
    baseUrl: e.GUSTO_BASE_URL ?? sandbox.baseUrl,
  };
}

/** The OAuth redirect URI for an app: APP_URL when set, else the origin the admin is using. */
export function oauthRedirectUri(app: 'xpm' | 'gusto', requestOrigin: string): string {
  const base = (env().APP_URL ?? requestOrigin).replace(/\/+$/, '');
  return `${base}/api/integrations/${app}/callback`;
}

/**
 * The app's public origin: APP_URL when set, else what the browser used (the Host header).
 * `request.nextUrl.origin` is not enough: under `next start -H 127.0.0.1` it reports
 * "localhost", and a redirect there would lose the session cookie set for 127.0.0.1.
 */
export function appOrigin(headers: Headers, fallback: string): string {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!host) return fallback;
  const proto = headers.get('x-forwarded-proto') ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}
