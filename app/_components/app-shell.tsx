import type { ReactNode } from 'react';
import { leavesPage } from '@/components/leave-guard/leaves-page';
import { type AttentionBadge, NavLinks } from '@/components/shell/nav-links';
import { NavigationIntentTracker } from '@/components/shell/navigation-intent';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format/count';
import { attentionLabel } from '@/lib/health/attention';
import { countAttention } from '@/lib/dal/attention';
import type { Member } from '@/lib/dal/session';
import { signOutAction } from '../(auth)/actions';

/**
 * A signed-in member's frame: skip link, the practice and the member, sign-out, the main
 * navigation, and the page in <main>. Drawn by the app's layout, and by the unknown-address
 * page for a member (app/(missing)), so a mistyped address keeps the way back.
 */
export async function AppShell({ member, children }: { member: Member; children: ReactNode }) {
  // What needs a person, counted on every page (one indexed statement): the Dashboard link's badge.
  const attention = await countAttention(member);
  return (
    <div className="min-h-screen">
      <NavigationIntentTracker />
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div>
            <p className="text-xs font-medium tracking-wide text-slate-600 uppercase">Practice Sync</p>
            <p className="text-lg font-semibold text-slate-900" data-testid="practice-name">
              {member.practiceName}
            </p>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700">
              <span className="font-medium text-slate-900">{member.name}</span> <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs capitalize">{member.role}</span>
            </span>
            <form action={signOutAction} {...leavesPage}>
              <Button type="submit" variant="secondary" size="sm">
                Sign out
              </Button>
            </form>
          </div>
        </div>
        <nav aria-label="Main" className="mx-auto max-w-6xl px-4 pb-2">
          <NavLinks attention={attentionBadge(attention)} />
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}

/** The badge's words, made here on the server (see NavLinks): none when nothing needs a person. */
function attentionBadge(count: number): AttentionBadge | null {
  return count > 0 ? { count: formatCount(count), label: attentionLabel(count) } : null;
}
