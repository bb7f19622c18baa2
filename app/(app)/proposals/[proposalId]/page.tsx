import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProposalEditor } from '@/components/proposals/proposal-editor';
import { getDb } from '@/db';
import { connectedApps } from '@/lib/dal/client-picker/connected-apps';
import { getProposal } from '@/lib/dal/proposals/detail';
import { savedNoticeText } from '@/lib/proposals/saved-notice';
import { requireMember } from '@/lib/dal/session';
import { uuidParam } from '@/lib/validation/fields';

export const metadata: Metadata = { title: 'Proposal' };

type Params = Promise<{ proposalId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProposalPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [member, { proposalId }, query] = await Promise.all([requireMember(), params, searchParams]);
  // Another practice's id, a guessed id and a malformed one all end here, identically.
  if (!uuidParam.safeParse(proposalId).success) notFound();
  const proposal = await getProposal(member, proposalId);
  if (!proposal) notFound();
  const apps = await connectedApps(await getDb(), member.practiceId);
  return (
    <ProposalEditor
      key={proposal.id}
      proposal={proposal}
      connectedApps={apps}
      isAdmin={member.role === 'admin'}
      notice={query.copied ? 'Copied to this new draft. Edit it and save.' : savedNoticeText(query.saved, proposal.client?.name ?? null)}
    />
  );
}
