import type { ReactNode } from 'react';

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
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
