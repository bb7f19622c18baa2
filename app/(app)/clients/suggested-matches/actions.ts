'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { defineAction } from '@/lib/dal/action';
import { confirmSuggestedMatch, confirmSuggestedMatches, dismissSuggestedMatch, MAX_PAIRS_PER_CONFIRMATION, previewBulkConfirm } from '@/lib/dal/suggested-matches/review';
import { externalRecordId, uuidParam } from '@/lib/validation/fields';

/** Suggested matches are reviewed by admins only: linking changes what every sync does. */
const ADMINS = ['admin'] as const;

const pair = z.object({ clientId: uuidParam, app: appIdSchema(), externalId: externalRecordId });

function revalidate() {
  revalidatePath('/clients/suggested-matches');
  revalidatePath('/clients');
}

export const confirmSuggestionAction = defineAction({
  schema: pair,
  roles: ADMINS,
  async run(input, member) {
    const result = await confirmSuggestedMatch(member, input);
    revalidate();
    return result;
  },
});

export const dismissSuggestionAction = defineAction({
  schema: pair,
  roles: ADMINS,
  async run(input, member) {
    await dismissSuggestedMatch(member, input);
    revalidate();
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
    const result = await confirmSuggestedMatches(member, pairs);
    revalidate();
    return result;
  },
});
