'use client';

import { type ReactNode, useLayoutEffect } from 'react';
import { isLeavingThisAddress } from './navigation-intent';

/**
 * A notice that arrived in the address (`?saved=created`, `?added=1`, an OAuth `?notice=`) is
 * shown once: on arrival the parameters that carried it leave the address, so a reload, a
 * bookmark or a copied link shows the page without it. Other parameters (a search, a sort)
 * stay. `null` as the history state lets Next's router take the new address as its own, so a
 * later refresh of the page does not bring the notice back either.
 */
export function ArrivalNotice({ params, children }: { params: readonly string[]; children: ReactNode }) {
  // On every render, not once: the same notice slot can be filled again by a later redirect.
  // A layout effect, so the address is settled in the same commit as hydration: run later (a
  // passive effect), Next's router took the replaceState as "restore this page" and dropped a
  // navigation the person had already started by clicking a link (seen in the members e2e).
  // Even so the content can show after the address arrived (it streams in behind the page's
  // skeleton): a click made in between must not be dropped, so then the address keeps the
  // parameters — the person is leaving it anyway (./navigation-intent.tsx).
  useLayoutEffect(() => {
    const url = new URL(window.location.href);
    const carried = params.filter((name) => url.searchParams.has(name));
    if (carried.length === 0 || isLeavingThisAddress()) return;
    for (const name of carried) url.searchParams.delete(name);
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  });
  return children;
}
