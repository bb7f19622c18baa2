'use client';

import { useState } from 'react';
import { Input } from '@/components/ui/input';
import { listSearchProblem } from '@/lib/validation/list-search';

/**
 * A list's type-ahead search box: keeps what is typed, and hands the trimmed text (or null
 * when empty) to `onSearch`, which puts it in the URL (useUrlFilters' navigateSoon).
 *
 * Text too long to search stays in the box (nothing typed is lost) and is marked invalid with
 * the reason beside it, tied to the box for screen readers. It still goes to the URL, so the
 * page says it did not search instead of showing the previous search's rows. The reason is a
 * description, not a live region: the page's result line is the one that is announced.
 */
export function UrlSearchField({
  id,
  label,
  placeholder,
  initial,
  onSearch,
}: {
  id: string;
  label: string;
  placeholder: string;
  initial: string;
  onSearch: (q: string | null) => void;
}) {
  const [query, setQuery] = useState(initial);
  const problem = listSearchProblem(query);
  const problemId = `${id}-problem`;
  return (
    <div className="min-w-64 flex-1">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <Input
        id={id}
        type="search"
        placeholder={placeholder}
        value={query}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          setQuery(event.target.value);
          onSearch(event.target.value.trim() || null);
        }}
      />
      {problem ? (
        <p id={problemId} className="mt-1 text-sm text-red-700" data-testid={`${id}-problem`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}
