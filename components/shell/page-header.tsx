import type { ReactNode } from 'react';
import { ArrivalPageTitle } from './arrival-page-title';

const TITLE_CLASS = 'text-2xl font-semibold text-slate-900';

/**
 * A page's title, what it is and its actions. `focusOnArrival`: the title takes focus when the
 * page is reached by a link that goes with the page it was on (./arrival-page-title.tsx).
 */
export function PageHeader({ title, description, actions, focusOnArrival = false }: { title: string; description?: ReactNode; actions?: ReactNode; focusOnArrival?: boolean }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        {focusOnArrival ? <ArrivalPageTitle className={TITLE_CLASS}>{title}</ArrivalPageTitle> : <h1 className={TITLE_CLASS}>{title}</h1>}
        {description ? <p className="mt-1 text-sm text-slate-700">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

/** An empty list's message: a heading and a line. `level`: 3 inside a section with its own h2 (a trial found "Nothing would change" an h2 within one). */
export function EmptyState({ title, level = 2, children }: { title: string; level?: 2 | 3; children?: ReactNode }) {
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <Heading className="text-base font-semibold text-slate-900">{title}</Heading>
      {children ? <div className="mx-auto mt-2 max-w-prose text-sm text-slate-700">{children}</div> : null}
    </div>
  );
}
