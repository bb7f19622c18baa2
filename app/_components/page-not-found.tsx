import Link from 'next/link';

/** What an address no page answers says, wherever it is drawn. */
export function PageNotFound() {
  return (
    <div className="mx-auto max-w-lg py-18 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-700">The address may be mistyped, or the page belongs to another practice.</p>
      <Link href="/dashboard" className="mt-6 inline-block font-medium text-brand-700 underline">
        Go to the dashboard
      </Link>
    </div>
  );
}
