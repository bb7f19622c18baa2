'use client';

import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@/components/client-picker/use-debounced-value';
import { alertVariants } from '@/components/ui/alert';
import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import { type DuplicateWarning, duplicateWarnings } from '@/lib/clients/duplicate-warnings';
import { DuplicateWarningList, duplicateWarningLead } from './duplicate-warning-list';

/**
 * "This may be a client you already have": the picker's duplicate check, asked as the name
 * or tax number is typed, with a link to each client, opened in a new tab so nothing typed here
 * is lost. The early warning only: the save asks the same question itself (a fast Enter beats
 * this debounce) and, for the same name or tax number, waits for "a different business".
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
          <p className="font-medium">{duplicateWarningLead(warnings.length)}</p>
          <DuplicateWarningList warnings={warnings} />
          <p className="mt-1">
            {warnings.some((warning) => warning.needsConfirming)
              ? 'Check first: saving asks you to confirm it is a different business.'
              : 'You can still save: check first that it is a different business.'}
          </p>
        </div>
      ) : null}
    </div>
  );
}
