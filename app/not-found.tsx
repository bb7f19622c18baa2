import { PageNotFound } from './_components/page-not-found';

/**
 * Next's last resort: app/(missing) answers unknown addresses and app/(app)/not-found.tsx a
 * page's notFound() inside the app, both with the header for a member. Kept static on purpose:
 * Next renders the root not-found into every page's server payload, found or not
 * (vercel/next.js#50874), so drawing the signed-in header here — which would read the member
 * — would cost every page; checked by fetching /dashboard and finding this page's text in it.
 */
export default function NotFound() {
  return (
    <main className="px-4 py-6">
      <PageNotFound />
    </main>
  );
}
