'use client';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { appShortLabel, type AppId } from '@/lib/apps/registry';
import { disconnectAppAction } from '../actions';
import { disconnectOutcome } from './disconnect-outcome';
import { OutcomeStatus } from './outcome-status';
import { useActionRunner } from './use-action-runner';

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
  const statusId = `${app}-disconnect-status`;
  const { pending, outcome, run } = useActionRunner(statusId);
  const name = appShortLabel(app);
  const disconnect = () =>
    run(
      () => disconnectAppAction({ app }),
      (result) => disconnectOutcome(app, result.ok ? { ok: true, wasSource: result.data.wasSource } : result),
    );
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
      <OutcomeStatus id={statusId} outcome={outcome} look="box" className={outcome ? 'basis-full' : 'sr-only'} />
    </>
  );
}
