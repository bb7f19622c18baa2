import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { requireMember } from '@/lib/dal/session';

export const metadata: Metadata = { title: 'Sync history' };

export default async function SyncHistoryPage() {
  await requireMember();
  return (
    <>
      <PageHeader title="Sync history" description="Every sync run, what it changed, and how to undo it." />
      <EmptyState title="No syncs have run">Syncs appear here once an app is connected on Integrations.</EmptyState>
    </>
  );
}
