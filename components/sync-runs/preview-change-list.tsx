import Link from 'next/link';
import { EmptyState } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { PreviewChange, SyncPreview } from '@/lib/sync/engine/preview';
import { appShortName, formatCount } from '@/lib/sync/runs/format';
import { FieldChangesTable } from './field-changes-table';

const KIND: Record<PreviewChange['kind'], { label: string; tone: 'info' | 'success' | 'warning' | 'neutral' }> = {
  updated: { label: 'Would be updated', tone: 'info' },
  linked: { label: 'Would be linked by name', tone: 'success' },
  created: { label: 'Would be created from the app', tone: 'success' },
  link_archived: { label: 'Archived in the app: client would be kept', tone: 'warning' },
  link_restored: { label: 'Restored in the app', tone: 'neutral' },
  sent: { label: 'Would be sent', tone: 'info' },
};

/**
 * The clients a sync would change, each field before → after (To XPM: XPM's value before and
 * ours that would be sent): the preview page and a paused run's review alike. `headingId`
 * names the section's heading, which the caller renders.
 */
export function PreviewChangeList({ preview, idPrefix = 'preview' }: { preview: Pick<SyncPreview, 'app' | 'direction' | 'changes' | 'changeCount'>; idPrefix?: string }) {
  const toApp = preview.direction === 'to_app';
  const name = appShortName(preview.app);
  return (
    <>
      {preview.changes.length === 0 ? (
        <EmptyState title="Nothing would change" level={3}>
          A sync now would leave every client as it is.
        </EmptyState>
      ) : (
        <Card className="mt-2 py-0">
          <ul className="divide-y divide-slate-100" data-testid={`${idPrefix}-changes`}>
            {preview.changes.map((change) => (
              <li key={change.externalId} className="py-4" aria-labelledby={`${idPrefix}-${change.externalId}`}>
                <h3 id={`${idPrefix}-${change.externalId}`} className="flex flex-wrap items-center gap-2 font-medium">
                  <Link href={`/clients/${change.clientId}`} className="text-brand-700 underline">
                    {change.clientName}
                  </Link>
                  <Badge tone={KIND[change.kind].tone}>{toApp && change.kind === 'sent' ? `Would be sent to ${name}` : KIND[change.kind].label}</Badge>
                </h3>
                {change.fields.length > 0 || change.contacts ? (
                  <FieldChangesTable clientName={change.clientName} fields={change.fields} contacts={change.contacts} sentTo={toApp ? name : null} />
                ) : (
                  <p className="mt-1 text-sm text-slate-700">{change.kind === 'linked' ? 'Only the link would be made: no field would change.' : 'No field would change.'}</p>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {preview.changeCount > preview.changes.length ? (
        <p className="mt-2 text-sm text-slate-700">
          Showing the first {formatCount(preview.changes.length)} of {formatCount(preview.changeCount)} clients.
        </p>
      ) : null}
    </>
  );
}
