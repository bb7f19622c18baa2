/**
 * A page-level loading state. Used by segments' loading.tsx — but not above pages that call
 * notFound(): a loading boundary starts streaming early, and a streamed not-found page can
 * no longer answer with HTTP 404.
 */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-80 animate-pulse rounded bg-slate-200" />
      <div className="h-64 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
