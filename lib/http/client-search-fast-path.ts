import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientSearchAnswer } from '@/lib/dal/client-picker/answer-search';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { DATA_ONLY_CONTENT_SECURITY_POLICY, FIXED_SECURITY_HEADERS } from '@/lib/security/content-security-policy';
import { parseCookieHeader } from './cookie-header';

/** The one path answered here: the picker's search (not its `/duplicates` sibling, which Next serves). */
export const CLIENT_SEARCH_PATH = '/api/client-search';

/**
 * Answers `GET /api/client-search?q=…` straight from the HTTP server's request event, before
 * Next's request pipeline; returns false, touching nothing, for every other request.
 *
 * Why: the picker searches once per pause in typing, so this one route sets how many
 * people one process can serve. Per search, Next's routing, its Request/Response objects
 * and web-stream plumbing cost more CPU than the session check and the search together
 * (`BENCH_PROFILE` in npm run bench), and the proxy (proxy.ts) already skips this route.
 * The answer itself is the route handler's, from the same function
 * (lib/dal/client-picker/answer-search.ts): the same session check, practice scoping, input
 * handling, status codes and headers, plus the fixed headers next.config.mjs adds to Next's
 * answers. Only the exact path and GET are taken: a HEAD, another method, or the path spelled
 * otherwise goes to Next, whose route handler answers alike (or 405).
 */
export function serveClientSearchBeforeNext(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET') return false;
  const url = request.url ?? '';
  const queryAt = url.indexOf('?');
  if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== CLIENT_SEARCH_PATH) return false;
  const q = queryAt === -1 ? null : new URLSearchParams(url.slice(queryAt + 1)).get('q');
  const cookies = parseCookieHeader(request.headers.cookie);
  loadAnswer()
    .then(({ answerClientSearch }) => answerClientSearch(cookies, q))
    .then(
      (answer) => send(response, answer),
      (error: unknown) => {
        // answerClientSearch answers its own failures; this is a failure to even build an answer.
        console.error('[client-search] failed', describeErrorForLog(error));
        send(response, {
          status: 500,
          body: JSON.stringify({ error: 'Search failed. Try again.' }),
          headers: { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', 'Content-Security-Policy': DATA_ONLY_CONTENT_SECURITY_POLICY },
        });
      },
    );
  return true;
}

/**
 * The search's code (the DAL, the session check) is loaded with the first search, not as the
 * server starts: instrumentation installs this hook before Next serves anything, and every
 * module loaded there delays the first page (cold start).
 */
let answerModule: Promise<typeof import('@/lib/dal/client-picker/answer-search')> | undefined;
function loadAnswer() {
  answerModule ??= import('@/lib/dal/client-picker/answer-search').catch((error: unknown) => {
    answerModule = undefined; // a failed load is tried again by the next search, not remembered
    throw error;
  });
  return answerModule;
}

function send(response: ServerResponse, answer: ClientSearchAnswer): void {
  if (response.destroyed || response.headersSent) return; // the browser gave up on this search
  response.writeHead(answer.status, { ...FIXED_SECURITY_HEADERS, ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}
