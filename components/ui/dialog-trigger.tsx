'use client';

import { Slot } from '@radix-ui/react-slot';
import { useRef, type ReactNode, type RefObject } from 'react';

/**
 * The button that opens a dialog whose code is loaded on demand (next/dynamic): it is
 * rendered with the page, says that it opens a dialog, and starts fetching the dialog's
 * code as the pointer or keyboard focus reaches it, so the dialog is usually there by the
 * press. The dialog itself is rendered only while open. Returns the trigger element and a
 * ref to it, where the dialog sends focus back when it closes.
 */
export function useDialogTrigger({ trigger, open, onOpen, preload }: { trigger: ReactNode; open: boolean; onOpen: () => void; preload: () => unknown }) {
  const ref = useRef<HTMLElement>(null);
  const element = (
    <Slot ref={ref} aria-haspopup="dialog" aria-expanded={open} onClick={onOpen} onPointerEnter={preload} onFocus={preload}>
      {trigger}
    </Slot>
  );
  return { element, ref: ref as RefObject<HTMLElement | null> };
}
