import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { requireMember } from '@/lib/dal/session';

export const metadata: Metadata = { title: 'Proposals' };

export default async function ProposalsPage() {
  await requireMember();
  return (
    <>
      <PageHeader title="Proposals" description="Engagement letters for your clients." />
      <EmptyState title="Proposals are not available yet">
        Writing proposals, and picking their clients from Practice Sync, XPM and Gusto, is the next part of Practice Sync
        to be built. Your clients are ready for it on the Clients page.
      </EmptyState>
    </>
  );
}
