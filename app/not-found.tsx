import Link from 'next/link';
import { AppShell } from './_components/app-shell';
import { PageNotFound } from './_components/page-not-found';
import { currentMember } from '@/lib/dal/session';

/**
 * An address no page answers. Signed in, it draws the app's frame, so the navigation is still
 * there (a page inside the app that finds nothing has app/(app)/not-found.tsx, in the frame
 * its layout draws); signed out (a stale cookie got past the proxy), it offers sign-in.
 */
export default async function NotFound() {
  const member = await currentMember();
  if (!member) {
    return (
      <main className="mx-auto max-w-lg px-4 py-24 text-center">
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-slate-700">The address may be mistyped, or the page belongs to another practice.</p>
        <Link href="/sign-in" className="mt-6 inline-block font-medium text-brand-700 underline">
          Sign in
        </Link>
      </main>
    );
  }
  return (
    <AppShell member={member}>
      <PageNotFound />
    </AppShell>
  );
}
