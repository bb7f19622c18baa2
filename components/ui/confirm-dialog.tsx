'use client';

import dynamic from 'next/dynamic';
import { useState, type ReactNode } from 'react';
import { useDialogTrigger } from './dialog-trigger';

// The dialog (Radix, focus trap, scroll lock) is fetched on first use, not with the page: a
// page's load-time work grows with every module it evaluates and every component it hydrates.
const loadContent = () => import('./confirm-dialog-content');
const ConfirmDialogContent = dynamic(loadContent, { ssr: false });

/**
 * A confirmation that says what will happen before it happens. Radix handles focus
 * trapping and Escape; focus returns to the trigger.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  onConfirm,
  tone = 'primary',
  pending = false,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  tone?: 'primary' | 'danger';
  pending?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const { element, ref } = useDialogTrigger({ trigger, open, onOpen: () => setOpen(true), preload: loadContent });
  return (
    <>
      {element}
      {open ? (
        <ConfirmDialogContent
          title={title}
          description={description}
          confirmLabel={confirmLabel}
          onConfirm={onConfirm}
          tone={tone}
          pending={pending}
          onClose={() => setOpen(false)}
          returnFocusTo={ref}
        />
      ) : null}
    </>
  );
}
