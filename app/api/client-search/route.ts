import { NextResponse, type NextRequest } from 'next/server';
import { searchClientPicker } from '@/lib/dal/client-picker/search';
import { MAX_QUERY_LENGTH } from '@/lib/dal/client-picker/search-terms';
import { currentMember } from '@/lib/dal/session';
import { env } from '@/lib/env';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { dataOnlySecurityHeaders } from '@/lib/security/content-security-policy';
import { stripControlCharacters } from '@/lib/validation/text';

/**
 * GET /api/client-search?q=… — the client picker's search, for the signed-in member's
 * practice only (the practice comes from the session, never from the request). A route
 * handler rather than a server function so the browser can abort stale searches.
 *
 * Answers carry a Server-Timing header (session check, search) so the benchmark and the
 * browser's network panel show where the time goes; it holds durations only.
 */
export async function GET(request: NextRequest) {
  const started = performance.now();
  const member = await currentMember();
  const authMs = performance.now() - started;
  if (!member) return NextResponse.json({ error: 'Sign in to search clients.' }, { status: 401, headers: NO_STORE });
  // A NUL reaching PostgreSQL fails the query: control characters are dropped, as on the list pages.
  const q = stripControlCharacters(request.nextUrl.searchParams.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
  try {
    const result = await searchClientPicker(member, q);
    const searchMs = performance.now() - started - authMs;
    return NextResponse.json(result, { headers: { ...NO_STORE, 'Server-Timing': `auth;dur=${authMs.toFixed(2)}, search;dur=${searchMs.toFixed(2)}` } });
  } catch (error) {
    console.error('[client-search] failed', describeErrorForLog(error));
    return NextResponse.json({ error: 'Search failed. Try again.' }, { status: 500, headers: NO_STORE });
  }
}

/**
 * Results are per member and change as clients and directories do: never cached. Nor
 * compressed by the server (`no-transform`): an answer is a few kB, one per pause in typing,
 * and gzip was a tenth of the app thread's work per search, which sets how many searches one
 * process can answer (npm run bench). A proxy in front may still compress them.
 * The security headers are this route's own: proxy.ts does not run for it (see its matcher);
 * the fixed ones (nosniff, frame refusal, Permissions-Policy) still come from next.config.ts.
 */
const NO_STORE = {
  'Cache-Control': 'private, no-store, no-transform',
  ...dataOnlySecurityHeaders({ https: env().APP_URL?.startsWith('https:') ?? false }),
};
