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
      if (!result.ok) setMessage({ tone: 'error', text: text ?? 'That did not work.' });
      else {
        setMessage(text ? { tone: 'success', text } : null);
        router.refresh();
      }
    });
  return { pending, message, run };
}

export function Message({ id, message, className }: { id?: string; message: Outcome; className?: string }) {
  return (
    <p id={id} tabIndex={id ? -1 : undefined} aria-live="polite" className={`${message?.tone === 'error' ? 'text-sm text-red-700' : 'text-sm text-green-800'} ${className ?? ''}`}>
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

/** `running`: a refresh is already going on in the server (started here or elsewhere). */
export function RefreshButton({ app, running }: { app: AppId; running: boolean }) {
  const messageId = `${app}-refresh-message`;
  const { pending, message, run } = useActionRunner(messageId);
  return (
    <div>
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
