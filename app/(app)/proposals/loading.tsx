/** Shown while a proposals page loads: the shape of what is coming, not a spinner. */
export default function ProposalsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading proposals" className="animate-pulse space-y-4">
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="h-10 w-full rounded bg-slate-100" />
      <div className="h-64 w-full rounded bg-slate-100" />
    </div>
  );
}
