import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ArchiveButton } from '../_components/archive-button';
import { PageHeader } from '@/components/shell/page-header';
import { ArrivalAlert } from '@/components/shell/arrival-alert';
import { ArrivalNotice } from '@/components/shell/arrival-notice';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import type { ClientDetail } from '@/lib/dal/clients';
import { clientRouteMetadata, loadClientForRoute } from './load-client';
import { requireMember } from '@/lib/dal/session';
import { getClientSync } from '@/lib/dal/client-sync';
import { linkSavedNotice } from '@/lib/clients/sync-section-text';
import { ClientSyncSection } from './_components/client-sync-section';
import { taxNumberShown } from '@/lib/clients/tax-number';

export function generateMetadata({ params }: { params: Promise<{ clientId: string }> }): Promise<Metadata> {
  return clientRouteMetadata(params, (name) => name);
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    // minmax(0, …) and overflow-wrap:anywhere: a long email or web address wraps instead of widening the page on a phone.
    <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] gap-2 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children || <span className="text-slate-500">—</span>}</dd>
    </div>
  );
}

/** The tax number as the client list shows it; when only XPM's ending is known, how to keep the whole number. */
function taxNumberDetail(client: ClientDetail): ReactNode {
  const shown = taxNumberShown(client.taxNumber, client.taxNumberMaskedEnding);
  if (!shown || !client.taxNumberMaskedEnding) return shown;
  return (
    <>
      {shown}
      <span className="block text-xs text-slate-600">XPM shows only the last digits. Type the whole number in Edit client to keep it here.</span>
    </>
  );
}

function formatAddress(client: ClientDetail, kind: 'street' | 'postal'): string | null {
  const parts = [
    client[`${kind}Line1`],
    client[`${kind}Line2`],
    [client[`${kind}City`], client[`${kind}Region`], client[`${kind}Postcode`]].filter(Boolean).join(' '),
    client[`${kind}Country`],
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** What the last action on this client did, from `?saved=` (set by the form and the archive button). */
const SAVED_NOTICES: Record<string, string> = {
  created: 'Client created.',
  updated: 'Changes saved.',
  archived: 'Client archived.',
  restored: 'Client restored.',
};

export default async function ClientPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const [client, { saved }, member] = await Promise.all([loadClientForRoute(params), searchParams, requireMember()]);
  const sync = await getClientSync(member, client.id);
  if (!sync) notFound();
  const savedNotice = saved && Object.hasOwn(SAVED_NOTICES, saved) ? SAVED_NOTICES[saved] : undefined;
  const linkNotice = saved && !savedNotice ? linkSavedNotice(saved, sync.flows) : null;
  const notice = savedNotice ?? linkNotice ?? (saved ? SAVED_NOTICES.updated : null);
  return (
    <>
      <PageHeader
        title={client.name}
        description={
          <Link href="/clients" className="text-brand-700 underline">
            Back to clients
          </Link>
        }
        actions={
          <>
            <Button asChild variant="secondary">
              <Link href={`/clients/${client.id}/edit`}>Edit client</Link>
            </Button>
            <ArchiveButton clientId={client.id} clientName={client.name} archived={client.archived} />
          </>
        }
      />
      {notice ? (
        <ArrivalNotice params={['saved']}>
          {linkNotice ? (
            // Link to…, Unlink and Relink hand focus to the Sync section's heading themselves.
            <Alert tone="success" className="mb-4">
              {notice}
            </Alert>
          ) : (
            // The form that saved has gone with its page, and Archive and Restore each give way to
            // the other: focus goes to what was done. Keyed, so "Client archived." after "Changes saved." arrives anew.
            <ArrivalAlert key={notice} tone="success" className="mb-4">
              {notice}
            </ArrivalAlert>
          )}
        </ArrivalNotice>
      ) : null}
      {client.archived ? (
        <Alert tone="warning" className="mb-4">
          This client is archived. It is hidden from lists and pickers until you restore it.
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardTitle>Details</CardTitle>
          <dl className="mt-3 text-sm">
            <Row label="Legal name">{client.legalName}</Row>
            <Row label="Trading name">{client.tradingName}</Row>
            <Row label="Business structure">{client.businessStructure}</Row>
            <Row label="Email">{client.email}</Row>
            <Row label="Phone">{client.phone}</Row>
            <Row label="Website">{client.website}</Row>
            <Row label="Tax number">{taxNumberDetail(client)}</Row>
            <Row label="Business number">{client.businessNumber}</Row>
            <Row label="Street address">{formatAddress(client, 'street')}</Row>
            <Row label="Postal address">{formatAddress(client, 'postal')}</Row>
          </dl>
        </Card>
        <Card>
          <CardTitle>Contacts</CardTitle>
          {client.contacts.length === 0 ? (
            <p className="mt-3 text-sm text-slate-700">No contacts yet. Add them from Edit client.</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100 text-sm">
              {client.contacts.map((contact) => (
                <li key={contact.id} className="py-2">
                  <p className="font-medium">
                    {contact.salutation ? `${contact.salutation} ` : ''}
                    {contact.name}
                    {contact.isPrimary ? (
                      <Badge tone="info" className="ml-2">
                        Primary
                      </Badge>
                    ) : null}
                  </p>
                  <p className="text-slate-700 [overflow-wrap:anywhere]">{[contact.position, contact.email, contact.phone, contact.mobile].filter(Boolean).join(' · ')}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <ClientSyncSection clientId={client.id} clientName={client.name} sync={sync} timezone={member.practiceTimezone} />
      </div>
    </>
  );
}
