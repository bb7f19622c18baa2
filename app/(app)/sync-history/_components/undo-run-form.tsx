'use client';

import Link from 'next/link';
import { type FormEvent, type MouseEvent, type ReactNode, useEffect, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { handFocusTo } from '@/components/ui/focus-handoff';
import { countOf } from '@/lib/format/count';
import { undoRunAction } from '../actions';
import { UNDO_RUN_LINK_ID } from './run-page-ids';

/**
 * Leaving the preview without undoing, as one closes a confirmation: focus goes back to the run
 * page's "Undo this run…" that opened it (given by the run page's <HandedFocus />), not to the
 * top of the page. A link opened elsewhere (a new tab or window) leaves this page as it is.
 */
function backToTheRun(event: MouseEvent<HTMLAnchorElement>) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  handFocusTo(UNDO_RUN_LINK_ID);
}

type Outcome =
  | { tone: 'error' }
  | { tone: 'success'; undoRunId: string; restored: number; leftAlone: number; failed: boolean }
  /** Undone already (another tab or admin): nothing was changed; the message names who and when, the link that undo. */
  | { tone: 'already'; undoRunId: string; message: string };

/**
 * The undo's confirmation: the preview (children, rendered on the server) inside one form, so
 * the changed-since checkboxes it holds travel with the confirm. The result is announced and
 * links to the undo run; the form does not send twice. `seenUndoId`, the run's latest undo this
 * preview showed, goes with the confirm: the run undone since (in another tab) is refused.
 */
export function UndoRunForm({ runId, seenUndoId, disabledReason, children }: { runId: string; seenUndoId: string | null; disabledReason: string | null; children: ReactNode }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  // After a refusal too: this preview is out of date, and confirming again would be refused again.
  const done = outcome?.tone === 'success' || outcome?.tone === 'already';
  // The result is said under the button, below a list that can run to hundreds of clients: bring it
  // into view and give it the focus the now-disabled button loses, or a long preview re-drawn with
  // nothing left to restore (and zeros in its counts) is all the admin sees.
  const outcomeRef = useRef<HTMLDivElement>(null);
  // Again once the page re-drawn by the action's revalidation has landed: it says the run was
  // undone above the list, pushing the result down, and refuses another undo (disabledReason).
  useEffect(() => {
    if (!outcome && !error) return;
    const frame = requestAnimationFrame(() => {
      outcomeRef.current?.scrollIntoView({ block: 'nearest' });
      outcomeRef.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [outcome, error, disabledReason]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ticked = new FormData(event.currentTarget).getAll('ticked').map(String);
    startTransition(async () => {
      setError(null);
      const result = await undoRunAction({ runId, ticked, seenUndoId });
      if (!result.ok) {
        setOutcome({ tone: 'error' });
        setError(result.formError ?? 'The undo did not run. Try again.');
        return;
      }
      if (result.data.kind === 'already_undone') {
        setOutcome({ tone: 'already', undoRunId: result.data.undoRunId, message: result.data.message });
        return;
      }
      const { undoRunId, restored, leftAlone, status } = result.data;
      setOutcome({ tone: 'success', undoRunId, restored, leftAlone, failed: status !== 'succeeded' });
    });
  };
  return (
    <form onSubmit={submit} aria-describedby="undo-outcome">
      <fieldset disabled={pending || done} className="min-w-0">
        <legend className="sr-only">Changes the undo would make</legend>
        {children}
      </fieldset>
      <div className="mt-6 flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          disabled={pending || done || disabledReason !== null}
          aria-describedby={disabledReason ? 'undo-disabled-reason' : done ? undefined : 'undo-confirm-note'}
        >
          {pending ? 'Undoing…' : 'Undo this run now'}
        </Button>
        <Link href={`/sync-history/${runId}`} onClick={backToTheRun} className="text-sm font-medium text-brand-700 underline">
          Back to the run
        </Link>
      </div>
      {/* Said by the button, not the page's header, so it goes once the undo has run. */}
      {done || disabledReason ? null : (
        <p id="undo-confirm-note" className="mt-2 text-sm text-slate-700">
          Nothing changes until you confirm.
        </p>
      )}
      {disabledReason ? (
        <p id="undo-disabled-reason" className="mt-2 text-sm text-slate-700">
          {disabledReason}
        </p>
      ) : null}
      {/* Outlined when it takes focus (the app's :focus-visible rule): without it, a keyboard user saw no sign of where focus went. */}
      <div id="undo-outcome" ref={outcomeRef} tabIndex={-1} role="status" aria-live="polite" className="mt-3 text-sm">
        {error ? <p className="text-red-700">{error}</p> : null}
        {outcome?.tone === 'already' ? (
          <p className="text-amber-900" data-testid="undo-already">
            {outcome.message}{' '}
            <Link href={`/sync-history/${outcome.undoRunId}`} className="font-medium text-brand-700 underline">
              View the undo run
            </Link>
          </p>
        ) : null}
        {outcome?.tone === 'success' ? (
          <p className={outcome.failed ? 'text-amber-900' : 'text-green-800'} data-testid="undo-outcome">
            {outcome.failed ? 'The undo stopped part-way: what it restored stands. ' : 'Undone. '}
            {countOf(outcome.restored, 'client')} changed back
            {outcome.leftAlone > 0 ? `; ${countOf(outcome.leftAlone, 'client')} left alone (changed since the run)` : ''}.{' '}
            <Link href={`/sync-history/${outcome.undoRunId}`} className="font-medium text-brand-700 underline">
              View the undo run
            </Link>
          </p>
        ) : null}
      </div>
    </form>
  );
}
