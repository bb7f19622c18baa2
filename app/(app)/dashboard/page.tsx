import type { Metadata } from 'next';
import { IntentLink } from '@/components/ui/intent-link';
import { PageHeader } from '@/components/shell/page-header';
import { ArrivalNotice } from '@/components/shell/arrival-notice';
import { Alert } from '@/components/ui/alert';
import { Card, CardTitle } from '@/components/ui/card';
import { listOpenNotices } from '@/lib/dal/account-notices';
import { countClients } from '@/lib/dal/clients';
import { appShortLabel } from '@/lib/apps/registry';
import { listMembers } from '@/lib/dal/members';
import { setupWizardOffer } from '@/lib/dal/onboarding';
import { requireMember } from '@/lib/dal/session';
import { listSyncHealth } from '@/lib/dal/sync-health';
import { countOf, formatCount } from '@/lib/format/count';
import { AccountNotices } from './_components/account-notices';
import { NeedsAttention } from './_components/needs-attention';
import { SyncHealth } from './_components/sync-health';

export const metadata: Metadata = { title: 'Dashboard' };

const CONNECTION_TEXT = { connected: 'connected', needs_reauth: 'needs re-authorisation', error: 'error' } as const;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ welcome?: string; denied?: string }> }) {
  const member = await requireMember();
  const [{ welcome, denied }, clientCounts, members, apps, notices, wizardOffer] = await Promise.all([
    searchParams,
    countClients(member),
    listMembers(member),
    // The same (cached) read as the Sync health section below; the directory counts are on
    // Integrations, not here: counting a 10,000-record directory was half the page's time.
    listSyncHealth(member),
    listOpenNotices(member),
    setupWizardOffer(member),
  ]);
  // Sign-up answers a registered email as if it were new (issue 9), so its owner can land here
  // from it: the notice explains; "your practice is ready" would not be true.
  const signedUpAgain = notices.some((notice) => notice.kind === 'sign_up_with_your_email');
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome, ${member.name}.`} />
      <AccountNotices notices={notices} timezone={member.practiceTimezone} practiceName={member.practiceName} />
      {wizardOffer ? (
        <Alert tone="info" className="mb-4" data-testid="continue-setup">
          {wizardOffer === 'start' ? 'Set up your practice' : 'Your setup is not finished'}: the setup wizard connects XPM and Gusto, chooses how client data flows, and runs your
          first sync.{' '}
          <IntentLink href="/onboarding" className="font-medium underline">
            {wizardOffer === 'start' ? 'Start the setup wizard' : 'Continue the setup wizard'}
          </IntentLink>
        </Alert>
      ) : null}
      <NeedsAttention member={member} />
      <ArrivalNotice params={['welcome', 'denied']}>
        {welcome && !signedUpAgain ? (
          <Alert tone="success" className="mb-4">
            Your practice is ready. Next: add your clients, invite your team, and connect XPM or Gusto.
          </Alert>
        ) : null}
        {denied ? (
          <Alert tone="warning" className="mb-4">
            That page is for practice admins. Ask an admin of {member.practiceName} if you need a change there.
          </Alert>
        ) : null}
      </ArrivalNotice>
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <CardTitle>Clients</CardTitle>
          <p className="mt-2 text-3xl font-semibold">{formatCount(clientCounts.active)}</p>
          <p className="text-sm text-slate-700">active, {formatCount(clientCounts.archived)} archived</p>
          <IntentLink className="mt-3 inline-block text-sm font-medium text-brand-700 underline" href="/clients">
            View clients
          </IntentLink>
        </Card>
        <Card>
          <CardTitle>Members</CardTitle>
          <p className="mt-2 text-3xl font-semibold">{formatCount(members.length)}</p>
          <p className="text-sm text-slate-700">
            {countOf(members.filter((m) => m.role === 'admin').length, 'admin')}, {countOf(members.filter((m) => m.role === 'author').length, 'author')}
          </p>
          <IntentLink className="mt-3 inline-block text-sm font-medium text-brand-700 underline" href="/settings/members">
            View members
          </IntentLink>
        </Card>
        <Card>
          <CardTitle>Integrations</CardTitle>
          {apps.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No apps are connected yet.</p>
          ) : (
            <ul className="mt-2 text-sm text-slate-700">
              {apps.map(({ overview, status }) => (
                <li key={overview.app}>
                  {appShortLabel(overview.app)}: {CONNECTION_TEXT[status]}
                </li>
              ))}
            </ul>
          )}
          <IntentLink className="mt-3 inline-block text-sm font-medium text-brand-700 underline" href="/integrations">
            Go to Integrations
          </IntentLink>
        </Card>
      </div>
      <SyncHealth member={member} />
    </>
  );
}
