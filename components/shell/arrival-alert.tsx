'use client';

import { type ComponentProps, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { useFocusOnArrival } from '@/components/ui/focus-handoff';

/**
 * A message the page arrives with that says what the person just did ("Changes saved.", "XPM
 * is connected."): it takes focus as it arrives, so a screen reader reads it and Tab goes on
 * from it. A live region already on the page as it loads is not read (a trial heard nothing,
 * with focus on the page's body), and the control that led here has gone with the page it was
 * on. Only when focus is lost (components/ui/focus-handoff.ts): focus the person already put
 * somewhere stays. Focused, it is outlined as focus is (app/globals.css).
 *
 * Key it by what it says where one page can say several things in turn, so each arrives anew.
 */
export function ArrivalAlert(props: Omit<ComponentProps<typeof Alert>, 'ref' | 'tabIndex'>) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusOnArrival(ref);
  return <Alert ref={ref} tabIndex={-1} {...props} />;
}
