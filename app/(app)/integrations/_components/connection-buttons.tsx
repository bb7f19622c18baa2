'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { APP_LABEL, type AppId } from '@/lib/sync/canonical-client';
import { disconnectAppAction, refreshDirectoryAction, removeGustoCompanyAction } from '../actions';

function useActionRunner() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const run = (action: () => Promise<{ ok: boolean; formError?: string }>, success?: (result: unknown) => string | null) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setMessage({ tone: 'error', text: result.formError ?? 'That did not work.' });
      else {
        const text = success?.(result) ?? null;
        setMessage(text ? { tone: 'success', text } : null);
        router.refresh();
      }
    });
  return { pending, message, run };
}

function Message({ message }: { message: { tone: 'error' | 'success'; text: string } | null }) {
  return (
    <p aria-live="polite" className={message?.tone === 'error' ? 'text-sm text-red-700' : 'text-sm text-green-800'}>
      {message?.text}
    </p>
  );
}

export function DisconnectButton({ app, consequences }: { app: AppId; consequences: string }) {
  const { pending, message, run } = useActionRunner();
  return (
    <div>
      <ConfirmDialog
        trigger={<Button variant="secondary" disabled={pending}>Disconnect {APP_LABEL[app]}</Button>}
        title={`Disconnect ${APP_LABEL[app]}?`}
        description={
          <div className="space-y-2">
            <p>
              Practice Sync will revoke its access to {APP_LABEL[app]} and delete the stored tokens. The {APP_LABEL[app]} directory is
              cleared from the client picker.
            </p>
            <p>{consequences}</p>
          </div>
        }
        confirmLabel={`Disconnect ${APP_LABEL[app]}`}
        tone="danger"
        pending={pending}
        onConfirm={() => run(() => disconnectAppAction({ app }))}
      />
      <Message message={message} />
    </div>
  );
}

export function RefreshButton({ app }: { app: AppId }) {
  const { pending, message, run } = useActionRunner();
  return (
    <div>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          run(
            () => refreshDirectoryAction({ app }),
            (r) => {
              const data = (r as { data?: { fetched: number; written: number; failed: number } }).data;
              if (!data) return null;
              return `Refreshed: ${data.fetched} checked, ${data.written} changed${data.failed ? `, ${data.failed} could not be read` : ''}.`;
            },
          )
        }
      >
        {pending ? 'Refreshing…' : 'Refresh now'}
        <span className="sr-only"> the {APP_LABEL[app]} directory</span>
      </Button>
      <Message message={message} />
    </div>
  );
}

export function RemoveCompanyButton({ grantId, label, isLast }: { grantId: string; label: string; isLast: boolean }) {
  const { pending, message, run } = useActionRunner();
  return (
    <div className="text-right">
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" disabled={pending}>
            Remove<span className="sr-only"> {label}</span>
          </Button>
        }
        title={`Remove ${label}?`}
        description={
          <p>
            Practice Sync will revoke its access to this company and remove it from the Gusto directory. Clients linked to it are
            kept.{isLast ? ' It is the last authorised company, so Gusto will be disconnected.' : ''}
          </p>
        }
        confirmLabel="Remove company"
        tone="danger"
        pending={pending}
        onConfirm={() => run(() => removeGustoCompanyAction({ grantId }))}
      />
      <Message message={message} />
    </div>
  );
}
