'use client';

import { UrlSearchField } from '@/components/shell/url-search-field';
import { useUrlFilters } from '@/components/shell/use-url-filters';
import { Select } from '@/components/ui/input';
import { APP_IDS } from '@/lib/apps/ids';
import { appShortLabel } from '@/lib/apps/registry';

/**
 * Type-ahead search and the status filter. They only change the URL; the server page
 * reads it and renders the list, so the list is shareable and the back button works.
 */
export function ClientListControls() {
  const { params, pending, navigate, navigateSoon } = useUrlFilters();

  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="search">
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
          <option value="any">Any app or none</option>
          {APP_IDS.map((app) => (
            <option key={app} value={app}>
              {appShortLabel(app)}
            </option>
          ))}
          <option value="none">No app</option>
        </Select>
      </div>
      <p className="sr-only" aria-live="polite">
        {pending ? 'Searching…' : ''}
      </p>
    </div>
  );
}
