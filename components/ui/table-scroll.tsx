import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export const tableScrollClass = 'relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';

/**
 * A table wider than a phone scrolls inside this region, never the page. `relative` matters:
 * without a positioned scroll container, the table's visually hidden (absolutely positioned)
 * labels escape its clipping and widen the whole page (the clients list was 824 px wide on a
 * 390 px screen). The region is named and focusable, so it can be scrolled from the keyboard
 * even when it holds no link or button.
 */
export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn(tableScrollClass, className)}>
      {children}
    </div>
  );
}
