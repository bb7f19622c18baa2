'use client';

import { useState } from 'react';
import { useUrlFilters } from '@/components/shell/use-url-filters';
import { Input, Select } from '@/components/ui/input';
import { PROPOSAL_STATUSES } from '@/lib/validation/proposal-statuses';
import { STATUS_LABEL } from './proposal-status-badge';

/**
 * Search (title or client name) and the status filter. They only change the URL; the
 * server page renders the list, so it is shareable and the back button works.
 */
export function ProposalListControls({ counts }: { counts: Record<(typeof PROPOSAL_STATUSES)[number], number> }) {
  const { params, pending, navigate, navigateSoon } = useUrlFilters();
  const [query, setQuery] = useState(params.get('q') ?? '');

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="search">
      <div className="min-w-64 flex-1">
        <label htmlFor="proposal-search" className="mb-1 block text-sm font-medium">
          Search proposals
        </label>
        <Input
          id="proposal-search"
          type="search"
          placeholder="Title or client name"
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
        <label htmlFor="proposal-status" className="mb-1 block text-sm font-medium">
          Status
        </label>
        <Select id="proposal-status" value={params.get('status') ?? 'all'} onChange={(e) => navigate({ status: e.target.value === 'all' ? null : e.target.value })}>
          <option value="all">All statuses ({total})</option>
          {PROPOSAL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABEL[status]} ({counts[status]})
            </option>
          ))}
        </Select>
      </div>
      <p className="sr-only" aria-live="polite">
        {pending ? 'Searching…' : ''}
      </p>
    </div>
  );
}
