'use server';

import { revalidatePath } from 'next/cache';
import { redirect, RedirectType } from 'next/navigation';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { defineAction } from '@/lib/dal/action';
import { createClientFromPicker } from '@/lib/dal/client-picker/create-client';
import { acceptProposal } from '@/lib/dal/proposals/accept';
import { chooseDeploymentXpmClient, deployNow, retryDeployment } from '@/lib/dal/proposals/deployment';
import { previewPick } from '@/lib/dal/proposals/picker';
import { createProposal, saveProposal } from '@/lib/dal/proposals/save';
import { changeProposalStatus, copyProposalToDraft } from '@/lib/dal/proposals/status';
import { savedNoticeSearch } from '@/lib/proposals/saved-notice';
import { externalRecordId, uuidParam } from '@/lib/validation/fields';
import { acceptProposalSchema, pickerNewClientSchema, proposalContentSchema, proposalStatusChangeSchema, saveProposalSchema } from '@/lib/validation/proposal';

/** Authors and admins both write proposals (issue 5). */
const MEMBERS = ['admin', 'author'] as const;

function revalidateProposal(id: string) {
  revalidatePath('/proposals');
  revalidatePath(`/proposals/${id}`);
}

const createProposalOnly = defineAction({
  schema: proposalContentSchema,
  roles: MEMBERS,
  async run(input, member) {
    const saved = await createProposal(member, input);
    revalidateProposal(saved.id);
    return saved;
  },
});

/**
 * Creates the proposal and opens its page in the same round trip, saying what saving did
 * (lib/proposals/saved-notice). Redirecting from the action, rather than navigating from
 * the browser afterwards, avoids a second render of the new page racing the first (the
 * revalidation's refresh), which could replace an editor the author was already typing in.
 */
export async function createProposalAction(raw: unknown) {
  const result = await createProposalOnly(raw);
  if (!result.ok) return result;
  // Replace, not push: Back from the new proposal goes where "New proposal" was opened from.
  redirect(`/proposals/${result.data.id}${savedNoticeSearch(result.data.clientAdoption)}`, RedirectType.replace);
}

export const saveProposalAction = defineAction({
  schema: saveProposalSchema,
  roles: MEMBERS,
  async run(input, member) {
    const saved = await saveProposal(member, input);
    revalidateProposal(saved.id);
    return saved;
  },
});

export const changeProposalStatusAction = defineAction({
  schema: proposalStatusChangeSchema,
  roles: MEMBERS,
  async run({ proposalId, version, to }, member) {
    const status = await changeProposalStatus(member, proposalId, version, to);
    revalidateProposal(proposalId);
    return status;
  },
});

export const acceptProposalAction = defineAction({
  schema: acceptProposalSchema,
  roles: MEMBERS,
  async run({ proposalId, version, acceptedBy }, member) {
    const { status } = await acceptProposal(member, proposalId, { expectedVersion: version, acceptedBy });
    revalidateProposal(proposalId);
    return status;
  },
});

/** "Retry deployment": authors may retry, as they may accept (issue 11, requirement 5). */
export const retryDeploymentAction = defineAction({
  schema: z.object({ proposalId: uuidParam }),
  roles: MEMBERS,
  async run({ proposalId }, member) {
    await retryDeployment(member, proposalId);
    revalidateProposal(proposalId);
  },
});

/** "Deploy now": an accepted proposal from before XPM was connected. */
export const deployNowAction = defineAction({
  schema: z.object({ proposalId: uuidParam }),
  roles: MEMBERS,
  async run({ proposalId }, member) {
    await deployNow(member, proposalId);
    revalidateProposal(proposalId);
  },
});

/** "Choose which XPM client this is": admins only — it decides which XPM record a client here is. */
export const chooseDeploymentClientAction = defineAction({
  schema: z.object({ proposalId: uuidParam, choice: z.union([z.literal('create'), externalRecordId]) }),
  roles: ['admin'],
  async run({ proposalId, choice }, member) {
    await chooseDeploymentXpmClient(member, proposalId, choice);
    revalidateProposal(proposalId);
    revalidatePath('/dashboard');
  },
});

const copyProposalAction = defineAction({
  schema: z.object({ proposalId: uuidParam }),
  roles: MEMBERS,
  async run({ proposalId }, member) {
    const copy = await copyProposalToDraft(member, proposalId);
    revalidatePath('/proposals');
    return copy;
  },
});

/** Copies to a new draft and opens it; redirect() stays outside the action helper's try/catch. */
export async function copyProposalToDraftAction(raw: unknown) {
  const result = await copyProposalAction(raw);
  if (!result.ok) return result;
  redirect(`/proposals/${result.data.id}?copied=1`);
}

export const createPickerClientAction = defineAction({
  schema: pickerNewClientSchema,
  roles: MEMBERS,
  async run(input, member) {
    const created = await createClientFromPicker(member, input);
    revalidatePath('/clients');
    return created;
  },
});

/** What saving with a picked XPM/Gusto record will do, so the editor can say it first. */
export const previewPickAction = defineAction({
  schema: z.object({ app: appIdSchema(), externalId: externalRecordId }),
  roles: MEMBERS,
  async run({ app, externalId }, member) {
    return previewPick(member, app, externalId);
  },
});
