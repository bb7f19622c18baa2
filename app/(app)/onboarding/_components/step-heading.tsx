'use client';

import { type ReactNode, useRef } from 'react';
import { useFocusOnArrival } from '@/components/ui/focus-handoff';

/**
 * A wizard step's heading. A step arrives by a navigation after an action ("Save and
 * continue", "Accept the recommended setup"), and the button that was pressed is gone, which
 * left focus on the page's body and nothing said where the admin now was (a trial). The
 * heading takes focus then, so a screen reader reads the new step and Tab goes on from it.
 * Only from the body: focus the admin (or a field's autoFocus) already put somewhere stays.
 * Keyed by step by its parent, so each step's arrival runs this once.
 */
export function StepHeading({ id, children }: { id?: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useFocusOnArrival(ref);
  return (
    <h2 ref={ref} id={id} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
      {children}
    </h2>
  );
}
