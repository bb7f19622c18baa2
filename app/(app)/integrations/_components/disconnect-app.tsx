'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { handFocusTo, useHandedFocus } from '@/components/ui/focus-handoff';
import { appShortLabel, type AppId } from '@/lib/apps/registry';
import { disconnectAppAction } from '../actions';
import { type DisconnectOutcome, disconnectOutcome } from './disconnect-outcome';

/**
 * Disconnect (while `live`) and what it did. Drawn in the card's admin buttons whether or not
 * the app is connected, so the outcome outlives the button: a disconnect takes the button (and
 * the rest of the connected card) away on the refresh that follows. Before, what it said went
 * with the button, and focus fell to the page's body (a trial).
 *
 * Returns its parts unwrapped, into the buttons' row: while empty the status is visually hidden
 * (out of the row's flow, still a live region in place for its first words); once it says
 * something it takes a line of its own under the buttons.
 */
export function DisconnectApp({ app, live, consequences }: { app: AppId; live: boolean; consequences: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<DisconnectOutcome | null>(null);
  const statusId = `${app}-disconnect-status`;
  const name = appShortLabel(app);
  useHandedFocus();
  const disconnect = () =>
    startTransition(async () => {
      const result = await disconnectAppAction({ app });
      handFocusTo(statusId);
      setOutcome(disconnectOutcome(app, result.ok ? { ok: true, wasSource: result.data.wasSource } : result));
      if (result.ok) router.refresh();
    });
  return (
    <>
      {live ? (
        <ConfirmDialog
          trigger={
            <Button variant="secondary" pending={pending}>
              Disconnect {name}
            </Button>
          }
          title={`Disconnect ${name}?`}
          description={
            <div className="space-y-2">
              <p>
                Practice Sync will revoke its access to {name} and delete the stored tokens. The {name} directory is cleared from the client picker.
              </p>
              <p>{consequences}</p>
            </div>
          }
          confirmLabel={`Disconnect ${name}`}
          tone="danger"
          pending={pending}
          onConfirm={disconnect}
        />
      ) : null}
      <div
        id={statusId}
        tabIndex={-1}
        role="status"
        data-testid={statusId}
        className={
          outcome
            ? `basis-full rounded-md border px-3 py-2 text-sm ${outcome.tone === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-green-300 bg-green-50 text-green-900'}`
            : 'sr-only'
        }
      >
        {outcome?.text}
      </div>
    </>
  );
}
