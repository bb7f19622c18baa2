'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { handFocusTo, useHandedFocus } from '@/components/ui/focus-handoff';
import { progressStatusId } from '@/components/sync-runs/progress-ids';
import { appShortName, isActiveStatus, notInboundReason, syncNowHint, type RunStatus } from '@/lib/sync/runs/format';
import { findSource, type AppId } from '@/lib/sync/rules';
import { syncNowAction } from '../sync-run-actions';
import { useClientSync } from './client-sync-context';

// The progress (and TanStack Query with it) loads when there is a run to follow, not with
// the page: a run the page opens on is still rendered on the server, and "Sync now"
// fetches the code as the pointer or focus reaches it, before the press.
const loadSyncProgress = () => import('@/components/sync-runs/sync-progress');
const SyncProgress = dynamic(() => loadSyncProgress().then((m) => m.SyncProgress));
const FollowPausedRun = dynamic(() => loadSyncProgress().then((m) => m.FollowPausedRun));

/**
 * `untilLastSync`: the notice stops being true once its run is Last sync ("already running").
 * `followsRun`: it speaks of a run paused for review ("already paused"), which an admin may approve
 * or discard anywhere: the run is followed, and the notice says what became of it.
 * `quiet`: shown, not announced. What became of a run the card's progress already follows
 * (approved and running, run, discarded) is announced by the progress, phase by phase; the
 * notice saying it too made a screen reader say each phase twice.
 */
type Notice = { tone: 'error' | 'info'; text: string; runId?: string; untilLastSync?: boolean; followsRun?: 'review' | 'approved'; quiet?: boolean } | null;

/** What the notice says of a run that was paused for review, as it is now (`was`: as the notice last saw it). */
function pausedRunNotice(name: string, runId: string, status: RunStatus, was: 'review' | 'approved'): NonNullable<Notice> {
  if (status === 'needs_review') {
    return { tone: 'info', runId, followsRun: 'review', text: `A sync of ${name} is already paused for review: approve it to apply what Sync now would, or discard it.` };
  }
  if (status === 'cancelled' && was === 'review') {
    return { tone: 'info', runId, text: `The paused sync of ${name} was discarded: nothing was applied. Sync now can start a new sync.` };
  }
  if (isActiveStatus(status)) return { tone: 'info', runId, followsRun: 'approved', text: `The paused sync of ${name} was approved and is running.` };
  return { tone: 'info', runId, text: `The paused sync of ${name} was approved and has run: Last sync says how it went.` };
}

/**
 * The card's "Sync now" and the progress of the run going on, if any. Follows the card's
 * sync settings as they are saved: an app that is not an inbound source has no button, and
 * says in words what would bring data in, or where changes go, and how its directory keeps
 * up. Authors see the progress and the reason, never the button (the action refuses them too).
 */
export function SyncNow({ app, isAdmin, activeRunId, lastRunId }: { app: AppId; isAdmin: boolean; activeRunId: string | null; lastRunId: string | null }) {
  const { connections } = useClientSync();
  const settings = connections.find((c) => c.app === app);
  const [watching, setWatching] = useState<string | null>(activeRunId);
  // A run that started elsewhere (the schedule, another admin) shows up when the page refreshes.
  const [seenActive, setSeenActive] = useState(activeRunId);
  if (activeRunId !== seenActive) {
    setSeenActive(activeRunId);
    if (activeRunId) setWatching(activeRunId);
  }
  const [notice, setNotice] = useState<Notice>(null);
  // Once the watched run is the card's Last sync, the card says its end there (the progress
  // keeps it for screen readers only), and "already running" is no longer true. Remembered, so
  // a later run becoming Last sync does not bring either back.
  const [saidInLastSync, setSaidInLastSync] = useState<string | null>(null);
  if (watching !== null && watching === lastRunId && saidInLastSync !== watching) setSaidInLastSync(watching);
  if (notice?.untilLastSync && notice.runId === lastRunId) setNotice(null);
  const [pending, startTransition] = useTransition();
  useHandedFocus();
  if (!settings) return null;
  // Admins read what would bring the data (the card says elsewhere that none flows), or where
  // changes go; authors, who can change nothing, read why none flows.
  const reason = isAdmin ? syncNowHint(app, settings, findSource(connections)) : notInboundReason(app, settings);
  // To XPM with data to send: no Sync now (edits push by themselves), but a preview of what would go.
  const pushes = app === 'xpm' && settings.direction === 'to_app' && settings.syncData !== 'nothing';
  const name = appShortName(app);

  const noticeId = `${app}-sync-notice`;
  const press = () =>
    startTransition(async () => {
      setNotice(null);
      const result = await syncNowAction({ app });
      // Focus goes on from the button to what the press did: the notice, or the new run's progress.
      const started = result.ok && result.data.kind === 'started';
      handFocusTo(started ? progressStatusId(app) : noticeId);
      if (!result.ok) {
        setNotice({ tone: 'error', text: result.formError ?? 'The sync did not start. Try again.' });
        return;
      }
      const outcome = result.data;
      if (outcome.kind === 'not_inbound') setNotice({ tone: 'error', text: outcome.reason });
      else if (outcome.kind === 'awaiting_review') {
        // Nothing new starts: the paused run is the one to act on.
        setNotice(pausedRunNotice(name, outcome.runId, 'needs_review', 'review'));
      } else if (outcome.kind === 'in_progress') {
        setNotice({ tone: 'info', text: `A sync of ${name} is already running.`, runId: outcome.runId, untilLastSync: true });
        setWatching(outcome.runId);
      } else setWatching(outcome.runId);
    });

  // Approved or discarded here, in another tab or by another admin, and then run: the notice follows.
  const followed = (runId: string, status: RunStatus) => {
    // The progress already follows this run (it went on to its end while the card watched it): its
    // live region says what the run does now, so the notice is only shown. A progress that mounts
    // only now (approved) is new to the page and would not be heard: the notice says it, once.
    const saidByProgress = status !== 'needs_review' && watching === runId;
    setNotice((current) =>
      current?.followsRun && current.runId === runId ? { ...pausedRunNotice(name, runId, status, current.followsRun), quiet: saidByProgress || undefined } : current,
    );
    if (isActiveStatus(status)) setWatching(runId);
  };

  const noticeLine = notice ? (
    <p id={noticeId} tabIndex={-1} className={notice.tone === 'error' ? 'mt-2 text-red-700' : 'mt-2 text-slate-800'} data-testid={`${app}-sync-notice`}>
      {notice.text}
      {notice.runId ? (
        <>
          {' '}
          <Link href={`/sync-history/${notice.runId}`} className="font-medium text-brand-700 underline">
            View that run
          </Link>
        </>
      ) : null}
    </p>
  ) : null;

  return (
    <>
      <div className="mt-4 border-t border-slate-100 pt-4" data-testid={`${app}-sync-now`}>
        {reason ? (
          <>
            <p className="text-sm text-slate-700" data-testid={`${app}-not-inbound`}>
              {reason}
            </p>
            {isAdmin && pushes ? <PreviewLink app={app} what={`what a sync to ${name} would send`} className="mt-3" /> : null}
          </>
        ) : isAdmin ? (
          <div className="flex flex-wrap gap-3">
            <Button onClick={press} onPointerEnter={loadSyncProgress} onFocus={loadSyncProgress} pending={pending}>
              {pending ? 'Starting…' : 'Sync now'}
              <span className="sr-only"> from {name}</span>
            </Button>
            <PreviewLink app={app} what={`what a sync from ${name} would do`} />
          </div>
        ) : (
          <p className="text-sm text-slate-600">Only practice admins can start a sync. {name} also syncs by itself on schedule.</p>
        )}
        {/* A quiet notice leaves the live region rather than switching it off: a removal is not announced. */}
        <div aria-live="polite" className="text-sm">
          {notice?.quiet ? null : noticeLine}
        </div>
        {notice?.quiet ? <div className="text-sm">{noticeLine}</div> : null}
        {notice?.followsRun && notice.runId ? <FollowPausedRun key={notice.runId} runId={notice.runId} onStatus={followed} /> : null}
        {watching ? <SyncProgress key={watching} app={app} runId={watching} shownInLastSync={watching === saidInLastSync} /> : null}
      </div>
    </>
  );
}

/** "Preview" (admins): what a sync would do now, without doing it (/integrations/[app]/preview). */
function PreviewLink({ app, what, className }: { app: AppId; what: string; className?: string }) {
  return (
    <Button asChild variant="secondary" className={className}>
      <Link href={`/integrations/${app}/preview`}>
        Preview<span className="sr-only"> {what}</span>
      </Link>
    </Button>
  );
}
