import Link from 'next/link';
import { EmptyState } from '@/components/shell/page-header';

export default function ClientNotFound() {
  return (
    <EmptyState title="Client not found">
      It may have been mistyped, or it belongs to another practice.{' '}
      <Link href="/clients" className="text-brand-700 underline">
        Back to clients
      </Link>
    </EmptyState>
  );
}
