'use client';

import { useState } from 'react';
import { Input } from '@/components/ui/input';

/**
 * A list's type-ahead search box: keeps what is typed, and hands the trimmed text (or null
 * when empty) to `onSearch`, which puts it in the URL (useUrlFilters' navigateSoon).
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
        onChange={(event) => {
          setQuery(event.target.value);
          onSearch(event.target.value.trim() || null);
        }}
      />
    </div>
  );
}
