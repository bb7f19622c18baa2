import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { CountNoteList } from '@/components/sync-runs/count-note-list';
import { PreviewChangeList } from '@/components/sync-runs/preview-change-list';
import { SkippedRecordList } from '@/components/sync-runs/skipped-record-list';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { CAPABILITIES, SYNC_DATA_VALUES, SYNC_DIRECTIONS } from '@/lib/sync/rules';
import { settingValueLabel } from '@/lib/sync/settings-plan';
import { previewAppSync } from '@/lib/dal/sync-preview';
import { type Member, requireAdmin } from '@/lib/dal/session';
import { listAppRunOverviews } from '@/lib/dal/sync-runs';
import { withNamesakes } from '@/lib/dal/sync-run-skips';
import { pushTiming } from '@/lib/sync/runs/next-run';
import { countNotes } from '@/lib/sync/runs/count-notes';
import { appShortName, formatCount, recordsText } from '@/lib/sync/runs/format';
import { guardWarning } from '@/lib/sync/plan/mass-change-guard';
import type { SyncPreview } from '@/lib/sync/engine/preview';

export const metadata: Metadata = { title: 'Sync preview' };

function counts(preview: SyncPreview): { label: string; value: number }[] {
  if (preview.direction === 'to_app') {
    return [
      { label: `Would send to ${appShortName(preview.app)}`, value: preview.counts.updated },
      { label: 'Already in step', value: preview.counts.unchanged },
      { label: 'Would skip', value: preview.counts.skipped },
    ];
  }
  return [
    { label: 'Would link', value: preview.counts.linked },
    { label: 'Would update', value: preview.counts.updated },
    { label: 'Would leave alone', value: preview.counts.unchanged },
    { label: 'Would skip', value: preview.counts.skipped },
    { label: 'Would fail', value: preview.counts.failed },
  ];
}

/**
 * To XPM, when what the preview lists goes (a trial found "Would send to XPM 1" and no way to
 * tell when): the schedule's next run, as the card shows it; a saved edit goes at once.
 */
async function WhenSent({ member, app }: { member: Member; app: SyncPreview['app'] }) {
  const overview = (await listAppRunOverviews(member)).find((o) => o.app === app);
  const timing = overview ? pushTiming(overview) : null;
  if (!timing) return null;
  const name = appShortName(app);
  if (timing.kind === 'paused')
    return (
      <p className="mt-3 text-sm text-slate-700" data-testid="preview-when">
        A sync to {name} is paused for review: these are sent once an admin approves it.{' '}
        <Link href={`/sync-history/${timing.runId}`} className="font-medium text-brand-700 underline">
          Review the paused sync
        </Link>
      </p>
    );
  return (
    <p className="mt-3 text-sm text-slate-700" data-testid="preview-when">
      {timing.kind === 'due' ? (
        <>The next scheduled sync to {name} is due now: it sends these within a few minutes.</>
      ) : (
        <>
          The next scheduled sync to {name} sends these at <PracticeDateTime value={timing.at} timezone={member.practiceTimezone} />.
        </>
      )}{' '}
      Saving one of these clients sends its change at once.
    </p>
  );
}

/**
 * What a sync of one app would do right now (issue 12, "Preview"): counts and, per client, each
 * field before → after — planned by the engine's own planner, with nothing written and no app
 * called. Says how old the directory it planned from is.
 */
/** `?direction=…&syncData=…`: preview under settings about to be applied (the settings dialogs link here). */
const proposedSettings = z.object({ direction: z.enum(SYNC_DIRECTIONS), syncData: z.enum(SYNC_DATA_VALUES) });

export default async function SyncPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ app: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [member, { app: raw }, query] = await Promise.all([requireAdmin(), params, searchParams]);
  const parsed = appIdSchema().safeParse(raw);
  if (!parsed.success) notFound();
  const app = parsed.data;
  const asked = query.direction !== undefined || query.syncData !== undefined;
  const proposed = asked ? proposedSettings.safeParse(query) : null;
  const settings = proposed?.success ? proposed.data : undefined;
  const preview = await previewAppSync(member, app, settings);
  const name = appShortName(app);
  if (!preview) {
    return (
      <>
        <PageHeader title={`Preview: sync with ${name}`} />
        <EmptyState title={`${name} is not connected`}>
          <Link href="/integrations" className="text-brand-700 underline">
            Connect it on Integrations
          </Link>{' '}
          to preview a sync.
        </EmptyState>
      </>
    );
  }
  const toApp = preview.direction === 'to_app';
  const title = toApp ? `Preview: sync to ${name}` : `Preview: sync from ${name}`;
  const warning = guardWarning(preview.guard, { sentTo: toApp ? name : null });
  return (
    <>
      <PageHeader
        title={title}
        description={
          settings
            ? `Nothing has been changed: this is what a sync would do now if ${name}'s settings were Sync data ${settingValueLabel(CAPABILITIES, app, 'syncData', settings.syncData)}, ${settingValueLabel(CAPABILITIES, app, 'direction', settings.direction)}.`
            : 'Nothing has been changed: this is what a sync would do now, under the saved settings.'
        }
      />
      {proposed && !proposed.success ? (
        <Alert tone="warning" className="mb-4">
          The settings in this link are not ones {name} can have, so this preview uses the saved settings.
        </Alert>
      ) : null}
      <p className="mb-4 text-sm text-slate-700" data-testid="preview-data-age">
        {preview.dataAsOf ? (
          <>
            Planned from {name}&apos;s directory as refreshed <PracticeDateTime value={preview.dataAsOf} timezone={member.practiceTimezone} />.{' '}
            {toApp ? 'The sync reads XPM again first, so its result can differ.' : `The sync reads ${name} again first, so its result can differ if ${name} changed since.`}
          </>
        ) : (
          `${name}'s directory has not been read yet, so there is nothing to plan from. Refresh it on Integrations first.`
        )}
      </p>
      {warning ? (
        <Alert tone="warning" className="mb-4">
          <span data-testid="preview-guard">{warning}</span> A sync like this one, scheduled or started with Sync now, would wait for an admin&apos;s review before applying
          anything. Check the changes below before you sync.
        </Alert>
      ) : null}
      {preview.syncData === 'nothing' ? (
        <Alert tone="info" className="mb-4">
          {name}&apos;s Sync data is Nothing: a sync moves no client data. Change it on Integrations to preview what would flow.
        </Alert>
      ) : null}
      <Card aria-labelledby="preview-counts-title">
        <h2 id="preview-counts-title" className="sr-only">
          What the sync would do
        </h2>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="preview-counts">
          {counts(preview).map((c) => (
            <div key={c.label}>
              <dt className="text-slate-600">{c.label}</dt>
              <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatCount(c.value)}</dd>
            </div>
          ))}
        </dl>
        <CountNoteList notes={countNotes(app, preview.direction, preview.counts, 'would')} testId="preview-count-notes" />
        {/* Under the saved settings only: a proposed change has no schedule yet. */}
        {toApp && !settings && preview.counts.updated > 0 ? (
          <Suspense fallback={null}>
            <WhenSent member={member} app={app} />
          </Suspense>
        ) : null}
        {preview.counts.linksArchived > 0 ? (
          <p className="mt-3 text-sm text-amber-900">
            {recordsText(preview.counts.linksArchived)} archived in {name}: their links would be marked, and no client would be archived.
          </p>
        ) : null}
      </Card>

      <section aria-labelledby="preview-changes" className="mt-6">
        <h2 id="preview-changes" className="text-lg font-semibold">
          {/* A link with no field to change is still something the sync would do: the heading counts it too. */}
          {toApp ? 'Clients that would be sent' : 'Clients the sync would link, create or change'}{' '}
          {preview.changeCount > 0 ? <span className="font-normal text-slate-600">({formatCount(preview.changeCount)})</span> : null}
        </h2>
        <PreviewChangeList preview={preview} />
      </section>
      <SkippedRecordList app={app} skips={{ rows: await withNamesakes(member, app, preview.skips), total: preview.skipTotal }} mood="would" />
      <p className="mt-6">
        <Link href="/integrations" className="font-medium text-brand-700 underline">
          Back to Integrations
        </Link>
      </p>
    </>
  );
}
