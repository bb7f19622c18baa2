'use client';

import { UrlSearchField } from '@/components/shell/url-search-field';
import { useUrlFilters } from '@/components/shell/use-url-filters';
import { Select } from '@/components/ui/input';
import { PROPOSAL_STATUSES } from '@/lib/validation/proposal-statuses';
import { STATUS_LABEL } from './proposal-status-badge';

/**
 * Search (title or client name) and the status filter. They only change the URL; the
 * server page renders the list, so it is shareable and the back button works.
 */
export function ProposalListControls({ counts }: { counts: Record<(typeof PROPOSAL_STATUSES)[number], number> }) {
  const { params, pending, navigate, navigateSoon } = useUrlFilters();

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    // Tops aligned, not bottoms: a search too long to run grows a line of its own under the box.
    <div className="mb-4 flex flex-wrap items-start gap-3" role="search">
      <UrlSearchField id="proposal-search" label="Search proposals" placeholder="Title or client name" initial={params.get('q') ?? ''} onSearch={(q) => navigateSoon({ q })} />
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
