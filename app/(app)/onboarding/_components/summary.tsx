import Link from 'next/link';
import { SkippedRecordList } from '@/components/sync-runs/skipped-record-list';
import { SyncProgress } from '@/components/sync-runs/sync-progress';
import { Alert } from '@/components/ui/alert';
import type { WizardView } from '@/lib/dal/onboarding';
import { formatCount } from '@/lib/format/count';
import type { Member } from '@/lib/dal/session';
import { runSkips } from '@/lib/dal/sync-run-skips';
import type { AppId } from '@/lib/sync/rules';
import { appShortName, endedRunText, isActiveStatus } from '@/lib/sync/runs/format';
import { StepHeading } from './step-heading';

const LINK = 'font-medium text-brand-700 underline';

/**
 * The wizard's last page: the first sync's live progress (the Sync now card's component, which
 * refreshes this page when the run ends), then its outcome in numbers and where to go next.
 */
export function Summary({ member, view }: { member: Member; view: WizardView }) {
  const run = view.firstRun;
  return (
    <section aria-labelledby="summary-title" className="space-y-4">
      {/* The step's heading: it takes the focus "Apply and run the first sync" leaves, as each step's does. */}
      <StepHeading id="summary-title">{run && isActiveStatus(run.status) ? 'Your first sync is running' : 'You are set up'}</StepHeading>
      {!run ? (
        <p className="text-sm text-slate-700">{withoutFirstSync(view)}</p>
      ) : isActiveStatus(run.status) ? (
        <SyncProgress app={run.app} runId={run.id} />
      ) : (
        <>
          {/* Discarded was an admin's choice (or a settings change), said as information, as the run's page says it. */}
          <Alert tone={run.status === 'succeeded' ? 'success' : run.discarded ? 'info' : 'warning'} data-testid="summary-outcome">
            {endedRunText(run.app, run)}
          </Alert>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label={`First sync from ${appShortName(run.app)}`}>
            {(
              [
                ['Clients created', run.counts.created, 'created'],
                ['Linked by name', run.counts.linked, 'linked'],
                ['Updated', run.counts.updated, 'updated'],
                ['Failed', run.counts.failed, 'failed'],
              ] as const
            ).map(([label, value, key]) => (
              <div key={key} className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid={`summary-${key}`}>
                <dt className="text-xs text-slate-700">{label}</dt>
                <dd className="text-2xl font-semibold">{formatCount(value)}</dd>
              </div>
            ))}
          </dl>
          {/* The first sync is always from the source app. Each skipped record by name and why (a trial read "Skipped: 1 record" with no way to tell which). */}
          {run.counts.skipped > 0 ? <FirstRunSkips member={member} runId={run.id} app={run.app} /> : null}
        </>
      )}
      <ul className="space-y-2 text-sm">
        {run ? (
          <li>
            <Link className={LINK} href={`/sync-history/${run.id}`}>
              See this sync in Sync history
            </Link>
          </li>
        ) : null}
        <li>
          <Link className={LINK} href="/clients">
            Open your client list
          </Link>
        </li>
        <li>
          <Link className={LINK} href="/proposals/new">
            Write your first proposal
          </Link>
        </li>
        <li>
          <Link className={LINK} href="/integrations">
            Review your sync settings on Integrations
          </Link>
        </li>
      </ul>
    </section>
  );
}

/** The summary when there was no first sync (no app sends data in): "applied" only when this pass changed the settings. */
function withoutFirstSync(view: WizardView): string {
  if (view.connections.length === 0) return 'No app is connected yet. Connect XPM or Gusto on Integrations whenever you are ready.';
  return view.settingsApplied ? 'Your sync settings are applied.' : 'Your sync settings stay as they were.';
}

/** The first sync's skipped records, read only once it has ended with some. */
async function FirstRunSkips({ member, runId, app }: { member: Member; runId: string; app: AppId }) {
  return <SkippedRecordList app={app} skips={await runSkips(member, runId, app)} heading="h3" className="mt-4" />;
}
