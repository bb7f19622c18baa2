'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';

export const NAV_ITEMS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/clients', label: 'Clients' },
  { href: '/proposals', label: 'Proposals' },
  { href: '/integrations', label: 'Integrations' },
  { href: '/sync-history', label: 'Sync history' },
  { href: '/settings/members', label: 'Members' },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={cn('block rounded-md px-3 py-2 text-sm font-medium', active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
