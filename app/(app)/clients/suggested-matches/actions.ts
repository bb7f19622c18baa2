'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { defineAction } from '@/lib/dal/action';
import type { Member } from '@/lib/dal/session';
import {
  confirmSuggestedMatch,
  confirmSuggestedMatches,
  type DecisionReceipt,
  dismissSuggestedMatch,
  MAX_PAIRS_PER_CONFIRMATION,
  previewBulkConfirm,
  suggestionTally,
} from '@/lib/dal/suggested-matches/review';
import { BULK_CONFIDENCE_CHOICES } from '@/lib/sync/matching';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { externalRecordId, uuidParam } from '@/lib/validation/fields';

/** Suggested matches are reviewed by admins only: linking changes what every sync does. */
const ADMINS = ['admin'] as const;

const pair = z.object({ clientId: uuidParam, app: appIdSchema(), externalId: externalRecordId });

function revalidate() {
  revalidatePath('/clients/suggested-matches');
  revalidatePath('/clients');
}

/** The decision's transaction and the counts after it, so the page's counts are right before its refresh is drawn. */
async function receipt(member: Member, xid: string): Promise<DecisionReceipt> {
  try {
    return { xid, tally: await suggestionTally(member, BULK_CONFIDENCE_CHOICES) };
  } catch (error) {
    // The decision is committed: a count that could not be read must not report it as failed.
    console.error('[suggested-matches] counting the suggestions after a decision failed', describeErrorForLog(error));
    return { xid, tally: null };
  }
}

export const confirmSuggestionAction = defineAction({
  schema: pair,
  roles: ADMINS,
  async run(input, member) {
    const { outcome, xid } = await confirmSuggestedMatch(member, input);
    revalidate();
    return { outcome, receipt: await receipt(member, xid) };
  },
});

export const dismissSuggestionAction = defineAction({
  schema: pair,
  roles: ADMINS,
  async run(input, member) {
    const { xid } = await dismissSuggestedMatch(member, input);
    revalidate();
    return { receipt: await receipt(member, xid) };
  },
});

export const previewBulkConfirmAction = defineAction({
  schema: z.object({ minConfidence: z.coerce.number().int().min(1).max(99) }),
  roles: ADMINS,
  run: ({ minConfidence }, member) => previewBulkConfirm(member, minConfidence),
});

export const confirmSuggestionsAction = defineAction({
  schema: z.object({ pairs: z.array(pair).min(1).max(MAX_PAIRS_PER_CONFIRMATION) }),
  roles: ADMINS,
  async run({ pairs }, member) {
    const { xid, ...result } = await confirmSuggestedMatches(member, pairs);
    revalidate();
    return { ...result, receipt: await receipt(member, xid) };
  },
});
