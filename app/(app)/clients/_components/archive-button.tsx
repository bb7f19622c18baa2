'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setClientArchivedAction } from '../actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function ArchiveButton({ clientId, clientName, archived }: { clientId: string; clientName: string; archived: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = () =>
    startTransition(async () => {
      const result = await setClientArchivedAction({ clientId, archived: !archived });
      if (!result.ok) setError(result.formError ?? 'That did not work.');
      else {
        setError(null);
        // Say what just happened, in place of an older notice such as "Changes saved.".
        router.replace(`/clients/${clientId}?saved=${archived ? 'restored' : 'archived'}`);
      }
    });
  return (
    <div>
      {archived ? (
        <Button variant="secondary" onClick={run} disabled={pending}>
          Restore client
        </Button>
      ) : (
        <ConfirmDialog
          trigger={
            <Button variant="secondary" disabled={pending}>
              Archive client
            </Button>
          }
          title={`Archive ${clientName}?`}
          description={<p>Archived clients are hidden from lists and pickers but nothing is deleted. You can restore them at any time.</p>}
          confirmLabel="Archive client"
          onConfirm={run}
          pending={pending}
        />
      )}
      <p role="alert" className="mt-1 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}
