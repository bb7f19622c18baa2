import Link from 'next/link';

/**
 * An address no page answers (a page's own notFound() inside the app shows this inside the
 * app's layout, with its header). Kept static on purpose: Next renders the root not-found
 * into every page's server payload, found or not (vercel/next.js#50874), so drawing the
 * signed-in header here — which would read the member — cost every page; checked by
 * fetching /dashboard and finding this page's text in it.
 */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-700">The address may be mistyped, or the page belongs to another practice.</p>
      <Link href="/dashboard" className="mt-6 inline-block font-medium text-brand-700 underline">
        Go to the dashboard
      </Link>
    </main>
  );
}
