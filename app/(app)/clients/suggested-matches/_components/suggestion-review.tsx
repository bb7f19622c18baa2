'use client';

import Link from 'next/link';
import { type ReactNode, useRef, useState, useTransition } from 'react';
import type { BulkConfirmResult, BulkPreview } from '@/lib/dal/suggested-matches/review';
import type { SuggestionView } from '@/lib/dal/suggested-matches/view';
import { confirmSuggestionAction, confirmSuggestionsAction, dismissSuggestionAction, previewBulkConfirmAction } from '../actions';
import { BulkConfirm } from './bulk-confirm';
import { SuggestionCard } from './suggestion-card';

/** What the last decision did, said once in the page's status region. */
export type ReviewStatus =
  | { tone: 'success'; text: string; client?: { id: string; name: string }; skipped?: BulkConfirmResult['skipped'] }
  | { tone: 'error'; text: string }
  | null;

/**
 * The review itself: each pair's Confirm and Dismiss, and "confirm all at or above" after a
 * preview. The server decides everything again (the list may have changed since it was
 * shown); this component only says what happened and where to go next. The page's list
 * re-renders from the server after each decision (the actions revalidate it), and focus
 * moves to the status, since the pair that was acted on is gone. The status outlives the
 * last pair: confirming it shows the empty state under what was just done.
 */
export function SuggestionReview({ rows, atOrAbove, empty }: { rows: SuggestionView[]; atOrAbove: Record<number, number>; empty: ReactNode }) {
  const [status, setStatus] = useState<ReviewStatus>(null);
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  // Pairs decided here: hidden at once, before the page's fresh list arrives (which leaves them out too).
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const hide = (keys: readonly string[]) => setDecided((before) => new Set([...before, ...keys]));
  const shown = rows.filter((row) => !decided.has(row.key));
  const [, startTransition] = useTransition();
  const statusRef = useRef<HTMLDivElement>(null);

  const focusStatus = () => requestAnimationFrame(() => statusRef.current?.focus());
  const say = (next: ReviewStatus) => {
    setStatus(next);
    // After the list re-rendered without the pair: the status is where the person continues.
    focusStatus();
  };

  const decide = (suggestion: SuggestionView, decision: 'confirm' | 'dismiss') => {
    const pair = { clientId: suggestion.clientId, app: suggestion.app, externalId: suggestion.externalId };
    const named = `${suggestion.client.name} and ${suggestion.record.appLabel}’s “${suggestion.record.name}”`;
    setPendingKey(suggestion.key);
    startTransition(async () => {
      const failed = (formError?: string) => say({ tone: 'error', text: formError ?? 'That did not work. Reload the page and try again.' });
      if (decision === 'dismiss') {
        const result = await dismissSuggestionAction(pair);
        setPendingKey(null);
        if (!result.ok) return failed(result.formError);
        hide([suggestion.key]);
        return say({ tone: 'success', text: `Dismissed: ${named} will not be suggested again.` });
      }
      const result = await confirmSuggestionAction(pair);
      setPendingKey(null);
      if (!result.ok) return failed(result.formError);
      hide([suggestion.key]);
      const already = result.data.outcome === 'already_linked';
      say({
        tone: 'success',
        text: already ? `${named} were already linked.` : `Linked ${suggestion.client.name} to ${suggestion.record.appLabel}’s “${suggestion.record.name}”.`,
        client: { id: suggestion.clientId, name: suggestion.client.name },
      });
    });
  };

  const preview = async (minConfidence: number): Promise<BulkPreview | null> => {
    const result = await previewBulkConfirmAction({ minConfidence });
    if (result.ok) return result.data;
    say({ tone: 'error', text: result.formError ?? 'The preview could not be made. Reload the page and try again.' });
    return null;
  };

  const confirmAll = async (plan: BulkPreview) => {
    const result = await confirmSuggestionsAction({ pairs: plan.link.map(({ clientId, app, externalId }) => ({ clientId, app, externalId })) });
    if (!result.ok) return say({ tone: 'error', text: result.formError ?? 'Nothing was linked. Reload the page and try again.' });
    hide(plan.link.map((s) => s.key));
    say({ tone: 'success', text: result.data.summary, skipped: result.data.skipped });
  };

  return (
    <div className="space-y-4">
      <div ref={statusRef} tabIndex={-1} className="outline-none" data-testid="suggestions-status">
        <div role="status" aria-live="polite">
          {status?.tone === 'success' ? (
            <div className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
              <p>
                {status.text}
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
      {shown.length === 0 ? empty : <BulkConfirm atOrAbove={atOrAbove} onPreview={preview} onConfirm={confirmAll} focusStatus={focusStatus} />}
      <ul className="space-y-3" aria-label="Suggested matches" hidden={shown.length === 0}>
        {shown.map((suggestion) => (
          <SuggestionCard
            key={suggestion.key}
            suggestion={suggestion}
            pending={pendingKey === suggestion.key}
            onConfirm={() => decide(suggestion, 'confirm')}
            onDismiss={() => decide(suggestion, 'dismiss')}
          />
        ))}
      </ul>
    </div>
  );
}
