'use client';

import { UrlSearchField } from '@/components/shell/url-search-field';
import { useUrlFilters } from '@/components/shell/use-url-filters';
import { Select } from '@/components/ui/input';
import { APP_IDS } from '@/lib/apps/ids';
import { CLIENT_LINK_FILTERS, linkFilterLabel, parseLinkFilter } from '@/lib/clients/link-filter';

/** The link states a person acts on: records the app archived or deleted. */
const UPSTREAM_FILTERS = CLIENT_LINK_FILTERS.filter((filter) => {
  const parsed = parseLinkFilter(filter);
  return parsed.kind === 'app' && parsed.state !== null;
});

/**
 * Type-ahead search, the status filter and the filter by link. They only change the URL; the server page
 * reads it and renders the list, so the list is shareable and the back button works.
 */
export function ClientListControls() {
  const { params, pending, navigate, navigateSoon } = useUrlFilters();

  return (
    // Tops aligned, not bottoms: a search too long to run grows a line of its own under the box.
    <div className="mb-4 flex flex-wrap items-start gap-3" role="search">
      <UrlSearchField id="client-search" label="Search clients" placeholder="Name, email or tax number" initial={params.get('q') ?? ''} onSearch={(q) => navigateSoon({ q })} />
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
      <div>
        <label htmlFor="client-link" className="mb-1 block text-sm font-medium">
          Linked to
        </label>
        <Select id="client-link" value={params.get('link') ?? 'any'} onChange={(e) => navigate({ link: e.target.value === 'any' ? null : e.target.value })}>
          {(['any', ...APP_IDS, 'none'] as const).map((filter) => (
            <option key={filter} value={filter}>
              {linkFilterLabel(filter)}
            </option>
          ))}
          <optgroup label="Links needing attention">
            {UPSTREAM_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {linkFilterLabel(filter)}
              </option>
            ))}
          </optgroup>
        </Select>
      </div>
      <p className="sr-only" aria-live="polite">
        {pending ? 'Searching…' : ''}
      </p>
    </div>
  );
}
