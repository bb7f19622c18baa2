'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';

/**
 * List filters that live in the URL: the server page reads them and renders the list, so a
 * filtered list is shareable and the back button works. `navigateSoon` debounces typing.
 * Any change starts again on page 1.
 */
export function useUrlFilters(debounceMs = 200) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const navigate = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete('page');
    const search = next.toString();
    startTransition(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
  };

  const navigateSoon = (changes: Record<string, string | null>) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => navigate(changes), debounceMs);
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { params, pending, navigate, navigateSoon };
}
