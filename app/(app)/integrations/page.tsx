import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { requireMember } from '@/lib/dal/session';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  const member = await requireMember();
  return (
    <>
      <PageHeader title="Integrations" description="Connect Xero Practice Manager and Gusto, and choose how client data flows." />
      <EmptyState title="No apps connected">
        Connecting XPM and Gusto is coming soon. {member.role === 'admin' ? 'As an admin you will connect them here.' : 'An admin of your practice will connect them here.'}
      </EmptyState>
    </>
  );
}
