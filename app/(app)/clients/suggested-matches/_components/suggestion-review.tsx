'use client';

import Link from 'next/link';
import { type ReactNode, useReducer, useRef } from 'react';
import { PageHeader } from '@/components/shell/page-header';
import { countOf } from '@/lib/format/count';
import type { ActionFailure } from '@/lib/dal/action';
import type { BulkPreview, DecisionReceipt } from '@/lib/dal/suggested-matches/review';
import type { SuggestionView } from '@/lib/dal/suggested-matches/view';
import { confirmSuggestionAction, confirmSuggestionsAction, dismissSuggestionAction, previewBulkConfirmAction } from '../actions';
import { BulkConfirm } from './bulk-confirm';
import { type CountedPair, type Listed, pairsTakenByLinking, shownTally, withoutPairs } from './decision-tally';
import { initialReview, pairsLeftWords, type ReviewEvent, reviewReducer } from './review-state';
import { SuggestionCard } from './suggestion-card';

const counted = (pairs: readonly SuggestionView[]): CountedPair[] => pairs.map(({ key, confidence }) => ({ key, confidence }));
const sides = ({ clientId, app, externalId }: SuggestionView) => ({ clientId, app, externalId });

/**
 * The review itself, under the page's heading: each pair's Confirm and Dismiss, and "confirm
 * all at or above" after a preview. The server decides everything again (the list may have
 * changed since it was shown); this component says what happened and where to go next, and
 * keeps every count on the page right meanwhile (decision-tally.ts): a decided pair leaves
 * the counts when it is sent, the server's counts after it replace that when it answers, and
 * a failure puts it back. Focus moves to the status after each answer, since the pair that
 * was acted on is gone; the status says once, politely, how many pairs are left (the counts
 * elsewhere on the page change silently). It outlives the last pair: confirming it shows the
 * empty state under what was just done.
 */
export function SuggestionReview({ rows, listed, headerActions, empty }: { rows: SuggestionView[]; listed: Listed; headerActions: ReactNode; empty: ReactNode }) {
  const [state, dispatch] = useReducer(reviewReducer, initialReview);
  const decisions = useRef(0);
  const statusRef = useRef<HTMLDivElement>(null);
  const shown = rows.filter((row) => !state.hidden.has(row.key));
  const tally = shownTally(
    listed,
    state.answered,
    state.pending.flatMap((p) => p.pairs),
  );
  const sending = new Set(state.pending.flatMap((p) => p.pairs.map((pair) => pair.key)));

  const focusStatus = () => requestAnimationFrame(() => statusRef.current?.focus());
  const report = (event: ReviewEvent) => {
    dispatch(event);
    // After the list re-rendered without the pair: the status is where the person continues.
    focusStatus();
  };

  /** Sends one decision about `pairs`; true when the server made it. */
  async function send<T extends { receipt: DecisionReceipt }>(
    pairs: readonly SuggestionView[],
    request: () => Promise<{ ok: true; data: T } | ActionFailure>,
    answered: (data: T) => Omit<Extract<ReviewEvent, { type: 'answered' }>, 'type' | 'id' | 'answer'>,
    failed: { refused: (formError: string | undefined) => string; unanswered: string },
  ): Promise<boolean> {
    const id = ++decisions.current;
    // If the counts cannot be read after it, the decision still stands: count it against what is shown now.
    const fallback = withoutPairs(shownTally(listed, state.answered, []), counted(pairs));
    dispatch({ type: 'sent', id, pairs: counted(pairs) });
    let result: { ok: true; data: T } | ActionFailure;
    try {
      result = await request();
    } catch {
      report({ type: 'failed', id, text: failed.unanswered });
      return false;
    }
    if (!result.ok) {
      report({ type: 'failed', id, text: failed.refused(result.formError) });
      return false;
    }
    const { receipt } = result.data;
    report({ type: 'answered', id, answer: { xid: receipt.xid, tally: receipt.tally ?? fallback }, ...answered(result.data) });
    return true;
  }

  const decide = (suggestion: SuggestionView, decision: 'confirm' | 'dismiss') => {
    const pair = sides(suggestion);
    const named = `${suggestion.client.name} and ${suggestion.record.appLabel}’s “${suggestion.record.name}”`;
    const failed = (verb: string) => ({
      refused: (formError: string | undefined) => `${formError ?? 'That did not work.'} Nothing changed: ${named} are still on the list.`,
      unanswered: `The server did not answer, so ${named} are still counted here. Reload the page to see whether they were ${verb}.`,
    });
    if (decision === 'dismiss') {
      return send(
        [suggestion],
        () => dismissSuggestionAction(pair),
        () => ({ hide: [suggestion.key], status: { tone: 'success', text: `Dismissed: ${named} will not be suggested again.` } }),
        failed('dismissed'),
      );
    }
    return send(
      [suggestion],
      () => confirmSuggestionAction(pair),
      ({ outcome }) => ({
        // Linking takes every other pair of the client or the record off the list too.
        hide: pairsTakenByLinking([suggestion], shown).map((s) => s.key),
        status: {
          tone: 'success',
          text: outcome === 'already_linked' ? `${named} were already linked.` : `Linked ${suggestion.client.name} to ${suggestion.record.appLabel}’s “${suggestion.record.name}”.`,
          client: { id: suggestion.clientId, name: suggestion.client.name },
        },
      }),
      failed('linked'),
    );
  };

  const preview = async (minConfidence: number): Promise<BulkPreview | null> => {
    const result = await previewBulkConfirmAction({ minConfidence });
    if (result.ok) return result.data;
    report({ type: 'said', status: { tone: 'error', text: result.formError ?? 'The preview could not be made. Reload the page and try again.' } });
    return null;
  };

  const confirmAll = async (plan: BulkPreview) => {
    await send(
      plan.link,
      () => confirmSuggestionsAction({ pairs: plan.link.map(sides) }),
      ({ summary, skipped }) => ({
        hide: [...plan.link.map((s) => s.key), ...pairsTakenByLinking(plan.link, shown).map((s) => s.key)],
        status: { tone: 'success', text: summary, skipped },
      }),
      {
        refused: (formError) => `${formError ?? 'Nothing was linked.'} Nothing changed: the pairs are still on the list.`,
        unanswered: 'The server did not answer, so the pairs are still counted here. Reload the page to see whether they were linked.',
      },
    );
  };

  const { status } = state;
  return (
    <>
      <PageHeader
        title="Suggested matches"
        description={
          tally.total === 0
            ? 'Clients here that are probably the same business as a record in XPM or Gusto.'
            : `${countOf(tally.total, 'likely pair')} of a client here and an XPM or Gusto record that are not linked, best first. Confirm a pair to link it; dismiss it and it is not suggested again.`
        }
        actions={headerActions}
      />
      <div className="space-y-4">
        <div ref={statusRef} tabIndex={-1} className="rounded-md" data-testid="suggestions-status">
          <div role="status" aria-live="polite">
            {status?.tone === 'success' ? (
              <div className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
                <p>
                  {status.text} {pairsLeftWords(status.left)}
                  {status.client ? (
                    <>
                      {' '}
                      <Link href={`/clients/${status.client.id}`} className="font-medium underline">
                        Open {status.client.name}
                      </Link>
                    </>
                  ) : null}
                </p>
                {status.skipped?.length ? (
                  <ul className="mt-2 list-disc space-y-1 pl-5">
                    {status.skipped.map((s) => (
                      <li key={`${s.clientName}|${s.recordName}`}>
                        Skipped {s.clientName} and “{s.recordName}”: {s.why}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </div>
          <div role="alert">{status?.tone === 'error' ? <p className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">{status.text}</p> : null}</div>
        </div>
        {shown.length === 0 && tally.total === 0 ? empty : <BulkConfirm tally={tally} onPreview={preview} onConfirm={confirmAll} focusStatus={focusStatus} />}
        <ul className="space-y-3" aria-label="Suggested matches" hidden={shown.length === 0}>
          {shown.map((suggestion) => (
            <SuggestionCard
              key={suggestion.key}
              suggestion={suggestion}
              pending={sending.has(suggestion.key)}
              onConfirm={() => decide(suggestion, 'confirm')}
              onDismiss={() => decide(suggestion, 'dismiss')}
            />
          ))}
        </ul>
      </div>
    </>
  );
}
