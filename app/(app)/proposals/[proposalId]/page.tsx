import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ProposalEditor } from '../_components/proposal-editor';
import { DeploymentPanel } from '../_components/deployment-panel';
import { HydrateApart } from '@/components/shell/hydrate-apart';
import { getDeploymentView } from '@/lib/dal/proposals/deployment';
import { getProposal } from '@/lib/dal/proposals/detail';
import { pickerApps } from '@/lib/dal/proposals/picker';
import { savedNoticeText } from '@/lib/proposals/saved-notice';
import { requireMember } from '@/lib/dal/session';
import { uuidParam } from '@/lib/validation/fields';

type Params = Promise<{ proposalId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The member's proposal, or null for another practice's id, a guessed one or a malformed one. Once per request. */
const proposalOf = cache(async (proposalId: string) => {
  const member = await requireMember();
  return uuidParam.safeParse(proposalId).success ? getProposal(member, proposalId) : null;
});

/** The tab says which proposal it is, so several open tabs can be told apart. */
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const proposal = await proposalOf((await params).proposalId);
  return { title: proposal?.title ?? 'Proposal not found' };
}

export default async function ProposalPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [member, { proposalId }, query] = await Promise.all([requireMember(), params, searchParams]);
  // Another practice's id, a guessed id and a malformed one all end here, identically.
  const proposal = await proposalOf(proposalId);
  if (!proposal) notFound();
  const [apps, deployment] = await Promise.all([pickerApps(member), getDeploymentView(member, proposal.id)]);
  return (
    <HydrateApart>
      <ProposalEditor
        key={proposal.id}
        proposal={proposal}
        connectedApps={apps}
        isAdmin={member.role === 'admin'}
        timezone={member.practiceTimezone}
        deployment={deployment && deployment.kind !== 'not_accepted' ? <DeploymentPanel proposalId={proposal.id} initial={deployment} isAdmin={member.role === 'admin'} /> : null}
        notice={query.copied ? 'Copied to this new draft. Edit it and save.' : savedNoticeText(query.saved, proposal.client?.name ?? null)}
      />
    </HydrateApart>
  );
}
