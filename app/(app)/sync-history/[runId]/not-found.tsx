import Link from 'next/link';
import { EmptyState } from '@/components/shell/page-header';

export default function SyncRunNotFound() {
  return (
    <EmptyState title="Sync run not found">
      It may have been mistyped, or it belongs to another practice.{' '}
      <Link href="/sync-history" className="text-brand-700 underline">
        Back to Sync history
      </Link>
    </EmptyState>
  );
}
