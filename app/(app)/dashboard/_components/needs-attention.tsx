import Link from 'next/link';
import { Card, CardTitle } from '@/components/ui/card';
import { deploymentsNeedingAttention } from '@/lib/dal/proposals/deployment';
import { runsNeedingReview } from '@/lib/dal/sync-run-review';
import { appShortName } from '@/lib/sync/runs/format';
import type { Member } from '@/lib/dal/session';

/**
 * "Needs attention" on the Dashboard: syncs the mass-change guard paused (issue 12) and accepted
 * proposals whose workflow failed to deploy to XPM or waits for an admin's choice (issue 11).
 * Each item links to its fix (the run's review, Retry deployment, the choice). Nothing when all is well.
 */
export async function NeedsAttention({ member }: { member: Member }) {
  const [items, paused] = await Promise.all([deploymentsNeedingAttention(member), runsNeedingReview(member)]);
  if (items.length === 0 && paused.length === 0) return null;
  return (
    <Card className="mb-4 border-amber-300" aria-labelledby="attention-title" data-testid="needs-attention">
      <CardTitle id="attention-title">Needs attention</CardTitle>
      <ul className="mt-2 space-y-2 text-sm">
        {paused.map((run) => (
          <li key={run.id}>
            <Link href={`/sync-history/${run.id}`} className="font-medium text-brand-700 underline">
              A sync from {appShortName(run.app)} is paused for review
            </Link>
            : {run.reason}
          </li>
        ))}
        {items.map((item) => (
          <li key={item.proposalId}>
            <Link href={`/proposals/${item.proposalId}`} className="font-medium text-brand-700 underline">
              {item.title}
            </Link>
            : {item.message}
          </li>
        ))}
      </ul>
    </Card>
  );
}
