import type { Metadata } from 'next';
import { ProposalEditor } from '../_components/proposal-editor';
import { HydrateApart } from '@/components/shell/hydrate-apart';
import { pickerApps } from '@/lib/dal/proposals/picker';
import { requireMember } from '@/lib/dal/session';

export const metadata: Metadata = { title: 'New proposal' };

/** Nothing is stored until the author creates the proposal: no empty drafts left behind. */
export default async function NewProposalPage() {
  const member = await requireMember();
  const apps = await pickerApps(member);
  return (
    <HydrateApart>
      <ProposalEditor proposal={null} connectedApps={apps} isAdmin={member.role === 'admin'} timezone={member.practiceTimezone} />
    </HydrateApart>
  );
}
