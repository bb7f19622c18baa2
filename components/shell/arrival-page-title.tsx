'use client';

import { type ReactNode, useRef, useState, useSyncExternalStore } from 'react';
import { useFocusOnArrival } from '@/components/ui/focus-handoff';

const NO_ELEMENT = { current: null };
const neverChanges = () => () => {};

/**
 * A page's heading (h1) that takes focus when the page arrives by a navigation within the app
 * and focus went with the link that led here. Without it, following a run's link from Sync
 * history (or "Undo this run…") left focus on the page's body: a keyboard user's next Tab
 * started again from the top, and a screen reader said nothing of where they now were (a
 * trial). Focused, the heading is read, and Tab goes on from it; the app's :focus-visible
 * outline shows a keyboard user where focus went (a mouse user's click shows none).
 *
 * Only on a navigation, not on a document's first load (a typed address, a reload, a new tab):
 * there the browser starts at the top, the skip link first, as on any site. Focus put elsewhere
 * already (handed on by the page, or chosen by the person) stays: see `useFocusOnArrival`.
 */
export function ArrivalPageTitle({ className, children }: { className: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // Hydrating (the server's snapshot) only on a first load: a page arriving by navigation is rendered in the browser.
  const hydrating = useSyncExternalStore(
    neverChanges,
    () => false,
    () => true,
  );
  const [arrivedByNavigation] = useState(!hydrating);
  useFocusOnArrival(arrivedByNavigation ? ref : NO_ELEMENT);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
