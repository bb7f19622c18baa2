/**
 * Whether Auth.js sets its cookies `Secure` (and `__Secure-` named). The public URL
 * decides: behind a TLS-terminating proxy the app itself sees plain HTTP, and a client
 * could claim either with X-Forwarded-Proto. Without APP_URL (local demo), Auth.js goes by
 * the request as before. lib/auth/session-cookie.ts and proxy.ts accept both names.
 */
export function secureCookiesFor(appUrl: string | undefined): boolean | undefined {
  if (!appUrl) return undefined;
  try {
    return new URL(appUrl).protocol === 'https:';
  } catch {
    return undefined; // lib/env.ts refuses a malformed APP_URL before this is reached
  }
}
