'use client';

import { type ReactNode, type RefObject, useRef } from 'react';
import { useFocusOnArrival } from '@/components/ui/focus-handoff';

/** Nothing to focus: what the heading passes when something else on the step takes focus as it arrives. */
const NOT_THIS: RefObject<HTMLElement | null> = { current: null };

/**
 * A wizard step's heading. A step arrives by a navigation after an action ("Save and
 * continue", "Accept the recommended setup"), and the button that was pressed is gone, which
 * left focus on the page's body and nothing said where the admin now was (a trial). The
 * heading takes focus then, so a screen reader reads the new step and Tab goes on from it.
 * Only from the body: focus the admin (or a field's autoFocus) already put somewhere stays.
 * `focusOnArrival={false}` where the step arrives with an outcome that takes focus instead
 * (back from a consent page). Keyed by step by its parent, so each step's arrival runs this once.
 *
 * Focused, it is outlined by the app's :focus-visible rule (app/globals.css), as any focus is:
 * the browser shows it when the admin pressed a key to get here, not after a mouse click, and a
 * sighted keyboard user sees where focus went. `w-fit`, so the outline hugs the words and does
 * not draw a box across the column.
 *
 * `describedBy`: the id of a message that arrived with the step (the welcome after sign-up).
 * Already on the page as it loads, a message in a live region is not read; focus on the heading
 * is, and with it the heading's description.
 */
export function StepHeading({ id, focusOnArrival = true, describedBy, children }: { id?: string; focusOnArrival?: boolean; describedBy?: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useFocusOnArrival(focusOnArrival ? ref : NOT_THIS);
  return (
    <h2 ref={ref} id={id} tabIndex={-1} aria-describedby={describedBy} className="w-fit rounded-sm text-lg font-semibold">
      {children}
    </h2>
  );
}
