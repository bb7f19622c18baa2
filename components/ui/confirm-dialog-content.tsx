'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactNode, RefObject } from 'react';
import { Button } from './button';
import { DIALOG_OVERLAY_CLASS, SMALL_DIALOG_PANEL_CLASS } from './dialog-styles';

/**
 * The open confirmation of ConfirmDialog (confirm-dialog.tsx), in a module of its own so
 * that Radix's dialog code loads when someone asks for it, not with every page that has a
 * button to confirm. Radix traps focus and closes on Escape; focus goes back to the trigger.
 */
export default function ConfirmDialogContent({
  title,
  description,
  confirmLabel,
  onConfirm,
  tone,
  pending,
  onClose,
  returnFocusTo,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  tone: 'primary' | 'danger';
  pending: boolean;
  onClose: () => void;
  returnFocusTo: RefObject<HTMLElement | null>;
}) {
  return (
    <AlertDialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={DIALOG_OVERLAY_CLASS} />
        <AlertDialog.Content
          className={SMALL_DIALOG_PANEL_CLASS}
          // There is no Radix Trigger (the trigger is rendered before this code loads), so
          // Radix does not know where to return focus: say it.
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo.current?.focus();
          }}
        >
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-slate-700">{description}</div>
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={tone} onClick={onConfirm} disabled={pending}>
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
