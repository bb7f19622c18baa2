import { type NextRequest, NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { createNonce, NONCE_HEADER, securityHeaders } from '@/lib/security/content-security-policy';
import { oauthAuthorizeOrigins } from '@/lib/security/oauth-origins';

/**
 * Two jobs for every page and route:
 *
 * 1. Security headers that differ per request or per environment: a Content-Security-Policy
 *    with a fresh script nonce (Next reads it from the request's CSP header and puts it on
 *    its own scripts; the root layout reads NONCE_HEADER), and HSTS when APP_URL is https.
 *    Fixed headers (frame options, Permissions-Policy…) are in next.config.mjs.
 * 2. Optimistic redirects only: a request for a page without a session cookie is sent to
 *    sign-in before any rendering. This is not authorisation — every page, action and route
 *    handler checks the session and role itself (lib/dal); API routes answer 401 themselves.
 */
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
const PUBLIC_PATHS = ['/sign-in', '/sign-up'];
// Files served as they are (public/: icons, robots.txt, the web manifest): never sent to sign-in.
const PUBLIC_FILE = /\.(?:svg|png|ico|txt|webmanifest)$/;

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    formActionOrigins: oauthAuthorizeOrigins(),
    https: env().APP_URL?.startsWith('https:') ?? false,
    development: process.env.NODE_ENV === 'development',
  });

  const redirect = signInRedirect(request);
  if (redirect) return withHeaders(redirect, headers);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

function signInRedirect(request: NextRequest): NextResponse | null {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/') || PUBLIC_FILE.test(pathname)) return null;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (hasSession || isPublic) return null;
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build output: API routes too (Auth.js's routes can answer with HTML, so
  // the policy must cover them), and public files (a missing one answers with a 404 page).
  // Not the client picker's search: it answers JSON only, with its own fixed security headers
  // (lib/security dataOnlySecurityHeaders), and is the app's most frequent request — running
  // the proxy was a fifth of the app's CPU per search (npm run bench, /proc), which decides
  // how many searches two instances answer on two cores. Its sibling routes keep the proxy.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/client-search$).*)'],
};
