import { Badge } from '@/components/ui/badge';
import { STATUS_BADGE, type RunStatus } from '@/lib/sync/runs/format';

/** A run's status in words, coloured by outcome (the colour never carries meaning alone). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const badge = STATUS_BADGE[status];
  return (
    <Badge tone={badge.tone} data-testid="run-status">
      {badge.label}
    </Badge>
  );
}
