'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { Button } from '@/components/ui/button';

/**
 * The acceptance confirmation. Loaded only when someone asks to accept (see
 * accept-button.tsx), so the dialog's code is not part of the editor's first load. Radix
 * traps focus, closes on Escape and returns focus to the button that opened it.
 */
export default function AcceptDialog({ clientName, pending, onConfirm, onClose }: { clientName: string; pending: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <AlertDialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">Accept this proposal?</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              <p>This records you as accepting it now and locks its content. It is the moment the workflow for {clientName} is deployed.</p>
              <p>To change it afterwards you will copy it to a new draft.</p>
            </div>
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button onClick={onConfirm} disabled={pending}>
                Accept proposal
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
