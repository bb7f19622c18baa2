'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { appShortLabel, type AppId } from '@/lib/apps/registry';
import { refreshDirectoryAction } from '../actions';
import { formatCount } from '@/lib/format/count';
import { type Outcome, OutcomeStatus } from './outcome-status';
import { useActionRunner } from './use-action-runner';

interface RefreshData {
  state: 'done' | 'running';
  message?: string;
  fetched?: number;
  written?: number;
  failed?: number;
  unreadable?: string[];
}

function refreshText(data: RefreshData): string | null {
  if (data.state === 'running') return data.message ?? null;
  const unreadable = data.unreadable?.length ? ` Could not be read: ${data.unreadable.map((n) => `“${n}”`).join(', ')}.` : '';
  return `Refreshed: ${formatCount(data.fetched ?? 0)} checked, ${formatCount(data.written ?? 0)} changed${data.failed ? `, ${formatCount(data.failed)} could not be read` : ''}.${unreadable}`;
}

/** What Refresh now says: what it found (or that it goes on in the server), or why it did not run. */
function refreshOutcome(result: { ok: true; data: RefreshData } | { ok: false; formError?: string }): Outcome | null {
  if (!result.ok) return { tone: 'error', text: result.formError ?? 'That did not work.' };
  const text = refreshText(result.data);
  return text ? { tone: 'success', text } : null;
}

/**
 * Refresh now (while `live`) and what it said. Drawn in the card's admin buttons whether or not
 * the app is connected, as Disconnect is (disconnect-app.tsx): the page drawn again after a press
 * can be without the button (the app was disconnected in another tab, or by another admin,
 * meanwhile), and what the press said, with the focus on it, must not go with the button. Before,
 * it did, and focus fell to the page's body.
 *
 * `running`: a refresh is already going on in the server (started here or elsewhere).
 */
export function RefreshNow({ app, live, running }: { app: AppId; live: boolean; running: boolean }) {
  const statusId = `${app}-refresh-message`;
  const { pending, outcome, run } = useActionRunner(statusId);
  return (
    // Without the button: visually hidden while there is nothing to say (out of the row's flow,
    // the status still in place for its first words); a line of its own under the buttons once
    // it says something. The same element throughout, so focus on it stays.
    <div className={live ? undefined : outcome ? 'basis-full' : 'sr-only'}>
      {live ? (
        <Button variant="secondary" pending={pending || running} onClick={() => run(() => refreshDirectoryAction({ app }), refreshOutcome)}>
          {pending || running ? 'Refreshing…' : 'Refresh now'}
          {/* Which directory, after the visible words (a user trial heard "Refresh now the XPM directory"). */}
          <span className="sr-only"> ({appShortLabel(app)} directory)</span>
        </Button>
      ) : null}
      <OutcomeStatus id={statusId} outcome={outcome} look="line" />
    </div>
  );
}

/**
 * Shown while a refresh runs on in the server after "Refresh now" answered: re-reads the page
 * every few seconds, so the outcome (last success or last error) appears on the card when it
 * lands, and this line goes away.
 */
export function RefreshInProgress({ app }: { app: AppId }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <p role="status" className="mt-4 text-sm text-slate-700" data-testid={`${app}-refreshing`}>
      Refreshing the {appShortLabel(app)} directory… The result will appear on this card.
    </p>
  );
}
