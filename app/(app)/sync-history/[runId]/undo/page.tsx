import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { UndoPlanList } from '@/components/sync-runs/undo-plan-list';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { requireAdmin } from '@/lib/dal/session';
import { getUndoPreview, UNDO_PREVIEW_LIMIT } from '@/lib/dal/sync-undo';
import { countOf, formatCount } from '@/lib/format/count';
import { appShortName } from '@/lib/sync/runs/format';
import { UndoRunForm } from '../../_components/undo-run-form';

export const metadata: Metadata = { title: 'Undo a sync run' };

/**
 * "Undo this run", step one (issue 12): what the undo would restore, client by client and field
 * by field, with fields changed since the run left alone unless ticked; step two is the form's
 * confirm. Admins only; nothing is written until the admin confirms.
 */
/** How the run's latest undo ended, before "by <admin>": a failed one may have restored nothing. */
const LAST_UNDO_LEAD: Partial<Record<string, string>> = {
  succeeded: 'Undone',
  running: 'Being undone',
  queued: 'Being undone',
  partial: 'Undone part-way',
  failed: 'An undo that stopped before it finished was started',
};

export default async function UndoRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const [member, { runId }] = await Promise.all([requireAdmin(), params]);
  const preview = await getUndoPreview(member, runId);
  if (!preview) notFound();
  const app = appShortName(preview.run.app);
  const toApp = preview.run.direction === 'to_app';
  const { summary } = preview;
  const counts = toApp
    ? [
        { label: `Clients sent back to ${app}`, value: summary.clients },
        { label: 'Fields sent back', value: summary.fieldsRestored },
        { label: 'Fields changed since: left alone', value: summary.leftAlone },
      ]
    : [
        // A client the run created counts here though none of its values change: its link is removed.
        { label: 'Clients changed back (values or links)', value: summary.clients },
        { label: 'Fields restored', value: summary.fieldsRestored },
        { label: 'Fields changed since: left alone', value: summary.leftAlone },
        { label: 'Links removed', value: summary.unlinked },
      ];
  return (
    <>
      <PageHeader
        title="Undo this run"
        focusOnArrival
        description={
          <>
            What undoing the{' '}
            <Link href={`/sync-history/${preview.run.id}`} className="text-brand-700 underline">
              sync {toApp ? 'to' : 'from'} {app}
            </Link>{' '}
            would change, compared with the values as they are now.
          </>
        }
      />
      {/* role="note": a page's standing explanation, not news. As a status region (Alert's default) it
          was read out whole again with each update of the page, before the undo's short outcome. */}
      <Alert tone="info" role="note" className="mb-4" data-testid="undo-explanation">
        {toApp ? (
          <p>
            The values {app} had before the run are sent back to {app} as a new sync, recorded in the history. The clients here keep their values. A value edited in {app} since the
            run is left alone unless you tick it; contacts in {app} are left as they are.
          </p>
        ) : (
          <p>
            The values the run overwrote are put back here, and links it made are removed. Nothing is sent to {app}. No client is ever deleted: a client the run created is kept,
            only unlinked. A client linked before the run stays linked, and later syncs leave its restored values alone until they change in {app}. The undo is a run of its own in
            the history, so you can undo it too.
          </p>
        )}
      </Alert>
      {preview.lastUndo ? (
        // Also a note: it appears when the page re-draws after the undo, and the outcome under the button already says it.
        <Alert tone={preview.lastUndo.status === 'succeeded' ? 'success' : 'info'} role="note" className="mb-4">
          <p data-testid="undo-last">
            {LAST_UNDO_LEAD[preview.lastUndo.status] ?? 'Undone part-way'} by {preview.lastUndo.requestedByName ?? 'an admin'}
            {preview.lastUndo.finishedAt ? (
              <>
                , <PracticeDateTime value={preview.lastUndo.finishedAt} timezone={member.practiceTimezone} />
              </>
            ) : null}
            .{' '}
            <Link href={`/sync-history/${preview.lastUndo.id}`} className="font-medium text-brand-700 underline">
              View the undo run
            </Link>
            . What follows is what undoing the run again would change now.
          </p>
        </Alert>
      ) : null}
      {preview.dataAsOf ? (
        <p className="mb-4 text-sm text-slate-700" data-testid="undo-data-age">
          Compared with {app}&apos;s directory as refreshed <PracticeDateTime value={preview.dataAsOf} timezone={member.practiceTimezone} />. The undo reads each record from {app}{' '}
          again before sending, so a value changed there since is still left alone.
        </p>
      ) : null}
      {preview.refusal && preview.refusal.code !== 'nothing_recorded' && !(preview.refusal.code === 'nothing_left' && preview.lastUndo) ? (
        <Alert tone="warning" role="note" className="mb-4">
          <p data-testid="undo-refusal">{preview.refusal.message}</p>
        </Alert>
      ) : null}
      <Card aria-labelledby="undo-counts-title">
        <h2 id="undo-counts-title" className="sr-only">
          What the undo would do
        </h2>
        <dl className={`grid grid-cols-2 gap-3 text-sm ${toApp ? 'sm:grid-cols-3' : 'sm:grid-cols-4'}`} data-testid="undo-counts">
          {counts.map((c) => (
            <div key={c.label}>
              <dt className="text-slate-600">{c.label}</dt>
              <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatCount(c.value)}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <section aria-labelledby="undo-clients-title" className="mt-6">
        <h2 id="undo-clients-title" className="text-lg font-semibold">
          Clients the run changed <span className="font-normal text-slate-600">({formatCount(preview.total)})</span>
        </h2>
        {preview.clients.length === 0 ? (
          <EmptyState title="Nothing to undo">This run changed no client.</EmptyState>
        ) : (
          <UndoRunForm runId={preview.run.id} seenUndoId={preview.lastUndo?.id ?? null} disabledReason={preview.refusal?.message ?? null}>
            <Card className="mt-2 py-0">
              <UndoPlanList clients={preview.clients} app={app} toApp={toApp} />
            </Card>
            {preview.total > preview.clients.length ? (
              <p className="mt-2 text-sm text-slate-700">
                Showing {countOf(UNDO_PREVIEW_LIMIT, 'client')} of {formatCount(preview.total)}. The undo covers all of them; fields changed since the run among the rest are left
                alone.
              </p>
            ) : null}
          </UndoRunForm>
        )}
      </section>
    </>
  );
}
