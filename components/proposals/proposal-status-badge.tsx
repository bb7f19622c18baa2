import { Badge } from '@/components/ui/badge';
import type { ProposalStatusValue } from '@/lib/validation/proposal-statuses';

const TONE = { draft: 'neutral', sent: 'info', accepted: 'success', declined: 'danger' } as const;
export const STATUS_LABEL: Readonly<Record<ProposalStatusValue, string>> = {
  draft: 'Draft',
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
};

export function ProposalStatusBadge({ status }: { status: ProposalStatusValue }) {
  return <Badge tone={TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}
