import { NextResponse, type NextRequest } from 'next/server';
import { answerClientSearch } from '@/lib/dal/client-picker/answer-search';

/**
 * GET /api/client-search?q=… — the client picker's search (lib/dal/client-picker/answer-search.ts).
 * A route handler rather than a server function so the browser can abort stale searches.
 * Under `next start` the same request is answered before Next's own pipeline
 * (lib/http/client-search-fast-path.ts, hooked in by instrumentation-node.ts); this handler
 * serves it wherever that hook is not in place (`next dev` before instrumentation has run,
 * or a path spelled differently) and answers exactly alike.
 */
export async function GET(request: NextRequest) {
  const answer = await answerClientSearch(request.cookies.getAll(), request.nextUrl.searchParams.get('q'));
  return new NextResponse(answer.body, { status: answer.status, headers: answer.headers });
}
