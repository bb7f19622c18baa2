import type { Metadata } from 'next';
import { ProposalEditor } from '@/components/proposals/proposal-editor';
import { getDb } from '@/db';
import { connectedApps } from '@/lib/dal/client-picker/connected-apps';
import { requireMember } from '@/lib/dal/session';

export const metadata: Metadata = { title: 'New proposal' };

/** Nothing is stored until the author creates the proposal: no empty drafts left behind. */
export default async function NewProposalPage() {
  const member = await requireMember();
  const apps = await connectedApps(await getDb(), member.practiceId);
  return <ProposalEditor proposal={null} connectedApps={apps} isAdmin={member.role === 'admin'} timezone={member.practiceTimezone} />;
}
