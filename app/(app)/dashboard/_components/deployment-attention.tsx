import Link from 'next/link';
import { Card, CardTitle } from '@/components/ui/card';
import { deploymentsNeedingAttention } from '@/lib/dal/proposals/deployment';
import type { Member } from '@/lib/dal/session';

/**
 * "Needs attention" on the Dashboard (issue 11): accepted proposals whose workflow failed to
 * deploy to XPM, or waits for an admin to choose the XPM client. Each item links to its fix
 * on the proposal's page (Retry deployment, or the choice). Nothing when all is well.
 */
export async function DeploymentAttention({ member }: { member: Member }) {
  const items = await deploymentsNeedingAttention(member);
  if (items.length === 0) return null;
  return (
    <Card className="mb-4 border-amber-300" aria-labelledby="attention-title" data-testid="needs-attention">
      <CardTitle id="attention-title">Needs attention</CardTitle>
      <ul className="mt-2 space-y-2 text-sm">
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
