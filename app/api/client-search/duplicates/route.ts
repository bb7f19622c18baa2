import { NextResponse, type NextRequest } from 'next/server';
import { findLikelyDuplicates } from '@/lib/dal/client-picker/duplicates';
import { currentMember } from '@/lib/dal/session';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { duplicateQuerySchema } from '@/lib/validation/proposal';

/**
 * GET /api/client-search/duplicates?name=&email=&taxNumber= — likely duplicates of a client
 * the author is about to create, across the practice's clients and connected directories.
 */
export async function GET(request: NextRequest) {
  const member = await currentMember();
  if (!member) return NextResponse.json({ error: 'Sign in to check for duplicates.' }, { status: 401, headers: NO_STORE });
  const params = request.nextUrl.searchParams;
  const draft = duplicateQuerySchema.parse({ name: params.get('name') ?? '', email: params.get('email') ?? '', taxNumber: params.get('taxNumber') ?? '' });
  try {
    return NextResponse.json({ duplicates: await findLikelyDuplicates(member, draft) }, { headers: NO_STORE });
  } catch (error) {
    console.error('[client-search/duplicates] failed', describeErrorForLog(error));
    return NextResponse.json({ error: 'Checking for duplicates failed. Try again.' }, { status: 500, headers: NO_STORE });
  }
}

const NO_STORE = { 'Cache-Control': 'private, no-store' };
