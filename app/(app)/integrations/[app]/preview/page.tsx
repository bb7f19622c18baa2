import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { FieldChangesTable } from '@/components/sync-runs/field-changes-table';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { CAPABILITIES, SYNC_DATA_VALUES, SYNC_DIRECTIONS } from '@/lib/sync/rules';
import { settingValueLabel } from '@/lib/sync/settings-plan';
import { previewAppSync } from '@/lib/dal/sync-preview';
import { requireAdmin } from '@/lib/dal/session';
import { appShortName, formatCount, recordsText } from '@/lib/sync/runs/format';
import { guardWarning } from '@/lib/sync/plan/mass-change-guard';
import type { PreviewChange, SyncPreview } from '@/lib/sync/engine/preview';

export const metadata: Metadata = { title: 'Sync preview' };

const KIND: Record<PreviewChange['kind'], { label: string; tone: 'info' | 'success' | 'warning' | 'neutral' }> = {
  updated: { label: 'Would be updated', tone: 'info' },
  linked: { label: 'Would be linked by exact name', tone: 'success' },
  created: { label: 'Would be created from the app', tone: 'success' },
  link_archived: { label: 'Archived in the app: client would be kept', tone: 'warning' },
  link_restored: { label: 'Restored in the app', tone: 'neutral' },
  sent: { label: 'Would be sent', tone: 'info' },
};

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
      {guardWarning(preview.guard) ? (
        <Alert tone="warning" className="mb-4">
          <span data-testid="preview-guard">{guardWarning(preview.guard)}</span> A scheduled sync like this one would wait for an admin&apos;s review before applying, and Sync now
          asks you to confirm. Check the changes below before you sync.
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
        {preview.counts.linksArchived > 0 ? (
          <p className="mt-3 text-sm text-amber-900">
            {recordsText(preview.counts.linksArchived)} archived in {name}: their links would be marked, and no client would be archived.
          </p>
        ) : null}
      </Card>

      <section aria-labelledby="preview-changes" className="mt-6">
        <h2 id="preview-changes" className="text-lg font-semibold">
          {toApp ? 'Clients that would be sent' : 'Clients that would change'}{' '}
          {preview.changeCount > 0 ? <span className="font-normal text-slate-600">({formatCount(preview.changeCount)})</span> : null}
        </h2>
        {preview.changes.length === 0 ? (
          <EmptyState title="Nothing would change">A sync now would leave every client as it is.</EmptyState>
        ) : (
          <Card className="mt-2 py-0">
            <ul className="divide-y divide-slate-100" data-testid="preview-changes">
              {preview.changes.map((change) => (
                <li key={change.externalId} className="py-4" aria-labelledby={`preview-${change.externalId}`}>
                  <h3 id={`preview-${change.externalId}`} className="flex flex-wrap items-center gap-2 font-medium">
                    <Link href={`/clients/${change.clientId}`} className="text-brand-700 underline">
                      {change.clientName}
                    </Link>
                    <Badge tone={KIND[change.kind].tone}>{KIND[change.kind].label}</Badge>
                  </h3>
                  {change.fields.length > 0 || change.contacts ? (
                    <FieldChangesTable clientName={change.clientName} fields={change.fields} contacts={change.contacts} sentTo={toApp ? name : null} />
                  ) : (
                    <p className="mt-1 text-sm text-slate-700">No field would change.</p>
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
      </section>
      <p className="mt-6">
        <Link href="/integrations" className="font-medium text-brand-700 underline">
          Back to Integrations
        </Link>
      </p>
    </>
  );
}
