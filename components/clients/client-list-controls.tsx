'use client';

import { useState } from 'react';
import { useUrlFilters } from '@/components/shell/use-url-filters';
import { Input, Select } from '@/components/ui/input';

/**
 * Type-ahead search and the status filter. They only change the URL; the server page
 * reads it and renders the list, so the list is shareable and the back button works.
 */
export function ClientListControls() {
  const { params, pending, navigate, navigateSoon } = useUrlFilters();
  const [query, setQuery] = useState(params.get('q') ?? '');

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
            navigateSoon({ q: value.trim() || null });
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
