import { Suspense, type ReactNode } from 'react';

/**
 * Server-rendered content that hydrates apart from the page's shell, in slices. React
 * hydrates a Suspense boundary that arrived complete from the server at a low priority it
 * may pause every few milliseconds, after the shell is interactive; without one, a page's
 * whole tree hydrates in a single task that blocks input (on a throttled phone, the
 * proposal editor's was ~200 ms). Nothing here suspends on the server: the page has
 * already loaded its data, so the HTML is the same.
 *
 * Put it last on the page, with everything that follows it inside: React streams a boundary
 * of more than about 12 KB of HTML after the page's shell and reveals it up to 300 ms later, so
 * whatever came after it would be painted first and then pushed down — a layout shift
 * (Lighthouse measured 0.77 on /clients, whose pagination sat below the table).
 */
export function HydrateApart({ children }: { children: ReactNode }) {
  return <Suspense>{children}</Suspense>;
}
