import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { SuggestionView } from '@/lib/dal/suggested-matches/view';
import { HighlightedName } from './highlighted-name';

function Side({ heading, side, city }: { heading: string; side: SuggestionView['client']; city?: string | null }) {
  return (
    <div className="min-w-0 rounded-md bg-slate-50 p-3">
      <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{heading}</h3>
      <p className="mt-1">
        <HighlightedName name={side.name} highlight={side.highlight} />
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
        <dt className="text-slate-600">Email</dt>
        <dd className="min-w-0 break-words">{side.email ?? '—'}</dd>
        {/* Either number: the evidence compares a tax number and a business number alike (view.ts taxEvidence). */}
        <dt className="text-slate-600">Tax or business number</dt>
        <dd>{side.taxNumberEnding ? `ending ${side.taxNumberEnding}` : '—'}</dd>
        {city !== undefined ? (
          <>
            <dt className="text-slate-600">City</dt>
            <dd>{city ?? '—'}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

export function confidenceTone(confidence: number) {
  return confidence >= 80 ? 'success' : confidence >= 60 ? 'info' : 'neutral';
}

/** One suggested pair: the evidence side by side, why it was suggested, and the two decisions. */
export function SuggestionCard({ suggestion, pending, onConfirm, onDismiss }: { suggestion: SuggestionView; pending: boolean; onConfirm(): void; onDismiss(): void }) {
  const { client, record } = suggestion;
  const pairName = `${client.name} and ${record.appLabel}’s “${record.name}”`;
  const headingId = `suggestion-${suggestion.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={headingId} data-testid="suggested-match">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={confidenceTone(suggestion.confidence)} className="tabular-nums">
          {suggestion.confidence}% confidence
        </Badge>
        <h2 id={headingId} className="sr-only">
          {pairName}, {suggestion.confidence}% confidence
        </h2>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-700" aria-label="Why it was suggested">
          {suggestion.why.map((why) => (
            <li key={why}>{why}</li>
          ))}
        </ul>
      </div>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <Side heading="Client here" side={client} />
        <Side heading={`${record.appLabel} record`} side={record} city={record.city} />
      </div>
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        {/* Pending, not disabled: focus stays on the pressed button until the answer takes it to the status. */}
        <Button variant="secondary" size="sm" pending={pending} onClick={onDismiss} aria-label={`Dismiss: ${pairName} are not the same`}>
          Dismiss
        </Button>
        <Button size="sm" pending={pending} onClick={onConfirm} aria-label={`Confirm match: link ${pairName}`}>
          Confirm match
        </Button>
      </div>
    </li>
  );
}
