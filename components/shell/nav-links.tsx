'use client';

import { usePathname } from 'next/navigation';
import { IntentLink } from '@/components/ui/intent-link';

export const NAV_ITEMS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/clients', label: 'Clients' },
  { href: '/proposals', label: 'Proposals' },
  { href: '/integrations', label: 'Integrations' },
  { href: '/sync-history', label: 'Sync history' },
  { href: '/settings/members', label: 'Members' },
] as const;

/** The Dashboard link's badge, worded on the server (attentionBadge in the app layout). */
export interface AttentionBadge {
  /** The number shown: "2", "1,204". */
  count: string;
  /** What it means, for screen readers: "2 items need attention". */
  label: string;
}

/**
 * The main navigation. `attention`: what needs a person (lib/dal/attention.ts); the
 * Dashboard link carries it as a badge, named for screen readers ("Dashboard, 2 items need
 * attention"), until each is resolved. Its words come from the server, so the browser never
 * formats a number here: the first Intl format in a tab costs a phone ~200 ms at load.
 */
export function NavLinks({ attention = null }: { attention?: AttentionBadge | null }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const badge = item.href === '/dashboard' ? attention : null;
        return (
          <li key={item.href}>
            <IntentLink
              href={item.href}
              aria-current={active ? 'page' : undefined}
              // The name says what the badge's number means. (An sr-only span is taken out of the
              // flow, so Chromium reads it apart: "Dashboard , 2 items…".) It starts with the
              // visible words, so speech users can say "click Dashboard".
              aria-label={badge ? `${item.label}, ${badge.label}` : undefined}
              className={`flex items-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {item.label}
              {badge ? (
                <span aria-hidden="true" className="rounded-full bg-amber-700 px-1.5 text-xs leading-5 font-semibold text-white" data-testid="attention-badge">
                  {badge.count}
                </span>
              ) : null}
            </IntentLink>
          </li>
        );
      })}
    </ul>
  );
}
