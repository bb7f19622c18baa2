'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { handFocusTo, useHandedFocus } from '@/components/ui/focus-handoff';
import { appShortLabel, type AppId } from '@/lib/apps/registry';
import { refreshDirectoryAction } from '../actions';
import { formatCount } from '@/lib/format/count';

type Outcome = { tone: 'error' | 'success'; text: string } | null;

/**
 * Runs one of the card's actions and keeps what it said. `messageId`: the outcome's element,
 * where focus goes from the pressed button once it is said (the button is aria-disabled meanwhile).
 */
export function useActionRunner(messageId?: string) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<Outcome>(null);
  useHandedFocus();
  const run = (action: () => Promise<{ ok: boolean; formError?: string }>, success?: (result: unknown) => string | null) =>
    startTransition(async () => {
      const result = await action();
      const text = result.ok ? (success?.(result) ?? null) : (result.formError ?? 'That did not work.');
      if (messageId && text) handFocusTo(messageId);
      setMessage(result.ok ? (text ? { tone: 'success', text } : null) : { tone: 'error', text: text ?? 'That did not work.' });
      // Drawn again after a refusal too: it can mean the connection changed meanwhile (say, XPM
      // was disconnected in another tab), and the card should then say so, not "Connected".
      router.refresh();
    });
  return { pending, message, run };
}

export function Message({ id, message, className }: { id?: string; message: Outcome; className?: string }) {
  return (
    <p id={id} tabIndex={id ? -1 : undefined} role="status" className={`${message?.tone === 'error' ? 'text-sm text-red-700' : 'text-sm text-green-800'} ${className ?? ''}`}>
      {message?.text}
    </p>
  );
}

interface RefreshData {
  state: 'done' | 'running';
  message?: string;
  fetched?: number;
  written?: number;
  failed?: number;
  unreadable?: string[];
}

function refreshText(data: RefreshData | undefined): string | null {
  if (!data) return null;
  if (data.state === 'running') return data.message ?? null;
  const unreadable = data.unreadable?.length ? ` Could not be read: ${data.unreadable.map((n) => `“${n}”`).join(', ')}.` : '';
  return `Refreshed: ${formatCount(data.fetched ?? 0)} checked, ${formatCount(data.written ?? 0)} changed${data.failed ? `, ${formatCount(data.failed)} could not be read` : ''}.${unreadable}`;
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
  const messageId = `${app}-refresh-message`;
  const { pending, message, run } = useActionRunner(messageId);
  return (
    // Without the button: visually hidden while there is nothing to say (out of the row's flow,
    // the status still in place for its first words); a line of its own under the buttons once
    // it says something. The same element throughout, so focus on it stays.
    <div className={live ? undefined : message ? 'basis-full' : 'sr-only'}>
      {live ? (
        <Button
          variant="secondary"
          pending={pending || running}
          onClick={() =>
            run(
              () => refreshDirectoryAction({ app }),
              (r) => refreshText((r as { data?: RefreshData }).data),
            )
          }
        >
          {pending || running ? 'Refreshing…' : 'Refresh now'}
          <span className="sr-only"> the {appShortLabel(app)} directory</span>
        </Button>
      ) : null}
      <Message id={messageId} message={message} />
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
