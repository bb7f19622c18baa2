'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';
import { formatCount } from '@/lib/format/count';
import { attentionLabel } from '@/lib/health/attention';

export const NAV_ITEMS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/clients', label: 'Clients' },
  { href: '/proposals', label: 'Proposals' },
  { href: '/integrations', label: 'Integrations' },
  { href: '/sync-history', label: 'Sync history' },
  { href: '/settings/members', label: 'Members' },
] as const;

/**
 * The main navigation. `attention`: how many things need a person (lib/dal/attention.ts); the
 * Dashboard link carries it as a badge, named for screen readers ("Dashboard, 2 items need
 * attention"), until each is resolved.
 */
export function NavLinks({ attention = 0 }: { attention?: number }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const badge = item.href === '/dashboard' && attention > 0;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              // The name says what the badge's number means. (An sr-only span is taken out of the
              // flow, so Chromium reads it apart: "Dashboard , 2 items…".) It starts with the
              // visible words, so speech users can say "click Dashboard".
              aria-label={badge ? `${item.label}, ${attentionLabel(attention)}` : undefined}
              className={cn('flex items-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium', active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
            >
              {item.label}
              {badge ? (
                <span aria-hidden="true" className="rounded-full bg-amber-700 px-1.5 text-xs leading-5 font-semibold text-white" data-testid="attention-badge">
                  {formatCount(attention)}
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
