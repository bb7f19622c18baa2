import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientForm } from '../_components/client-form';
import { PageHeader } from '@/components/shell/page-header';
import { Card } from '@/components/ui/card';
import { requireMember } from '@/lib/dal/session';
import { createClientFormAction } from '../actions';

export const metadata: Metadata = { title: 'New client' };

export default async function NewClientPage() {
  await requireMember();
  return (
    <>
      <PageHeader
        title="New client"
        description={
          <Link href="/clients" className="text-brand-700 underline">
            Back to clients
          </Link>
        }
      />
      <Card>
        <ClientForm action={createClientFormAction} submitLabel="Create client" />
      </Card>
    </>
  );
}
