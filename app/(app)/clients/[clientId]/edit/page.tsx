import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientForm } from '../../_components/client-form';
import { PageHeader } from '@/components/shell/page-header';
import { Card } from '@/components/ui/card';
import { updateClientFormAction } from '../../actions';
import { clientRouteMetadata, loadClientForRoute } from '../load-client';
import { getClientSourceNotice } from '@/lib/dal/client-source';
import { requireMember } from '@/lib/dal/session';

export function generateMetadata({ params }: { params: Promise<{ clientId: string }> }): Promise<Metadata> {
  return clientRouteMetadata(params, (name) => `Edit ${name}`);
}

export default async function EditClientPage({ params }: { params: Promise<{ clientId: string }> }) {
  const client = await loadClientForRoute(params);
  // Whether an app's next change replaces what is typed here, and in which fields: only the words go to the browser.
  const source = await getClientSourceNotice(await requireMember(), client.id);
  // Only the editable fields go to the browser (not timestamps).
  const { id, version, contacts, archived: _a, archivedAt: _aa, createdAt: _c, updatedAt: _u, taxNumberMaskedEnding, ...fields } = client;
  return (
    <>
      <PageHeader
        title={`Edit ${client.name}`}
        description={
          <Link href={`/clients/${id}`} className="text-brand-700 underline">
            Back to client
          </Link>
        }
      />
      <Card>
        <ClientForm
          action={updateClientFormAction.bind(null, id)}
          version={version}
          clientId={id}
          submitLabel="Save changes"
          taxNumberMaskedEnding={taxNumberMaskedEnding}
          source={source}
          initial={{ ...fields, contacts: contacts.map((c) => ({ ...c, key: c.id })) }}
        />
      </Card>
    </>
  );
}
