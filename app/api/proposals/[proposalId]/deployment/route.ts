import { NextResponse, type NextRequest } from 'next/server';
import { getDeploymentView } from '@/lib/dal/proposals/deployment';
import { currentMember } from '@/lib/dal/session';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { uuidParam } from '@/lib/validation/fields';

/**
 * GET /api/proposals/[proposalId]/deployment — where the proposal's workflow deployment
 * stands, polled by the proposal page while it waits or runs. The practice comes from the
 * session: another practice's proposal is "not found", exactly like one that does not exist.
 */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ proposalId: string }> }) {
  const member = await currentMember();
  if (!member) return NextResponse.json({ error: 'Sign in to see the deployment.' }, { status: 401, headers: NO_STORE });
  const { proposalId } = await params;
  if (!uuidParam.safeParse(proposalId).success) return NextResponse.json({ error: 'That proposal was not found.' }, { status: 404, headers: NO_STORE });
  try {
    const view = await getDeploymentView(member, proposalId);
    if (!view) return NextResponse.json({ error: 'That proposal was not found.' }, { status: 404, headers: NO_STORE });
    return NextResponse.json(view, { headers: NO_STORE });
  } catch (error) {
    console.error('[deploy] deployment view failed', describeErrorForLog(error));
    return NextResponse.json({ error: 'Could not read the deployment. Trying again.' }, { status: 500, headers: NO_STORE });
  }
}

const NO_STORE = { 'Cache-Control': 'private, no-store' };
