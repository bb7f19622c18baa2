'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { recordsText } from '@/lib/sync/runs/format';
import { retryFailedRecordsAction } from '../actions';

type Outcome = { tone: 'error' | 'success' | 'info'; text: string; runId?: string; linkText?: string } | null;

/** "Retry failed records" (admins): starts a run that reads only this run's failed records again, and says where it is. */
export function RetryFailedRecords({ runId, count }: { runId: string; count: number }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const retry = () =>
    startTransition(async () => {
      setOutcome(null);
      const result = await retryFailedRecordsAction({ runId });
      if (!result.ok) return setOutcome({ tone: 'error', text: result.formError ?? 'The retry did not start. Try again.' });
      const answer = result.data;
      if (answer.kind === 'not_inbound') setOutcome({ tone: 'error', text: answer.reason });
      else if (answer.kind === 'in_progress')
        setOutcome({ tone: 'info', text: 'A sync of this app is already running; retry once it ends.', runId: answer.runId, linkText: 'View that run' });
      else setOutcome({ tone: 'success', text: `A new run started to read ${recordsText(count)} again.`, runId: answer.runId, linkText: 'View the new run' });
    });
  return (
    <div className="mt-2">
      <Button onClick={retry} disabled={pending || outcome?.tone === 'success'}>
        {pending ? 'Starting…' : 'Retry failed records'}
      </Button>
      <div aria-live="polite" className="mt-2 text-sm">
        {outcome ? (
          <p className={outcome.tone === 'error' ? 'text-red-700' : outcome.tone === 'success' ? 'text-green-800' : 'text-slate-800'} data-testid="retry-outcome">
            {outcome.text}
            {outcome.runId ? (
              <>
                {' '}
                <Link href={`/sync-history/${outcome.runId}`} className="font-medium text-brand-700 underline">
                  {outcome.linkText}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
