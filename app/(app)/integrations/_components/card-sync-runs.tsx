import { cache } from 'react';
import { listAppRunOverviews } from '@/lib/dal/sync-runs';
import { requireMember, type Member } from '@/lib/dal/session';
import type { AppId } from '@/lib/sync/rules';
import { LastRunFacts } from '@/components/sync-runs/last-run-facts';
import { SyncNow } from './sync-now';

// Both cards render in one request: read the runs once.
const overviewsFor = cache((member: Member) => listAppRunOverviews(member));

/**
 * The sync-run part of a connected app's card: last and next run, "Sync now" (admins, inbound
 * sources) or why nothing flows in, and the progress of a run going on. Reads its own data so
 * the card needs one line to show it.
 */
export async function CardSyncRuns({ app, isAdmin, timezone }: { app: AppId; isAdmin: boolean; timezone: string }) {
  const member = await requireMember();
  const overview = (await overviewsFor(member)).find((o) => o.app === app);
  if (!overview) return null;
  return (
    <div className="mt-4">
      <LastRunFacts overview={overview} timezone={timezone} isAdmin={isAdmin} />
      <SyncNow app={app} isAdmin={isAdmin} activeRunId={overview.activeRun?.id ?? null} lastRunId={overview.lastRun?.id ?? null} />
    </div>
  );
}
