import 'server-only';
import { sessionFromCookies } from '@/lib/auth/session-cookie';
import { loadMember } from '@/lib/dal/session';
import { env } from '@/lib/env';
import { noteForegroundActivity } from '@/lib/jobs/foreground';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { authSecret } from '@/lib/secrets';
import { dataOnlySecurityHeaders } from '@/lib/security/content-security-policy';
import { stripControlCharacters } from '@/lib/validation/text';
import { searchClientPicker } from './search';
import { MAX_QUERY_LENGTH } from './search-terms';

/** One answer of GET /api/client-search, ready to send: the JSON text, its status and headers. */
export interface ClientSearchAnswer {
  status: 200 | 401 | 500;
  body: string;
  headers: Record<string, string>;
}

/**
 * GET /api/client-search?q=… — the client picker's search, for the signed-in member's
 * practice only (the practice comes from the session, never from the request). Both ways a
 * search is served call this: the route handler (app/api/client-search/route.ts) and, under
 * `next start`, the same request answered before Next's pipeline
 * (lib/http/client-search-fast-path.ts). So authorisation, scoping, input handling and
 * headers are one piece of code whichever serves it.
 *
 * Given the request's cookies and its `q` parameter. The session is checked as
 * `currentMember` checks it (the session cookie, then the member at that session version),
 * and the moment is noted as someone using the app, so a sync run makes way.
 *
 * Answers carry a Server-Timing header (session check, search) so the benchmark and the
 * browser's network panel show where the time goes; it holds durations only.
 */
export async function answerClientSearch(cookies: readonly { name: string; value: string }[], rawQuery: string | null): Promise<ClientSearchAnswer> {
  const started = performance.now();
  try {
    noteForegroundActivity();
    const claims = await sessionFromCookies(cookies, authSecret());
    const member = claims ? await loadMember(claims.userId, claims.sessionVersion) : null;
    const authMs = performance.now() - started;
    if (!member) return json(401, { error: 'Sign in to search clients.' });
    // A NUL reaching PostgreSQL fails the query: control characters are dropped, as on the list pages.
    const q = stripControlCharacters(rawQuery ?? '').slice(0, MAX_QUERY_LENGTH);
    const result = await searchClientPicker(member, q);
    const searchMs = performance.now() - started - authMs;
    return json(200, result, { 'Server-Timing': `auth;dur=${authMs.toFixed(2)}, search;dur=${searchMs.toFixed(2)}` });
  } catch (error) {
    console.error('[client-search] failed', describeErrorForLog(error));
    return json(500, { error: 'Search failed. Try again.' });
  }
}

function json(status: ClientSearchAnswer['status'], value: unknown, extra: Record<string, string> = {}): ClientSearchAnswer {
  return { status, body: JSON.stringify(value), headers: { 'Content-Type': 'application/json', ...noStore(), ...extra } };
}

/**
 * Results are per member and change as clients and directories do: never cached. Nor
 * compressed by the server (`no-transform`): an answer is a few kB, one per pause in typing,
 * and gzip was a tenth of the app thread's work per search, which sets how many searches one
 * process can answer (npm run bench). A proxy in front may still compress them.
 * The security policy is this answer's own: proxy.ts does not run for the search (see its
 * matcher), and the answer is data, never a document.
 */
function noStore(): Record<string, string> {
  return {
    'Cache-Control': 'private, no-store, no-transform',
    ...dataOnlySecurityHeaders({ https: env().APP_URL?.startsWith('https:') ?? false }),
  };
}
