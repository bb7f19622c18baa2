'use client';

import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { getQueryClient } from '@/components/client-picker/query-provider';
import { useFocusOnwardWhenRemoved, useHandedFocus } from '@/components/ui/focus-handoff';
import { appShortName, discardedOutcomeText, isActiveStatus, outcomeText, progressText, recordsText, type RunStatus } from '@/lib/sync/runs/format';
import { undoOutcomeText } from '@/lib/sync/runs/undo-format';
import type { AppId, SyncDirection } from '@/lib/sync/rules';
import { progressStatusId } from './progress-ids';

/** What GET /api/sync-runs/[runId] answers (lib/dal/sync-runs `SyncRunProgress`). */
interface Progress {
  status: RunStatus;
  direction: SyncDirection;
  undo: boolean;
  undoDepth: number;
  discarded: boolean;
  processed: number;
  total: number;
  fetched: number;
  counts: { created: number; linked: number; updated: number; unchanged: number; skipped: number; failed: number };
}

/** The HTTP status of a failed progress read (read from a field: no `instanceof` on errors). */
function failedStatus(error: unknown): number | null {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : null;
}

async function fetchProgress(runId: string, signal: AbortSignal): Promise<Progress> {
  const response = await fetch(`/api/sync-runs/${encodeURIComponent(runId)}`, { signal, cache: 'no-store' });
  if (!response.ok) throw Object.assign(new Error(`progress answered ${response.status}`), { status: response.status });
  return (await response.json()) as Progress;
}

export const PROGRESS_POLL_MS = 1_000;
/** After a run ends, how often and how many times the page is refreshed again until Last sync shows it. */
const REFRESH_RETRY_MS = 3_000;
const REFRESH_RETRIES = 3;
/** A run paused for review waits for a person, who takes seconds or hours: asked less often. */
export const REVIEW_POLL_MS = 5_000;

/** A 404 (another practice's run, or gone) or 401 will not get better by asking again. */
const gaveUp = (error: unknown) => failedStatus(error) === 404 || failedStatus(error) === 401;

/**
 * One run's progress from GET /api/sync-runs/[runId], polled every `pollEvery(status)` ms
 * (false: not now). One query per run, shared by whoever follows it on the page.
 */
function useRunProgress(runId: string, pollEvery: (status: RunStatus | undefined) => number | false) {
  return useQuery({
    queryKey: ['sync-run-progress', runId],
    queryFn: ({ signal }) => fetchProgress(runId, signal),
    refetchInterval: (q) => (gaveUp(q.state.error) ? false : pollEvery(q.state.data?.status)),
    retry: (failures, error) => !gaveUp(error) && failures < 3,
    staleTime: 0,
  });
}

/** The sentence the live region announces: only when the phase changes, never every second. */
function phaseText(app: AppId, progress: Progress | undefined): string {
  if (!progress) return `Starting a sync of ${appShortName(app)}…`;
  // An undo reads nothing from the app: "Reading Gusto…" and "1 record read" are not its words.
  if (progress.undo) return undoOutcomeText(app, progress.direction, progress.status, progress.counts, progress.undoDepth);
  if (progress.discarded) return discardedOutcomeText(app, progress.direction);
  switch (progress.status) {
    case 'queued':
      return `A sync of ${appShortName(app)} is waiting to start.`;
    case 'running':
      if (progress.total === 0) return `Reading ${appShortName(app)}…`;
      return progress.direction === 'to_app' ? `Sending changes to ${appShortName(app)}.` : `Applying changes from ${appShortName(app)}.`;
    default:
      return outcomeText(progress.status, { fetched: progress.fetched, ...progress.counts }, progress.direction, progress.total);
  }
}

/**
 * A run's progress (on the app card and a running run's page), without reloading: polls the progress route about once a
 * second while the run waits or runs (TanStack Query), then says how it ended with a link to
 * the run, and refreshes the page once so "Last sync" shows it too.
 *
 * `shownInLastSync`: the card's "Last sync" (refreshed) now shows this run, with its outcome and
 * its link. The progress then draws nothing, so the card says it once; its sentence stays in
 * the live region for screen readers, which have already heard it. Not while focus is in it
 * (on its link): that would drop the focus to the page; it folds once focus leaves. Focus on
 * its status line (handed there by the press that started the run) keeps that line in sight.
 */
export function SyncProgress({
  app,
  runId,
  shownInLastSync = false,
  focusWhenReplaced,
}: {
  app: AppId;
  runId: string;
  shownInLastSync?: boolean;
  /**
   * A page that draws the ended run in the progress's place (the run's page): the ids of what
   * focus in the progress goes on to then (the first on the page), focusable with tabIndex={-1};
   * the page has `<HandedFocus />`.
   */
  focusWhenReplaced?: readonly string[];
}) {
  // The browser's one query client (the picker's): polling needs no provider of its own above.
  return (
    <QueryClientProvider client={getQueryClient()}>
      <PolledProgress app={app} runId={runId} shownInLastSync={shownInLastSync} focusWhenReplaced={focusWhenReplaced ?? null} />
    </QueryClientProvider>
  );
}

function PolledProgress({ app, runId, shownInLastSync, focusWhenReplaced }: { app: AppId; runId: string; shownInLastSync: boolean; focusWhenReplaced: readonly string[] | null }) {
  const router = useRouter();
  // A paused run is not asked about here: the notice that waits for its review follows it (FollowPausedRun).
  const query = useRunProgress(runId, (status) => (status && !isActiveStatus(status) ? false : PROGRESS_POLL_MS));
  const progress = query.data;
  const status = progress?.status;
  const ended = progress ? !isActiveStatus(progress.status) : false;

  // Where focus is in the progress: its link, or its status line (given focus after the press that started the run).
  const [focusOn, setFocusOn] = useState<'status' | 'link' | null>(null);
  // Refreshed each time the run is seen to end from running (or ended when first read), so Last
  // sync shows it: a paused run approved elsewhere runs again, and ends again. Not when it ends
  // from its pause (discarded): the follower of the pause has refreshed for that.
  const lastSeen = useRef<RunStatus | undefined>(undefined);
  useEffect(() => {
    if (!status) return;
    const before = lastSeen.current;
    lastSeen.current = status;
    if (!isActiveStatus(status) && (before === undefined || isActiveStatus(before))) router.refresh();
  }, [status, router]);
  // A refresh can be overtaken by another in flight (CI once saw the card keep the progress's link
  // for 15 s after a run paused): while Last sync does not show the ended run yet, ask again, a few times.
  const refreshesLeft = useRef(REFRESH_RETRIES);
  useEffect(() => {
    if (!ended || shownInLastSync) return;
    const timer = setInterval(() => {
      if (refreshesLeft.current-- > 0) router.refresh();
    }, REFRESH_RETRY_MS);
    return () => clearInterval(timer);
  }, [ended, shownInLastSync, router]);

  // The press that started (or approved) this run hands focus to its status line once it is drawn.
  useHandedFocus();
  // Once the run has ended, the page that drew this progress may draw the run's outcome instead
  // (the refresh above): focus on the status line, or its link, goes on to that outcome.
  const container = useRef<HTMLDivElement>(null);
  useFocusOnwardWhenRemoved(container, ended ? focusWhenReplaced : null);
  const labelId = progressStatusId(app);
  const determinate = progress?.status === 'running' && progress.total > 0;
  const percent = determinate ? Math.min(100, Math.round((progress.processed / progress.total) * 100)) : 0;
  // A run the mass-change guard paused waits for this admin: the link is the next step, not a detail.
  const runLink = (
    <Link href={`/sync-history/${runId}`} className="font-medium text-brand-700 underline">
      {progress?.status === 'needs_review' ? `Review the changes and ${progress.direction === 'to_app' ? 'send' : 'apply'} or discard them` : 'View run'}
    </Link>
  );

  if (query.isError && !progress) {
    const status = failedStatus(query.error);
    const gone = status === 404;
    return (
      <div ref={container} className="mt-3 text-sm" data-testid={`${app}-sync-progress`}>
        <p role="alert" className="text-red-700">
          {gone
            ? 'That sync run was not found.'
            : status === 401
              ? 'Your session has ended. Sign in again to follow this sync; it carries on in the server.'
              : 'Could not read the progress of this sync. It carries on in the server.'}
        </p>
        {gone ? null : <p className="mt-1">{runLink}</p>}
      </div>
    );
  }

  // `ended` too: Last sync only ever shows an ended run, and a running one must never fold.
  // Focus on the link keeps it (its loss would drop focus to the page); focus on the status line
  // keeps that line in sight, without the link Last sync now has, until focus moves on.
  const saidAbove = ended && shownInLastSync && focusOn !== 'link';
  return (
    <div
      ref={container}
      className={saidAbove && focusOn !== 'status' ? 'sr-only' : 'mt-3 text-sm'}
      data-testid={`${app}-sync-progress`}
      onFocus={(event) => setFocusOn(event.target.id === labelId ? 'status' : 'link')}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocusOn(null);
      }}
    >
      <p role="status" aria-live="polite" id={labelId} tabIndex={-1} className={ended && progress?.status !== 'succeeded' ? 'text-amber-900' : 'text-slate-800'}>
        {phaseText(app, progress)}
      </p>
      {saidAbove ? null : ended ? (
        <p className="mt-1">{runLink}</p>
      ) : (
        <>
          <div
            role="progressbar"
            aria-labelledby={labelId}
            aria-valuemin={0}
            {...(determinate ? { 'aria-valuemax': progress.total, 'aria-valuenow': progress.processed, 'aria-valuetext': progressText(progress.processed, progress.total) } : {})}
            className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className={determinate ? 'h-full rounded-full bg-brand-600 transition-[width] duration-500' : 'h-full w-1/3 animate-pulse rounded-full bg-brand-400'}
              style={determinate ? { width: `${percent}%` } : undefined}
            />
          </div>
          <p className="mt-1 flex flex-wrap justify-between gap-2 text-slate-700">
            <span data-testid={`${app}-sync-progress-text`}>
              {determinate ? progressText(progress.processed, progress.total) : progress ? `${recordsText(progress.fetched)} read so far` : 'Starting…'}
            </span>
            {runLink}
          </p>
        </>
      )}
    </div>
  );
}

/**
 * Follows a run paused for review while the card says it waits (Sync now's notice), and after:
 * asks the progress route every few seconds until an admin approves or discards it (here, in
 * another tab or another admin's browser), then refreshes the page once, so Last sync and the
 * progress follow. Approved, the run is the card's progress to poll; this only listens. Tells
 * `onStatus` each state it reads; draws nothing: the notice says it.
 */
export function FollowPausedRun({ runId, onStatus }: { runId: string; onStatus: (runId: string, status: RunStatus) => void }) {
  return (
    <QueryClientProvider client={getQueryClient()}>
      <PausedRunFollower runId={runId} onStatus={onStatus} />
    </QueryClientProvider>
  );
}

function PausedRunFollower({ runId, onStatus }: { runId: string; onStatus: (runId: string, status: RunStatus) => void }) {
  const router = useRouter();
  const query = useRunProgress(runId, (status) => (status === undefined || status === 'needs_review' ? REVIEW_POLL_MS : false));
  // Only what was read since it mounted: the cache may still hold the run as it was before it paused.
  const status = query.isFetchedAfterMount ? query.data?.status : undefined;
  const refreshed = useRef(false);
  const report = useEffectEvent((now: RunStatus) => onStatus(runId, now));
  useEffect(() => {
    if (!status) return;
    if (status !== 'needs_review' && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
    report(status);
  }, [status, router]);
  return null;
}
