/** Proposal statuses without zod, so client components can list them without shipping zod. */
export const PROPOSAL_STATUSES = ['draft', 'sent', 'accepted', 'declined'] as const;
export type ProposalStatusValue = (typeof PROPOSAL_STATUSES)[number];
