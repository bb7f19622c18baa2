'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@/components/client-picker/use-debounced-value';
import { alertVariants } from '@/components/ui/alert';
import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import { type DuplicateWarning, duplicateWarnings } from './duplicate-warnings';

/**
 * "This may be a client you already have": the picker's duplicate check, asked as the name
 * or tax number is typed. A warning only — saving stays possible (two businesses can share a
 * name) — with a link to each client, opened in a new tab so nothing typed here is lost.
 */
export function DuplicateHint({ name, taxNumber, editingClientId }: { name: string; taxNumber: string; editingClientId: string | null }) {
  const probe = useDebouncedValue({ name: name.trim(), taxNumber: taxNumber.trim() }, 300);
  const [answered, setAnswered] = useState<DuplicateWarning[]>([]);
  const asking = Boolean(probe.name || probe.taxNumber);
  // Nothing typed: nothing to warn about (the last answer is kept only while there is a question).
  const warnings = asking ? answered : [];

  useEffect(() => {
    if (!asking) return;
    const controller = new AbortController();
    const params = new URLSearchParams({ name: probe.name, taxNumber: probe.taxNumber });
    fetch(`/api/client-search/duplicates?${params}`, { signal: controller.signal, headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ duplicates: LikelyDuplicate[] }>) : { duplicates: [] }))
      .then(({ duplicates }) => setAnswered(duplicateWarnings(duplicates, editingClientId)))
      // A failed check warns about nothing; the save itself does not depend on it.
      .catch(() => undefined);
    return () => controller.abort();
  }, [asking, probe.name, probe.taxNumber, editingClientId]);

  return (
    // The one live region: the warning inside is styled as an alert but is no live region of
    // its own (an Alert is role=status), or screen readers read it out twice.
    <div aria-live="polite" data-testid="duplicate-hint">
      {warnings.length > 0 ? (
        <div className={alertVariants({ tone: 'warning' })}>
          <p className="font-medium">{warnings.length === 1 ? 'This may be a client you already have:' : `This may be one of ${warnings.length} clients you already have:`}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {warnings.map((warning) => (
              <li key={warning.clientId}>
                <Link href={`/clients/${warning.clientId}`} target="_blank" rel="noopener" className="font-medium underline">
                  {warning.name}
                  <span className="sr-only"> (opens in a new tab)</span>
                </Link>{' '}
                ({warning.why})
              </li>
            ))}
          </ul>
          <p className="mt-1">You can still save: check first that it is a different business.</p>
        </div>
      ) : null}
    </div>
  );
}
