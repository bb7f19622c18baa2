'use client';

import { useId } from 'react';
import { Button } from '@/components/ui/button';
import type { DuplicateReason } from '@/lib/sync/matching';
import { ClientDetails } from './client-details';
import { SOURCE_LABEL, SourceBadges } from './source-badges';
import type { ShownClient } from './selection';

const REASON_LABEL: Readonly<Record<DuplicateReason, string>> = {
  exact_name: 'same name',
  similar_name: 'similar name',
  same_email: 'same email',
  same_email_domain: 'same email domain',
  same_tax_number: 'same tax number',
};

export type ShownDuplicate = ShownClient & { reasons: readonly DuplicateReason[] };

/**
 * Clients (or app records) that may be the one about to be created, each with its details, why
 * it may be the same, and "Use this instead": the new client form's warning and the proposal
 * editor's, for a picked XPM client or Gusto company, read and work alike.
 */
export function LikelyDuplicateList<T extends ShownDuplicate>({
  duplicates,
  keyOf,
  onUseInstead,
  whatUsingItDoes,
}: {
  duplicates: readonly T[];
  keyOf: (duplicate: T) => string;
  onUseInstead: (duplicate: T) => void;
  /** What "Use this instead" does beyond choosing the client, said before it is pressed (and as the button's description). */
  whatUsingItDoes?: (duplicate: T) => string;
}) {
  const hintIdPrefix = useId();
  return (
    <ul className="mt-2 space-y-2" aria-label="Likely duplicates">
      {duplicates.map((d, i) => {
        const does = whatUsingItDoes?.(d);
        const hintId = `${hintIdPrefix}-${i}`;
        return (
          <li key={keyOf(d)} className="flex flex-wrap items-center justify-between gap-2 rounded border border-amber-200 bg-white px-3 py-2 text-slate-900">
            <span>
              <span className="mr-2 font-medium">{d.name}</span>
              <SourceBadges sources={d.sources} />
              <span className="block text-xs">
                <ClientDetails email={d.email} city={d.city} taxNumberEnding={d.taxNumberEnding} />
              </span>
              <span className="block text-xs text-amber-900">Matched on {d.reasons.map((r) => REASON_LABEL[r]).join(', ')}</span>
              {does && (
                <span id={hintId} className="block text-xs text-slate-700">
                  {does}
                </span>
              )}
            </span>
            {/* The name says the visible words first (WCAG 2.5.3: "click Use this instead" by voice
              finds it), then the record and where it is, so look-alikes in two sources differ. */}
            <Button
              size="sm"
              variant="secondary"
              onClick={() => onUseInstead(d)}
              aria-label={`Use this instead: ${d.name} (${d.sources.map((source) => SOURCE_LABEL[source]).join(' and ')})`}
              aria-describedby={does ? hintId : undefined}
            >
              Use this instead
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
