import { NextResponse, type NextRequest } from 'next/server';
import { searchClientPicker } from '@/lib/dal/client-picker/search';
import { MAX_QUERY_LENGTH } from '@/lib/dal/client-picker/search-terms';
import { currentMember } from '@/lib/dal/session';

/**
 * GET /api/client-search?q=… — the client picker's search, for the signed-in member's
 * practice only (the practice comes from the session, never from the request). A route
 * handler rather than a server function so the browser can abort stale searches.
 */
export async function GET(request: NextRequest) {
  const member = await currentMember();
  if (!member) return NextResponse.json({ error: 'Sign in to search clients.' }, { status: 401, headers: NO_STORE });
  const q = (request.nextUrl.searchParams.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
  try {
    return NextResponse.json(await searchClientPicker(member, q), { headers: NO_STORE });
  } catch (error) {
    console.error('[client-search] failed', error instanceof Error ? error.stack : error);
    return NextResponse.json({ error: 'Search failed. Try again.' }, { status: 500, headers: NO_STORE });
  }
}

// Results are per member and change as clients and directories do: never cached.
const NO_STORE = { 'Cache-Control': 'private, no-store' };
