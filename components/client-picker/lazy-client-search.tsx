'use client';

import dynamic from 'next/dynamic';
import { inputClass } from '@/components/ui/input';

/**
 * The client search, fetched right after the page hydrates. Until then a look-alike,
 * disabled field holds its place, so nothing moves when it arrives.
 */
export const LazyClientSearch = dynamic(() => import('./client-search'), {
  ssr: false,
  loading: () => <input disabled aria-label="Find a client (loading)" placeholder="Loading client search…" className={inputClass} />,
});
