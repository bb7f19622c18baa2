import { PageNotFound } from './_components/page-not-found';

/**
 * Next's last resort (an address app/(missing) does not catch). Kept static on purpose:
 * Next renders the root not-found into every page's server payload, found or not
 * (vercel/next.js#50874), so drawing the signed-in header here — which would read the member
 * — would cost every page; checked by fetching /dashboard and finding this page's text in it.
 * Unknown addresses are answered by app/(missing), with the header for a member.
 */
export default function NotFound() {
  return (
    <main className="px-4 py-6">
      <PageNotFound />
    </main>
  );
}
