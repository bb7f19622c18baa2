'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type RefObject, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ACCEPTED_BY_LABEL, ACCEPTED_BY_REQUIRED_MESSAGE } from '@/lib/proposals/messages';
import { ACCEPTED_BY_MAX_LENGTH } from '@/lib/validation/proposal-limits';
import { DIALOG_OVERLAY_CLASS, SMALL_DIALOG_PANEL_CLASS } from '@/components/ui/dialog-styles';

/**
 * The acceptance confirmation. Loaded only when someone asks to accept (see
 * accept-button.tsx), so the dialog's code is not part of the editor's first load. Radix
 * traps focus and closes on Escape; focus goes back to `returnFocusTo`, the button that opened
 * it (there is no Radix Trigger, so Radix would leave it on the page's body).
 *
 * The client accepts; the member records it. So the dialog asks who accepted on the client's
 * behalf (issue 15), and the acceptance names them beside the member who recorded it.
 */
export default function AcceptDialog({
  clientName,
  pending,
  onConfirm,
  onClose,
  returnFocusTo,
}: {
  clientName: string;
  pending: boolean;
  onConfirm: (acceptedBy: string) => void;
  onClose: () => void;
  returnFocusTo: RefObject<HTMLElement | null>;
}) {
  const [acceptedBy, setAcceptedBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const name = acceptedBy.trim();
    if (name === '') {
      setError(ACCEPTED_BY_REQUIRED_MESSAGE);
      inputRef.current?.focus();
      return;
    }
    onConfirm(name);
  };

  return (
    <AlertDialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={DIALOG_OVERLAY_CLASS} />
        <AlertDialog.Content
          className={SMALL_DIALOG_PANEL_CLASS}
          // The name field takes focus first: it is what the dialog asks for.
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            inputRef.current?.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo.current?.focus();
          }}
        >
          <AlertDialog.Title className="text-lg font-semibold">Accept this proposal?</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              <p>
                This records that {clientName} accepted it now, who accepted for them, and that you recorded it. It locks the content and deploys the workflow for {clientName}
                {/* "Inc." ends the sentence itself: no second full stop. */}
                {clientName.endsWith('.') ? '' : '.'}
              </p>
              <p>To change it afterwards you will copy it to a new draft.</p>
            </div>
          </AlertDialog.Description>
          <form className="mt-4" onSubmit={submit} noValidate>
            <Field
              id="accepted-by"
              label={ACCEPTED_BY_LABEL}
              required
              hint={`The person at ${clientName} who accepted, e.g. "Jane Citizen, director".`}
              errors={error ? [error] : undefined}
            >
              {(p) => (
                <Input
                  {...p}
                  ref={inputRef}
                  name="acceptedBy"
                  value={acceptedBy}
                  maxLength={ACCEPTED_BY_MAX_LENGTH}
                  autoComplete="off"
                  onChange={(event) => {
                    setAcceptedBy(event.target.value);
                    if (error && event.target.value.trim() !== '') setError(null);
                  }}
                />
              )}
            </Field>
            <div className="mt-6 flex justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </AlertDialog.Cancel>
              {/* A plain submit, not AlertDialog.Action: that would close the dialog before the name is checked. */}
              <Button type="submit" disabled={pending}>
                Accept proposal
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
