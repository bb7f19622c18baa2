'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { handFocusTo } from '@/components/ui/focus-handoff';
import type { AppId } from '@/lib/apps/ids';
import { appShortLabel } from '@/lib/apps/registry';
import { unlinkClientAction } from '../actions';
import { forgetClientSearches } from './forget-client-searches';
import { SYNC_HEADING_ID } from './sync-section-ids';

/**
 * Unlink, after saying what stays: the client, its values and the app's record. While it
 * saves, the button waits (`pending`, not disabled): the dialog gives focus back to it, and a
 * disabled button would drop that focus to the page's body (a screen reader starts again from
 * the top); a refusal is then said next to where focus is.
 */
export function UnlinkButton({ clientId, clientName, app, recordName }: { clientId: string; clientName: string; app: AppId; recordName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const label = appShortLabel(app);
  const run = () =>
    startTransition(async () => {
      const result = await unlinkClientAction({ clientId, app });
      if (!result.ok) setError(result.formError ?? 'That did not work. Try again.');
      else {
        forgetClientSearches();
        // The link, and this button with it, goes with the navigation: focus goes on to the section's heading.
        handFocusTo(SYNC_HEADING_ID);
        router.replace(`/clients/${clientId}?saved=unlinked-${app}`);
      }
    });
  return (
    <div>
      <ConfirmDialog
        trigger={
          <Button variant="secondary" pending={pending} aria-label={`Unlink from ${label}`}>
            Unlink
          </Button>
        }
        title={`Unlink ${clientName} from ${label}?`}
        description={
          <p>
            Nothing is deleted: {clientName} keeps its values here and {label} keeps “{recordName}”. {label} stops changing this client until you link it again: syncs do not link
            the two again by name.
          </p>
        }
        confirmLabel="Unlink"
        onConfirm={run}
        pending={pending}
      />
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
