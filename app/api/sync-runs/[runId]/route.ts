import { NextResponse, type NextRequest } from 'next/server';
import { getSyncRunProgress } from '@/lib/dal/sync-runs';
import { currentMemberWithoutActivity } from '@/lib/dal/session';
import { describeErrorForLog } from '@/lib/log-safe-error';

/**
 * GET /api/sync-runs/[runId] — one run's progress for the app card's progress bar, polled
 * about once a second while the run waits or runs. The practice comes from the session: a
 * run of another practice is "not found", exactly like one that does not exist. Only the
 * state and the counters are answered — no error detail, no ids of anything else.
 */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ runId: string }> }) {
  // Polling is not using the app: counted as such, it slowed the run it watches (lib/dal/session.ts).
  const member = await currentMemberWithoutActivity();
  if (!member) return NextResponse.json({ error: 'Sign in to see sync progress.' }, { status: 401, headers: NO_STORE });
  const { runId } = await params;
  try {
    const progress = await getSyncRunProgress(member, runId);
    if (!progress) return NextResponse.json({ error: 'That sync run was not found.' }, { status: 404, headers: NO_STORE });
    return NextResponse.json(progress, { headers: NO_STORE });
  } catch (error) {
    console.error('[sync-runs] progress failed', describeErrorForLog(error));
    return NextResponse.json({ error: 'Could not read the progress. Trying again.' }, { status: 500, headers: NO_STORE });
  }
}

// Progress changes every second and belongs to one member's practice: never cached.
const NO_STORE = { 'Cache-Control': 'private, no-store' };
