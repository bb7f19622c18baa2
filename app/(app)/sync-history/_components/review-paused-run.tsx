'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { progressStatusId } from '@/components/sync-runs/progress-ids';
import { Button } from '@/components/ui/button';
import { handFocusTo } from '@/components/ui/focus-handoff';
import type { AppId } from '@/lib/sync/rules';
import { approvePausedRunAction, discardPausedRunAction } from '../actions';
import { RUN_FACTS_TITLE_ID, RUN_OUTCOME_ID } from './run-page-ids';

/**
 * Approve or discard a run the mass-change guard paused (admins). Approving queues it again:
 * it reads the app once more and applies (or, To XPM, sends) without the guard; discarding
 * applies and sends nothing. Both buttons go with the page's refresh: focus goes on to what
 * the page then says (the run's progress, or that it was discarded), not to the page's body.
 */
export function ReviewPausedRun({ runId, app, approveLabel }: { runId: string; app: AppId; approveLabel: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (action: typeof approvePausedRunAction, focusTo: readonly string[]) =>
    startTransition(async () => {
      setError(null);
      const result = await action({ runId });
      if (!result.ok) setError(result.formError ?? 'That did not work. Please try again.');
      else handFocusTo(focusTo);
      router.refresh();
    });
  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => act(approvePausedRunAction, [progressStatusId(app), RUN_OUTCOME_ID, RUN_FACTS_TITLE_ID])} pending={pending}>
          {approveLabel}
        </Button>
        <Button variant="secondary" onClick={() => act(discardPausedRunAction, [RUN_OUTCOME_ID])} pending={pending}>
          Discard this run
        </Button>
      </div>
      <div aria-live="polite">
        {error ? (
          <p className="mt-2 text-sm text-red-700" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
