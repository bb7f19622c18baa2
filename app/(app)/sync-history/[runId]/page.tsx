import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache, type ReactNode, Suspense } from 'react';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { Pagination } from '@/components/shell/pagination';
import { Alert } from '@/components/ui/alert';
import { HandedFocus } from '@/components/ui/focus-handoff';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { countOf } from '@/lib/format/count';
import { getSyncRun, type RunChangeView, type SyncRunDetail } from '@/lib/dal/sync-runs';
import { type Member, requireMember } from '@/lib/dal/session';
import { previewPausedRun } from '@/lib/dal/sync-preview';
import { countNotes, readNote, undoCountNotes } from '@/lib/sync/runs/count-notes';
import { runReadKind } from '@/lib/sync/runs/read-scope';
import { appShortName, COUNT_COLUMNS, runDurationText, formatCount, isActiveStatus, pausedRunCounts, recordsText, triggerText } from '@/lib/sync/runs/format';
import { runKindText, undoCountColumns } from '@/lib/sync/runs/undo-format';
import { CountNoteList } from '@/components/sync-runs/count-note-list';
import { FieldChangesTable } from '@/components/sync-runs/field-changes-table';
import { PreviewChangeList } from '@/components/sync-runs/preview-change-list';
import { SkippedRecordList } from '@/components/sync-runs/skipped-record-list';
import { SyncProgress } from '@/components/sync-runs/sync-progress';
import { RetryFailedRecords } from '../_components/retry-failed';
import { ReviewPausedRun } from '../_components/review-paused-run';
import { RUN_FACTS_TITLE_ID, RUN_OUTCOME_ID, UNDO_RUN_LINK_ID } from '../_components/run-page-ids';
import { RunStatusBadge } from '../_components/run-status-badge';
import { formatPracticeDateTime } from '@/lib/practice-time';
import { pageFrom } from '../page-query';

type Params = Promise<{ runId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The member's run with one page of its changes, or null (another practice's, guessed, malformed). Once per request. */
const runOf = cache(async (runId: string, changesPage: number) => getSyncRun(await requireMember(), runId, { changesPage }));

/** "Sync from XPM" or "Undo of a sync from XPM": the page's heading. */
function runTitle(run: SyncRunDetail): string {
  return run.trigger === 'undo' ? runKindText(run) : `Sync ${run.direction === 'from_app' ? 'from' : 'to'} ${appShortName(run.app)}`;
}

/**
 * The tab names the run and when it started ("Sync from XPM, 6 Dec 2026, 7:20 pm"): "Sync run"
 * told a screen reader arriving on the page, and a row of tabs, nothing.
 */
export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const [member, { runId }, raw] = await Promise.all([requireMember(), params, searchParams]);
  const run = await runOf(runId, pageFrom(raw));
  if (!run) return { title: 'Sync run not found' };
  const at = run.startedAt ?? run.queuedAt;
  return { title: `${runTitle(run)}, ${formatPracticeDateTime(at, member.practiceTimezone)}` };
}

// No loading.tsx above this page: it calls notFound(), and a loading boundary would turn the 404 into a 200.

const KIND: Record<RunChangeView['kind'], { label: string; tone: 'info' | 'success' | 'warning' | 'neutral' }> = {
  updated: { label: 'Updated', tone: 'info' },
  linked: { label: 'Linked by name', tone: 'success' },
  created: { label: 'Created', tone: 'success' },
  link_archived: { label: 'Archived in the app: client kept', tone: 'warning' },
  link_deleted: { label: 'Deleted in the app: client kept', tone: 'warning' },
  link_restored: { label: 'Restored in the app', tone: 'neutral' },
  unlinked: { label: 'Link removed: client kept', tone: 'warning' },
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  );
}

function RunFacts({ run, timezone }: { run: SyncRunDetail; timezone: string }) {
  return (
    <Card aria-labelledby={RUN_FACTS_TITLE_ID}>
      {/* Shown, and outlined by the app's :focus-visible rule when a keyboard user's approval hands
          focus here as the run ends: sr-only, a sighted keyboard user could not see where focus went. */}
      <CardTitle id={RUN_FACTS_TITLE_ID} tabIndex={-1}>
        About this run
      </CardTitle>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 text-sm md:grid-cols-4">
        {/* An undo read nothing from the app: "From XPM" alone read as a sync (a trial). */}
        <Fact label={run.trigger === 'undo' ? 'Run' : 'Direction'}>{runKindText(run)}</Fact>
        <Fact label="Trigger">{triggerText(run)}</Fact>
        <Fact label="Started">{run.startedAt ? <PracticeDateTime value={run.startedAt} timezone={timezone} /> : 'Not yet'}</Fact>
        <Fact label="Duration">{runDurationText(run) ?? (isActiveStatus(run.status) ? 'Still going' : '—')}</Fact>
        <Fact label="Status">
          <RunStatusBadge run={run} />
        </Fact>
        {run.finishedAt ? (
          <Fact label="Finished">
            <PracticeDateTime value={run.finishedAt} timezone={timezone} />
          </Fact>
        ) : null}
        {run.undoOfRunId ? (
          <Fact label="Undoes">
            <Link href={`/sync-history/${run.undoOfRunId}`} className="text-brand-700 underline">
              {run.undoDepth > 1 ? 'an earlier undo' : 'an earlier run'}
            </Link>
          </Fact>
        ) : null}
        {run.undoneBy.length > 0 ? (
          <Fact label="Undone by">
            {run.undoneBy.map((undo, i) => (
              <span key={undo.id}>
                {/* Each undo reads "name, date": a semicolon keeps two apart. */}
                {i > 0 ? '; ' : null}
                {/* Who undid it, and when: an undo is always an admin's (a worker only ends one whose request died, as failed). */}
                {undo.requestedByName ?? 'An admin'},{' '}
                <Link href={`/sync-history/${undo.id}`} className="text-brand-700 underline">
                  {undo.finishedAt ? <PracticeDateTime value={undo.finishedAt} timezone={timezone} /> : 'an undo in progress'}
                </Link>
                {undo.status === 'partial' || undo.status === 'failed' ? ' (stopped part-way)' : null}
              </span>
            ))}
          </Fact>
        ) : null}
        {run.retryOfRunId ? (
          <Fact label="Retries">
            <Link href={`/sync-history/${run.retryOfRunId}`} className="text-brand-700 underline">
              the failed records of an earlier run
            </Link>
          </Fact>
        ) : null}
      </dl>
      <dl className="mt-4 grid grid-cols-3 gap-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-4 md:grid-cols-7" data-testid="run-counts">
        {runCounts(run).map((c) => (
          <div key={c.key}>
            <dt className="text-slate-600">{c.label}</dt>
            <dd className={`text-lg font-semibold tabular-nums ${c.key === 'failed' && c.value > 0 ? 'text-red-800' : 'text-slate-900'}`}>{formatCount(c.value)}</dd>
          </div>
        ))}
      </dl>
      {/* An undo counts as Skipped the clients it left alone (changed since): it has notes of its own. */}
      <CountNoteList notes={run.trigger === 'undo' ? undoCountNotes(run.app, run.direction, run.counts) : runCountNotes(run)} testId="run-count-notes" />
    </Card>
  );
}

/**
 * A run's counts with their words. An undo reads, creates and links nothing: it shows the counts
 * it keeps, in its own words; a paused run, what it read and what waits for review.
 */
function runCounts(run: SyncRunDetail): { key: string; label: string; value: number }[] {
  if (run.trigger === 'undo') return undoCountColumns(run.direction).map((c) => ({ ...c, value: run.counts[c.key] }));
  if (run.status === 'needs_review') return pausedRunCounts(run.direction, run.counts, run.total);
  return COUNT_COLUMNS.map((c) => ({ ...c, value: run.counts[c.key] }));
}

/** A run's notes under its counts: Read first (From an app, once it has ended or paused), then Linked and Skipped. */
function runCountNotes(run: SyncRunDetail) {
  const read = !isActiveStatus(run.status) ? readNote(run.app, run.direction, run.status, run.counts, run.total, runReadKind(run)) : null;
  return [...(read ? [read] : []), ...countNotes(run.app, run.direction, run.counts)];
}

/** Why a run changed no client, from its counts: nothing needed it, nothing could be read, or what was read failed. */
function NoChangesReason({ run }: { run: SyncRunDetail }) {
  const app = appShortName(run.app);
  if (run.status === 'needs_review') return <>{run.direction === 'to_app' ? `Nothing has been sent to ${app} yet` : 'Nothing has been applied yet'}: the run waits for review.</>;
  if (run.discardedAfterReview) return <>The run was discarded after it paused for review: {run.direction === 'to_app' ? `nothing was sent to ${app}` : 'nothing was applied'}.</>;
  if (run.trigger === 'undo') return <UndoNoChangesReason run={run} />;
  if (run.direction === 'to_app') {
    if (isActiveStatus(run.status)) return <>Clients appear here as the run sends them to {app}.</>;
    const parts = [
      run.counts.unchanged > 0 ? `${recordsText(run.counts.unchanged)} already matched ${app}.` : null,
      run.counts.failed > 0 ? `The failed records below were not sent: ${app} keeps their details.` : null,
    ].filter(Boolean);
    return <>{parts.length ? parts.join(' ') : `No linked client changed here since the last run.`}</>;
  }
  if (isActiveStatus(run.status)) return <>Changed clients appear here as the run applies them.</>;
  if (run.counts.fetched === 0 && run.counts.failed === 0)
    return (
      <>
        Nothing was read from {app}
        {run.status === 'failed' ? '' : ': no linked record changed there since the last run'}.
      </>
    );
  const parts = [
    // Not "already matched": a record unchanged in the app since it last synced is left alone
    // even when the client differs (an undo put its old values back, and that must stick).
    run.counts.unchanged > 0
      ? `${recordsText(run.counts.unchanged)} left as ${run.counts.unchanged === 1 ? 'it was' : 'they were'}: nothing new in ${app} since the last sync or undo, or already the same here.`
      : null,
    run.counts.skipped > 0
      ? `${recordsText(run.counts.skipped)} ${run.counts.skipped === 1 ? 'was' : 'were'} skipped${run.skips.total > 0 ? ': see Skipped records below' : ''}.`
      : null,
    run.counts.failed > 0 ? `The failed records below were not applied: their clients keep their details.` : null,
  ].filter(Boolean);
  return <>{parts.length ? parts.join(' ') : `No linked client needed a change.`}</>;
}

/** Why an undo changed no client back: it reads nothing from the app, so never "nothing was read". */
function UndoNoChangesReason({ run }: { run: SyncRunDetail }) {
  if (isActiveStatus(run.status)) return <>Clients appear here as the undo changes them back.</>;
  const { unchanged, skipped, failed } = run.counts;
  const parts = [
    unchanged > 0 ? `${countOf(unchanged, 'client')} ${unchanged === 1 ? 'was' : 'were'} already as before.` : null,
    skipped > 0 ? `${countOf(skipped, 'client')} ${skipped === 1 ? 'was' : 'were'} left alone: what the undone run wrote had changed since.` : null,
    failed > 0 ? 'The failed clients below were not changed back.' : null,
  ].filter(Boolean);
  return <>{parts.length ? parts.join(' ') : run.status === 'failed' ? 'Nothing was changed back.' : 'Nothing was left to change back.'}</>;
}

/** What the Failed records section says when there are none: "every record read was applied" only of a run that applied. */
function failedRecordsNone(run: SyncRunDetail, active: boolean): string {
  if (active || run.status === 'needs_review') return 'None so far.';
  if (run.discardedAfterReview) return 'None.';
  // Skipped records (an undo: clients) were not applied, without failing: the note under the counts says why.
  if (run.trigger === 'undo') return run.counts.skipped > 0 ? 'None: nothing failed; the clients counted Left alone above were not changed back.' : 'None: nothing failed.';
  if (run.counts.skipped > 0) return 'None: every record read was applied, except the skipped ones above.';
  return 'None: every record read was applied.';
}

/** A To-an-app run's changes are what it sent: XPM's value before, ours after. */
function ChangedClient({ change, run }: { change: RunChangeView; run: SyncRunDetail }) {
  const headingId = `change-${change.externalId}`;
  const sent = run.direction === 'to_app';
  const kind = sent && change.kind === 'updated' ? { label: `Sent to ${appShortName(run.app)}`, tone: 'info' as const } : KIND[change.kind];
  return (
    <li className="py-4" aria-labelledby={headingId}>
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-medium">
        <Link href={`/clients/${change.clientId}`} className="text-brand-700 underline">
          {change.clientName}
        </Link>
        <Badge tone={kind.tone}>{kind.label}</Badge>
      </h3>
      {change.fields.length > 0 || change.contacts ? (
        <FieldChangesTable clientName={change.clientName} fields={change.fields} contacts={change.contacts} sentTo={sent ? appShortName(run.app) : null} />
      ) : (
        <p className="mt-1 text-sm text-slate-700">No field changed.</p>
      )}
    </li>
  );
}

/** What a paused run waits for, in words that fit its direction and who started it. */
function pausedRunAdvice(run: SyncRunDetail, isAdmin: boolean): string {
  const app = appShortName(run.app);
  const started = run.trigger === 'webhook' ? 'webhook' : run.trigger === 'manual' ? 'requested' : 'scheduled';
  const stopped =
    run.direction === 'to_app' ? `This ${started} sync to ${app} stopped before sending anything to ${app}.` : `This ${started} sync from ${app} stopped before changing anything.`;
  if (!isAdmin) return stopped;
  return run.direction === 'to_app'
    ? `${stopped} Check what it would send below, then approve it to send, or discard it.`
    : `${stopped} Check what it would change below, then approve it to apply, or discard it.`;
}

/**
 * The review of a paused run (admins): what it would do if approved now, planned by the
 * preview from its own settings and records — To XPM, XPM's value before and ours that would
 * be sent, per client and field.
 */
async function PausedRunPlan({ member, run }: { member: Member; run: SyncRunDetail }) {
  const plan = await previewPausedRun(member, run.id);
  if (!plan) return null;
  const app = appShortName(run.app);
  const toApp = run.direction === 'to_app';
  return (
    <section aria-labelledby="paused-plan-title" className="mt-6">
      <h2 id="paused-plan-title" className="text-lg font-semibold">
        {toApp ? `What it would send to ${app}` : 'What it would change'}{' '}
        {plan.changeCount > 0 ? <span className="font-normal text-slate-600">({formatCount(plan.changeCount)})</span> : null}
      </h2>
      <p className="mt-1 text-sm text-slate-700" data-testid="paused-plan-age">
        {plan.dataAsOf ? (
          <>
            Planned from {app}&apos;s directory as refreshed <PracticeDateTime value={plan.dataAsOf} timezone={member.practiceTimezone} />. Approved, the sync reads {app} again
            first, so its result can differ if {app} changed since.
          </>
        ) : (
          `${app}'s directory has not been read yet, so there is nothing to plan from.`
        )}
      </p>
      <PreviewChangeList preview={plan} idPrefix="paused-plan" />
    </section>
  );
}

export default async function SyncRunPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [member, { runId }, raw] = await Promise.all([requireMember(), params, searchParams]);
  const run = await runOf(runId, pageFrom(raw));
  if (!run) notFound();
  const timezone = member.practiceTimezone;
  const active = isActiveStatus(run.status);
  const isAdmin = member.role === 'admin';
  return (
    <>
      {/* Gives the focus Approve and Discard hand on, once the page has re-drawn with what they did, and the progress's when the run ends;
          and, on arrival from the undo's preview by "Back to the run", to "Undo this run…". Before the heading: focus handed on comes first. */}
      <HandedFocus />
      <PageHeader
        title={runTitle(run)}
        focusOnArrival
        description={
          <Link href="/sync-history" className="text-brand-700 underline">
            Back to Sync history
          </Link>
        }
      />
      <RunFacts run={run} timezone={timezone} />
      {/* When the run ends the page is refreshed without the progress: focus in it goes on to what says how the run ended. */}
      {active ? <SyncProgress app={run.app} runId={run.id} focusWhenReplaced={[RUN_OUTCOME_ID, RUN_FACTS_TITLE_ID]} /> : null}
      {run.reviewReason ? (
        <Alert tone="warning" className="mt-4">
          <p data-testid="review-reason">{run.reviewReason}</p>
          <p className="mt-1">{pausedRunAdvice(run, isAdmin)}</p>
          {isAdmin ? (
            <ReviewPausedRun runId={run.id} app={run.app} approveLabel={run.direction === 'to_app' ? `Approve and send to ${appShortName(run.app)}` : 'Approve and apply'} />
          ) : (
            <p className="mt-2">Only practice admins can approve or discard it.</p>
          )}
        </Alert>
      ) : null}
      {run.reviewReason && isAdmin ? (
        <Suspense fallback={<p className="mt-6 text-sm text-slate-700">Planning what this sync would do…</p>}>
          <PausedRunPlan member={member} run={run} />
        </Suspense>
      ) : null}
      {run.error ? (
        // A discard is the admin's choice (or the settings' change), not a failure.
        <Alert id={RUN_OUTCOME_ID} tabIndex={-1} tone={run.discardedAfterReview ? 'info' : 'error'} className="mt-4">
          <p>{run.error}</p>
          {run.errorDetail ? (
            <details className="mt-2">
              <summary className="cursor-pointer">Technical detail</summary>
              <pre className="mt-1 text-xs break-words whitespace-pre-wrap">{run.errorDetail}</pre>
            </details>
          ) : null}
        </Alert>
      ) : null}

      {!active && run.status !== 'needs_review' && run.changes.total > 0 ? (
        <section aria-labelledby="undo-run-title" className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
          <h2 id="undo-run-title" className="sr-only">
            Undo
          </h2>
          {isAdmin ? (
            <>
              <Button asChild variant="secondary">
                <Link id={UNDO_RUN_LINK_ID} href={`/sync-history/${run.id}/undo`}>
                  Undo this run…
                </Link>
              </Button>
              <p className="text-sm text-slate-700">
                {run.trigger === 'undo'
                  ? 'Returns the clients to what the undone run left, after a preview.'
                  : run.direction === 'to_app'
                    ? `Sends ${appShortName(run.app)} the values it had before, after a preview.`
                    : 'Puts back the values this run overwrote and removes links it made, after a preview.'}
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-700">Only practice admins can undo a run.</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="changed-clients" className="mt-6">
        <h2 id="changed-clients" className="text-lg font-semibold">
          Changed clients {run.changes.total > 0 ? <span className="font-normal text-slate-600">({formatCount(run.changes.total)})</span> : null}
        </h2>
        {run.changes.total === 0 ? (
          <EmptyState level={3} title={active ? 'No changes yet' : 'No client was changed'}>
            <NoChangesReason run={run} />
          </EmptyState>
        ) : (
          <Card className="mt-2 py-0">
            <ul className="divide-y divide-slate-100" data-testid="changed-clients">
              {run.changes.rows.map((change) => (
                <ChangedClient key={change.externalId} change={change} run={run} />
              ))}
            </ul>
          </Card>
        )}
        <Pagination page={run.changes.page} pageCount={run.changes.pageCount} hrefFor={(page) => (page > 1 ? `/sync-history/${run.id}?page=${page}` : `/sync-history/${run.id}`)} />
      </section>

      <SkippedRecordList app={run.app} skips={run.skips} />

      <section aria-labelledby="failed-records" className="mt-8">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="failed-records" className="text-lg font-semibold">
            Failed records {run.errorCount > 0 ? <span className="font-normal text-slate-600">({formatCount(run.errorCount)})</span> : null}
          </h2>
        </div>
        {run.errorCount === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{failedRecordsNone(run, active)}</p>
        ) : (
          <>
            {run.retryableCount > 0 && !active ? (
              isAdmin ? (
                <RetryFailedRecords runId={run.id} count={run.retryableCount} />
              ) : (
                <p className="mt-2 text-sm text-slate-600">Only practice admins can retry failed records.</p>
              )
            ) : null}
            <Card className="mt-3 py-0">
              <ul className="divide-y divide-slate-100" data-testid="failed-records">
                {run.errors.map((error) => (
                  <li key={error.id} className="py-3 text-sm">
                    <p className="font-medium">{error.recordName ?? (error.externalId ? `Record ${error.externalId}` : appShortName(run.app))}</p>
                    <p className="text-slate-800">{error.message}</p>
                    {error.detail ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-slate-600">
                          Technical detail<span className="sr-only"> for {error.recordName ?? 'this record'}</span>
                        </summary>
                        <pre className="mt-1 rounded bg-slate-50 p-2 text-xs break-words whitespace-pre-wrap">{error.detail}</pre>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
            {run.errorCount > run.errors.length ? (
              <p className="mt-2 text-sm text-slate-700">
                Showing the first {formatCount(run.errors.length)} of {recordsText(run.errorCount)}. A retry reads all of them again.
              </p>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
