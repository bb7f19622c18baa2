import Link from 'next/link';
import { Card, CardTitle } from '@/components/ui/card';
import { LastRunFacts } from '@/components/sync-runs/last-run-facts';
import { listAppRunOverviews } from '@/lib/dal/sync-runs';
import type { Member } from '@/lib/dal/session';
import { notInboundReason, runDirectionText } from '@/lib/sync/runs/format';
import { CAPABILITIES } from '@/lib/sync/rules';

/** The Dashboard's view of syncing: per connected app, its last run and the next scheduled one. */
export async function SyncOverview({ member }: { member: Member }) {
  const overviews = await listAppRunOverviews(member);
  return (
    <Card className="mt-4" aria-labelledby="sync-overview-title" data-testid="sync-overview">
      <CardTitle id="sync-overview-title">Syncing</CardTitle>
      {overviews.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No app is connected, so nothing syncs yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {overviews.map((overview) => {
            const reason = notInboundReason(overview.app, overview.settings);
            return (
              <li key={overview.app} className="py-3">
                <h3 className="text-sm font-semibold">
                  {CAPABILITIES[overview.app].label}
                  {reason ? null : <span className="font-normal text-slate-600"> · {runDirectionText(overview.app, overview.settings.direction)}</span>}
                </h3>
                {reason ? <p className="mt-1 text-sm text-slate-700">{reason}</p> : null}
                {overview.activeRun ? (
                  <p className="mt-1 text-sm text-slate-800">
                    A sync is {overview.activeRun.status === 'running' ? 'running' : 'waiting to start'} now.{' '}
                    <Link href={`/sync-history/${overview.activeRun.id}`} className="font-medium text-brand-700 underline">
                      Follow it
                    </Link>
                  </p>
                ) : null}
                <LastRunFacts overview={overview} timezone={member.practiceTimezone} className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" />
              </li>
            );
          })}
        </ul>
      )}
      <Link className="mt-3 inline-block text-sm font-medium text-brand-700 underline" href="/sync-history">
        View Sync history
      </Link>
    </Card>
  );
}
