'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { countOf, formatCount } from '@/lib/format/count';
import type { BulkPreview } from '@/lib/dal/suggested-matches/review';
import { BULK_CONFIDENCE_CHOICES } from '@/lib/sync/matching/suggested-match';
import { bulkChoiceLabel, type Tally } from './decision-tally';
import { DIALOG_OVERLAY_CLASS } from '@/components/ui/dialog-styles';
import { InlineArrow } from '@/components/ui/inline-arrow';

/**
 * "Confirm every pair at or above N%": the admin picks a confidence, sees exactly the pairs
 * that will be linked (and those skipped because a better pair takes their client or
 * record), and links them in one step. What is linked is the list in the dialog, not a
 * fresh search: the dialog is the promise.
 */
export function BulkConfirm({
  tally,
  onPreview,
  onConfirm,
  focusStatus,
}: {
  tally: Tally;
  onPreview(minConfidence: number): Promise<BulkPreview | null>;
  onConfirm(plan: BulkPreview): Promise<void>;
  /** Where focus goes once the pairs are linked: the outcome, since the list changed under the button. */
  focusStatus(): void;
}) {
  const previewButton = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  const selectId = useId();
  const { atOrAbove } = tally;
  const [minConfidence, setMinConfidence] = useState<number>(BULK_CONFIDENCE_CHOICES.find((c) => (atOrAbove[c] ?? 0) > 0) ?? BULK_CONFIDENCE_CHOICES[0]);
  const [plan, setPlan] = useState<BulkPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'confirm' | null>(null);
  const count = atOrAbove[minConfidence] ?? 0;
  const left = count - (tally.linkable?.[minConfidence] ?? count);

  return (
    <section aria-labelledby={`${selectId}-heading`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${selectId}-heading`} className="text-base font-semibold text-slate-900">
        Confirm many at once
      </h2>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
            Confirm every pair at or above
          </label>
          <select
            id={selectId}
            aria-describedby={left > 0 ? `${selectId}-left` : undefined}
            value={minConfidence}
            onChange={(event) => setMinConfidence(Number(event.target.value))}
            className="mt-1 h-10 rounded-md border border-slate-300 bg-white px-3 text-sm"
          >
            {BULK_CONFIDENCE_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {bulkChoiceLabel(choice, tally)}
              </option>
            ))}
          </select>
        </div>
        <Button
          ref={previewButton}
          variant="secondary"
          disabled={count === 0 || busy !== null}
          onClick={async () => {
            confirmed.current = false;
            setBusy('preview');
            const next = await onPreview(minConfidence);
            setBusy(null);
            setPlan(next);
          }}
        >
          {busy === 'preview' ? 'Preparing preview…' : 'Preview pairs to link'}
        </Button>
      </div>
      {count === 0 ? <p className="mt-2 text-sm text-slate-700">No pair reaches {minConfidence}% confidence. Choose a lower one, or decide pair by pair below.</p> : null}
      {left > 0 ? (
        <p id={`${selectId}-left`} className="mt-2 text-sm text-slate-700" data-testid="bulk-left-for-you">
          {left === 1 ? '1 of them shares' : `${formatCount(left)} of them share`} a client or record with a likelier pair, or one as likely: {left === 1 ? 'it is' : 'they are'}{' '}
          left for you to decide. The preview names {left === 1 ? 'it' : 'them'} and says why.
        </p>
      ) : null}

      <AlertDialog.Root open={plan !== null} onOpenChange={(open) => (open ? null : setPlan(null))}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className={DIALOG_OVERLAY_CLASS} />
          <AlertDialog.Content
            onCloseAutoFocus={(event) => {
              // No Radix trigger (the dialog opens once the preview has arrived): say where focus goes.
              event.preventDefault();
              if (confirmed.current) focusStatus();
              else previewButton.current?.focus();
            }}
            className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl"
          >
            <AlertDialog.Title className="text-lg font-semibold text-slate-900">
              {plan && plan.link.length > 0 ? `Link ${countOf(plan.link.length, 'pair')}?` : 'Nothing to link'}
            </AlertDialog.Title>
            <AlertDialog.Description asChild>
              <div className="mt-2 space-y-4 text-sm text-slate-700">
                {plan && plan.link.length > 0 ? (
                  <>
                    <p>Each client below will be linked to the record beside it. Their values are not changed now; your sync settings decide what flows from then on.</p>
                    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="bulk-preview-pairs">
                      {plan.link.map((s) => (
                        <li key={s.key} className="flex flex-wrap items-baseline justify-between gap-x-3 px-3 py-2">
                          <span className="min-w-0 break-words">
                            <span className="font-medium text-slate-900">{s.client.name}</span> <InlineArrow both />
                            <span className="sr-only"> with </span> {s.record.appLabel}’s “{s.record.name}”
                          </span>
                          <span className="text-slate-600 tabular-nums">{s.confidence}%</span>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p>No pair at or above {plan?.minConfidence}% can be linked any more: the list changed since the page loaded.</p>
                )}
                {plan && plan.skipped.length > 0 ? (
                  <div>
                    <h3 className="font-semibold text-slate-900">Skipped ({countOf(plan.skipped.length, 'pair')})</h3>
                    <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="bulk-preview-skipped">
                      {plan.skipped.map(({ suggestion, why }) => (
                        <li key={suggestion.key}>
                          {suggestion.client.name} and “{suggestion.record.name}”: {why}.
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            </AlertDialog.Description>
            <div className="mt-6 flex flex-wrap justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              {plan && plan.link.length > 0 ? (
                <Button
                  disabled={busy !== null}
                  onClick={async () => {
                    setBusy('confirm');
                    confirmed.current = true;
                    await onConfirm(plan);
                    setBusy(null);
                    setPlan(null);
                  }}
                >
                  {busy === 'confirm' ? 'Linking…' : `Link ${countOf(plan.link.length, 'pair')}`}
                </Button>
              ) : null}
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </section>
  );
}
