/**
 * The Content-Security-Policy and the other per-request security headers, as pure
 * functions of what the proxy knows (proxy.ts sets them on every page and route).
 *
 * Scripts run only with this request's nonce ('strict-dynamic' lets those scripts load the
 * page's chunks): Next reads the nonce from the CSP request header and puts it on its own
 * scripts; the root layout passes it to our one inline script (components/leave-guard).
 */
export interface SecurityHeaderOptions {
  nonce: string;
  /** Origins a form may post to besides ours: the apps' OAuth authorize pages (see oauth-origins.ts). */
  formActionOrigins: readonly string[];
  /** The app is served over HTTPS (APP_URL): HSTS, and upgrade any stray http:// request. */
  https: boolean;
  /** `next dev` only: React uses eval to rebuild server error stacks in the browser. */
  development: boolean;
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    // 'unsafe-inline' for styles, not a nonce: React renders `style` attributes (Radix sets
    // positions and sizes that way), which a nonce cannot cover; styles cannot run code.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    // Chromium also checks a form post's redirects: "Connect" posts here and is sent on to
    // the app's authorize page, so those origins must be listed or connecting breaks.
    ['form-action', "'self'", ...options.formActionOrigins],
    ['frame-ancestors', "'none'"],
    ...(options.https ? ([['upgrade-insecure-requests']] as [string][]) : []),
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** Two years, subdomains included: only ever sent when the app is served over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    ...(options.https ? { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/**
 * For JSON-only routes the proxy does not run on (proxy.ts `config.matcher`): their answers
 * are data, never a document, so the policy allows nothing at all — no script, no frame, no
 * form — which is stricter than any page's and needs no nonce, so it is the same every time.
 */
export const DATA_ONLY_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function dataOnlySecurityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': DATA_ONLY_CONTENT_SECURITY_POLICY,
    ...(options.https ? { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/** 128 random bits, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

// Kept in a plain-JavaScript module that next.config.mjs can import without compiling.
export { FIXED_SECURITY_HEADERS, PERMISSIONS_POLICY } from './fixed-security-headers.mjs';

/** The header the root layout reads the nonce from (set on the request by the proxy). */
export const NONCE_HEADER = 'x-nonce';
