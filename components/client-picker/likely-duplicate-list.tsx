'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { IdentityComparison } from '@/lib/clients/identity-differences';
import type { DuplicateReason } from '@/lib/sync/matching';
import { ClientDetails } from './client-details';
import { conflictText, IdentityDifferenceLines } from './identity-difference-lines';
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
  comparedWith,
}: {
  duplicates: readonly T[];
  keyOf: (duplicate: T) => string;
  /** `despiteDifferentNumber`: the author ticked "They are the same business" under one whose number differs. */
  onUseInstead: (duplicate: T, despiteDifferentNumber: boolean) => void;
  /** What "Use this instead" does beyond choosing the client, said before it is pressed (and as the button's description). */
  whatUsingItDoes?: (duplicate: T) => string;
  /**
   * A picked app record the look-alikes are compared with (the proposal editor's question): each
   * says what differs from it, and one whose tax or business number differs is used only after
   * the author ticks "They are the same business" (a user trial linked two businesses in one click).
   */
  comparedWith?: { label: string; of: (duplicate: T) => IdentityComparison };
}) {
  const hintIdPrefix = useId();
  const [sameBusiness, setSameBusiness] = useState<ReadonlySet<string>>(new Set());
  const tick = (key: string, checked: boolean) =>
    setSameBusiness((ticked) => {
      const next = new Set(ticked);
      if (checked) next.add(key);
      else next.delete(key);
      return next;
    });
  return (
    <ul className="mt-2 space-y-2" aria-label="Likely duplicates">
      {duplicates.map((d, i) => {
        const does = whatUsingItDoes?.(d);
        const hintId = `${hintIdPrefix}-${i}`;
        const conflictId = `${hintIdPrefix}-${i}-conflict`;
        const comparison = comparedWith?.of(d);
        const conflict = comparison?.conflict ?? null;
        const confirmed = conflict !== null && sameBusiness.has(keyOf(d));
        const describedBy = [conflict ? conflictId : null, does ? hintId : null].filter(Boolean).join(' ') || undefined;
        const words = conflict ? 'Use this instead anyway' : 'Use this instead';
        return (
          <li key={keyOf(d)} className="flex flex-wrap items-center justify-between gap-2 rounded border border-amber-200 bg-white px-3 py-2 text-slate-900">
            <span>
              <span className="mr-2 font-medium">{d.name}</span>
              <SourceBadges sources={d.sources} />
              <span className="block text-xs">
                <ClientDetails email={d.email} city={d.city} taxNumberEnding={d.taxNumberEnding} />
              </span>
              <span className="block text-xs text-amber-900">Matched on {d.reasons.map((r) => REASON_LABEL[r]).join(', ')}</span>
              {comparison && comparedWith ? <IdentityDifferenceLines label={comparedWith.label} differences={comparison.differences} /> : null}
              {conflict ? (
                <span id={conflictId} className="mt-1 block text-sm font-medium text-red-800">
                  {conflictText(conflict)}
                </span>
              ) : null}
              {does && (
                <span id={hintId} className="block text-xs text-slate-700">
                  {does}
                </span>
              )}
              {/* Last before the button it unlocks, after everything the author should weigh first. */}
              {conflict ? (
                <label className="mt-1 flex items-start gap-2 text-sm text-slate-900">
                  <input type="checkbox" className="mt-1" checked={confirmed} onChange={(event) => tick(keyOf(d), event.target.checked)} />
                  <span>They are the same business: let me use it anyway</span>
                </label>
              ) : null}
            </span>
            {/* The name says the visible words first (WCAG 2.5.3: "click Use this instead" by voice
              finds it), then the record and where it is, so look-alikes in two sources differ. */}
            {/* Disabled until "They are the same business" is ticked; its reason is its description. */}
            <Button
              size="sm"
              variant="secondary"
              disabled={conflict !== null && !confirmed}
              onClick={() => onUseInstead(d, confirmed)}
              aria-label={`${words}: ${d.name} (${d.sources.map((source) => SOURCE_LABEL[source]).join(' and ')})`}
              aria-describedby={describedBy}
            >
              {words}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
