import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { Card } from '@/components/ui/card';
import { requireAdmin } from '@/lib/dal/session';
import { AddMemberForm } from '../_components/add-member-form';

export const metadata: Metadata = { title: 'Add member' };

export default async function AddMemberPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="Add member"
        description={
          <Link href="/settings/members" className="text-brand-700 underline">
            Back to members
          </Link>
        }
      />
      <Card>
        <AddMemberForm />
      </Card>
    </>
  );
}
