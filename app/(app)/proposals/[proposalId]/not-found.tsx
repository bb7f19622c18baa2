import Link from 'next/link';
import { EmptyState } from '@/components/shell/page-header';

export default function ProposalNotFound() {
  return (
    <EmptyState title="Proposal not found">
      It may have been mistyped, or it belongs to another practice.{' '}
      <Link href="/proposals" className="text-brand-700 underline">
        Back to proposals
      </Link>
    </EmptyState>
  );
}
