import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { listConnections } from '@/lib/dal/connections';
import { requireMember } from '@/lib/dal/session';
import { decodeNotice } from '@/lib/integrations/notice';
import { ConnectionCard } from './_components/connection-card';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const member = await requireMember();
  const [{ notice: rawNotice }, connections] = await Promise.all([searchParams, listConnections(member)]);
  const notice = decodeNotice(rawNotice);
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect Xero Practice Manager and Gusto. Their clients appear in the client picker; client data flows one way per app, from at most one source."
      />
      {notice ? (
        <Alert tone={notice.tone} className="mb-4" data-testid="integrations-notice">
          {notice.message}
        </Alert>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {connections.map((connection) => (
          <ConnectionCard key={connection.app} connection={connection} isAdmin={member.role === 'admin'} />
        ))}
      </div>
    </>
  );
}
