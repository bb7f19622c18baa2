'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Input, Select } from '@/components/ui/input';

/**
 * Type-ahead search and the status filter. They only change the URL; the server page
 * reads it and renders the list, so the list is shareable and the back button works.
 */
export function ClientListControls() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const navigate = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete('page'); // a new search or filter starts on page 1
    startTransition(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  };

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="search">
      <div className="min-w-64 flex-1">
        <label htmlFor="client-search" className="mb-1 block text-sm font-medium">
          Search clients
        </label>
        <Input
          id="client-search"
          type="search"
          placeholder="Name, email or tax number"
          value={query}
          autoComplete="off"
          onChange={(event) => {
            const value = event.target.value;
            setQuery(value);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => navigate({ q: value.trim() || null }), 200);
          }}
        />
      </div>
      <div>
        <label htmlFor="client-status" className="mb-1 block text-sm font-medium">
          Show
        </label>
        <Select id="client-status" value={params.get('status') ?? 'active'} onChange={(e) => navigate({ status: e.target.value === 'active' ? null : e.target.value })}>
          <option value="active">Active clients</option>
          <option value="archived">Archived clients</option>
          <option value="all">All clients</option>
        </Select>
      </div>
      <p className="sr-only" aria-live="polite">
        {pending ? 'Searching…' : ''}
      </p>
    </div>
  );
}
