import { Badge } from '@/components/ui/badge';
import { runStatusBadge, type RunStatus } from '@/lib/sync/runs/format';

/** A run's status in words, coloured by outcome (the colour never carries meaning alone). */
export function RunStatusBadge({ run }: { run: { status: RunStatus; discarded: boolean } }) {
  const badge = runStatusBadge(run);
  return (
    <Badge tone={badge.tone} data-testid="run-status">
      {badge.label}
    </Badge>
  );
}
