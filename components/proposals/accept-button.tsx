'use client';

import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

// The dialog (Radix, focus trap, scroll lock) is fetched on first use, not with the page.
const AcceptDialog = dynamic(() => import('./accept-dialog'), { ssr: false });

/** "Mark as accepted", confirmed in a dialog that says what accepting does and asks who accepted for the client. */
export function AcceptButton({ clientName, pending, onConfirm }: { clientName: string; pending: boolean; onConfirm: (acceptedBy: string) => void }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button ref={buttonRef} aria-haspopup="dialog" aria-disabled={pending ? true : undefined} onClick={() => setOpen(true)}>
        Mark as accepted
      </Button>
      {open ? (
        <AcceptDialog
          clientName={clientName}
          pending={pending}
          onClose={() => setOpen(false)}
          returnFocusTo={buttonRef}
          onConfirm={(acceptedBy) => {
            setOpen(false);
            onConfirm(acceptedBy);
          }}
        />
      ) : null}
    </>
  );
}
