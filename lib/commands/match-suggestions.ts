import 'server-only';
import type { Transaction } from '@/db';
import { type AppIdValue, dismissedMatchSuggestions } from '@/db/schema';
import type { Actor } from './actor';

/**
 * The one write path for dismissed match suggestions: "this client is not that record",
 * remembered so the pair is not suggested again. Confirming a suggestion is a link, and
 * goes through linkClient (./clients.ts) like every other link.
 *
 * Returns false when the pair was already dismissed: dismissing twice changes nothing,
 * and the first dismissal keeps its who and when.
 */
export async function dismissMatchSuggestion(tx: Transaction, actor: Actor, pair: { clientId: string; app: AppIdValue; externalId: string }): Promise<boolean> {
  const inserted = await tx
    .insert(dismissedMatchSuggestions)
    .values({ practiceId: actor.practiceId, clientId: pair.clientId, app: pair.app, externalId: pair.externalId, dismissedByUserId: actor.memberId })
    .onConflictDoNothing()
    .returning({ clientId: dismissedMatchSuggestions.clientId });
  return inserted.length > 0;
}
