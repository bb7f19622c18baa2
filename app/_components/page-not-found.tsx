import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';

/** "Page not found" for a signed-in member, inside the app's frame (app/not-found.tsx, app/(app)/not-found.tsx). */
export function PageNotFound() {
  return (
    <>
      <PageHeader title="Page not found" description="The address may be mistyped, or the page belongs to another practice." />
      <Link href="/dashboard" className="font-medium text-brand-700 underline">
        Go to the dashboard
      </Link>
    </>
  );
}
