'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { approvePausedRunAction, discardPausedRunAction } from '../actions';

/**
 * Approve or discard a run the mass-change guard paused (admins). Approving queues it again:
 * it reads the app once more and applies (or, To XPM, sends) without the guard; discarding
 * applies and sends nothing.
 */
export function ReviewPausedRun({ runId, approveLabel }: { runId: string; approveLabel: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (action: typeof approvePausedRunAction) =>
    startTransition(async () => {
      setError(null);
      const result = await action({ runId });
      if (!result.ok) setError(result.formError ?? 'That did not work. Please try again.');
      router.refresh();
    });
  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => act(approvePausedRunAction)} disabled={pending}>
          {approveLabel}
        </Button>
        <Button variant="secondary" onClick={() => act(discardPausedRunAction)} disabled={pending}>
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
