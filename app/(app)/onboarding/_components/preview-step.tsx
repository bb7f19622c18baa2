import { Suspense } from 'react';
import { SkippedRecordList } from '@/components/sync-runs/skipped-record-list';
import { appShortLabel } from '@/lib/apps/registry';
import { type WizardPreview, type WizardView, previewFirstSync } from '@/lib/dal/onboarding';
import type { Member } from '@/lib/dal/session';
import { withNamesakes } from '@/lib/dal/sync-run-skips';
import { formatCount } from '@/lib/format/count';
import { previewSummaryText } from '@/lib/onboarding/preview-summary';
import { continueFromPreviewAction } from '../actions';
import { ImportChoice } from './import-choice';
import { WizardButton } from './wizard-button';

const KIND_TEXT = {
  created: 'New client',
  linked: 'Linked by name',
  updated: 'Updated',
  link_archived: 'Archived in the app',
  link_restored: 'Restored in the app',
  sent: 'Sent',
} as const;

/**
 * Step 4: a dry run of the first sync — the engine's own preview (no writes, no call to the
 * apps) under the chosen setup and the import option, with a sample of the clients it touches.
 */
export function PreviewStep({ member, view }: { member: Member; view: WizardView }) {
  const app = view.setup.source;
  if (!app)
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          With this setup no app sends client data to Practice Sync, so there is no first sync to preview.{' '}
          {view.setup.changes.length > 0 ? 'Continue to apply the setup.' : 'Continue to finish the setup: your sync settings stay as they are.'}
        </p>
        <WizardButton action={continueFromPreviewAction.bind(null, { importUnlinked: false })}>Continue</WizardButton>
      </div>
    );
  // One dry run for the status line and the figures: started here, awaited by both.
  const planned = previewFirstSync(member, view.importUnlinked);
  return (
    <ImportChoice app={app} importUnlinked={view.importUnlinked}>
      {/*
        One polite live region that stays while its text changes in place, from "Working out…"
        to the figures in a sentence: a region that arrives with its text is often not read, and
        the figures below are no live region, so nothing is read twice.
      */}
      <p className="text-sm text-slate-700" role="status">
        <Suspense fallback="Working out what the first sync would do…">
          <PreviewSummary planned={planned} />
        </Suspense>
      </p>
      <Suspense fallback={null}>
        <PreviewFigures member={member} planned={planned} />
      </Suspense>
    </ImportChoice>
  );
}

type PlannedPreview = Promise<WizardPreview | null>;

async function PreviewSummary({ planned }: { planned: PlannedPreview }) {
  const result = await planned;
  if (!result) return 'The source app is not connected any more. Go back to Connect your apps.';
  const { app, preview, suggestedMatches } = result;
  return previewSummaryText(appShortLabel(app), {
    created: preview.counts.created,
    linked: preview.counts.linked,
    updated: preview.counts.updated,
    suggested: suggestedMatches,
    skipped: preview.skipTotal,
  });
}

/** The figures and the clients they touch; with no preview the status line alone says why. */
async function PreviewFigures({ member, planned }: { member: Member; planned: PlannedPreview }) {
  const result = await planned;
  if (!result) return null;
  const { app, preview, suggestedMatches, push } = result;
  const name = appShortLabel(app);
  const figures = [
    { label: 'Clients created', value: preview.counts.created, testId: 'created' },
    { label: 'Linked by name', value: preview.counts.linked, testId: 'linked' },
    { label: 'Possible duplicates to review later', value: suggestedMatches, testId: 'suggested' },
    { label: 'Clients updated', value: preview.counts.updated, testId: 'updated' },
  ];
  return (
    <section aria-labelledby="preview-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="preview-title" className="font-semibold">
        Your first sync from {name}
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        A dry run from {name}&apos;s directory as Practice Sync last read it: nothing is changed yet. The sync itself reads {name} again first.
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map((f) => (
          <div key={f.label} className="rounded-md bg-slate-50 p-3" data-testid={`preview-${f.testId}`}>
            <dt className="text-xs text-slate-700">{f.label}</dt>
            <dd className="text-2xl font-semibold">{formatCount(f.value)}</dd>
          </div>
        ))}
      </dl>
      {/* Each skipped record by name and why (a trial read "Skipped: 1 record" with no way to tell which). */}
      <SkippedRecordList app={app} skips={{ rows: await withNamesakes(member, app, preview.skips), total: preview.skipTotal }} mood="would" heading="h4" className="mt-4" />
      {suggestedMatches > 0 ? (
        <p className="mt-2 text-sm text-slate-700">Possible duplicates are never linked by a sync: review them on Suggested matches once the setup is done.</p>
      ) : null}
      {preview.changes.length > 0 ? (
        <>
          <h4 className="mt-4 text-sm font-semibold">
            {/* "A sample of 2,360 clients" above eight names read as if 2,360 were listed (a trial). */}
            {preview.changes.length < preview.changeCount
              ? `${formatCount(preview.changes.length)} of the ${formatCount(preview.changeCount)} clients it would change`
              : `The ${preview.changeCount === 1 ? 'client' : `${formatCount(preview.changeCount)} clients`} it would change`}
          </h4>
          <ul className="mt-1 divide-y divide-slate-100 text-sm">
            {preview.changes.map((change) => (
              <li key={change.externalId} className="flex flex-wrap justify-between gap-2 py-1">
                <span>{change.clientName}</span>
                <span className="text-slate-700">{KIND_TEXT[change.kind]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-3 text-sm text-slate-700">The first sync would not change any client.</p>
      )}
      {push ? <ThenToApp push={push} /> : null}
    </section>
  );
}

/** With an app set To it (XPM), what this setup then sends there: its own figure and a link to the full preview. */
function ThenToApp({ push }: { push: NonNullable<WizardPreview['push']> }) {
  const name = appShortLabel(push.app);
  const query = new URLSearchParams({ direction: push.settings.direction, syncData: push.settings.syncData });
  return (
    <div className="mt-4 border-t border-slate-100 pt-3 text-sm text-slate-700" data-testid="wizard-preview-push">
      <h4 className="font-semibold text-slate-900">Then to {name}</h4>
      <p className="mt-1">
        {push.wouldSend > 0
          ? `${formatCount(push.wouldSend)} linked ${push.wouldSend === 1 ? 'client differs' : 'clients differ'} from ${name} now. ${name}’s next scheduled sync sends ${push.wouldSend === 1 ? 'it' : 'them'} to ${name}, with what this first sync changes in clients linked to ${name}.`
          : `No linked client differs from ${name} now. ${name}’s next scheduled sync sends what this first sync changes in clients linked to ${name}.`}{' '}
        A sync that would overwrite many {name} clients waits for your review first.
      </p>
      <p className="mt-1">
        <a href={`/integrations/${push.app}/preview?${query}`} target="_blank" rel="noopener" className="font-medium text-brand-700 underline">
          Preview what would be sent to {name}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
    </div>
  );
}
