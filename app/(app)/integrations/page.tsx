import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/shell/page-header';
import { ArrivalAlert } from '@/components/shell/arrival-alert';
import { ArrivalNotice } from '@/components/shell/arrival-notice';
import { listConnections } from '@/lib/dal/connections';
import { requireMember } from '@/lib/dal/session';
import { getSyncSettings, listSettingsHistory } from '@/lib/dal/sync-settings';
import { decodeNotice } from '@/lib/integrations/notice';
import { ClientSyncProvider } from './_components/client-sync-context';
import { ConnectionCard } from './_components/connection-card';
import { RecommendedSetup } from './_components/recommended-setup';
import { SettingsHistory } from './_components/settings-history';
import { SuggestedMatchesNotice } from './_components/suggested-matches-notice';
import { OpenWizardButton } from './_components/open-wizard-button';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const member = await requireMember();
  const [{ notice: rawNotice }, connections, syncSettings, history] = await Promise.all([
    searchParams,
    listConnections(member),
    getSyncSettings(member),
    listSettingsHistory(member),
  ]);
  const isAdmin = member.role === 'admin';
  const notice = decodeNotice(rawNotice);
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect Xero Practice Manager and Gusto. Their clients appear in the client picker; client data flows one way per app, from at most one source."
        actions={isAdmin ? <OpenWizardButton /> : undefined}
      />
      {/* An invalid or expired ?notice= shows nothing, and leaves the address all the same.
          Back from the app's consent page, focus goes to what happened (connected, declined, failed). */}
      <ArrivalNotice params={['notice']}>
        {notice ? (
          <ArrivalAlert tone={notice.tone} className="mb-4" data-testid="integrations-notice">
            {notice.message}
          </ArrivalAlert>
        ) : null}
      </ArrivalNotice>
      {/* One client-side view of the sync settings, shared by the panel and both cards, so an optimistic save shows everywhere at once. */}
      <ClientSyncProvider connections={syncSettings.connections} canEdit={isAdmin}>
        <RecommendedSetup />
        <div className="grid gap-4 lg:grid-cols-2">
          {connections.map((connection) => (
            <ConnectionCard key={connection.app} connection={connection} isAdmin={isAdmin} timezone={syncSettings.timezone} />
          ))}
        </div>
      </ClientSyncProvider>
      {/* Below the cards: it streams in after them, and must not push them down as it arrives. */}
      {isAdmin ? (
        <Suspense>
          <SuggestedMatchesNotice member={member} />
        </Suspense>
      ) : null}
      <SettingsHistory entries={history} timezone={syncSettings.timezone} />
    </>
  );
}
