import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '../_components/app-shell';
import { currentMember } from '@/lib/dal/session';

// Here, not on the page: its notFound() replaces the page's own metadata.
export const metadata: Metadata = { title: 'Page not found' };

/**
 * The frame of an address no page answers. A member keeps the app's header and navigation,
 * so a mistyped or outdated address has the way back. Anyone else gets the page alone, with
 * no redirect: the proxy already sends a signed-out visitor of a page to sign-in, so what
 * reaches here without a member is a file-like address (a missing icon), an address under
 * /sign-in or /sign-up, or a session no longer valid — each a plain 404.
 */
export default async function MissingLayout({ children }: { children: ReactNode }) {
  const member = await currentMember();
  if (!member) return <main className="px-4 py-6">{children}</main>;
  return <AppShell member={member}>{children}</AppShell>;
}
