import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { PracticeDateTime } from '@/components/ui/practice-time';
import type { AppRunOverview } from '@/lib/dal/sync-runs';
import { endedRunText, runDirectionText, runStatusBadge } from '@/lib/sync/runs/format';
import { undoOutcomeText } from '@/lib/sync/runs/undo-format';
import { type AppId, CAPABILITIES, type SyncDirection } from '@/lib/sync/rules';

/** What the schedule does: a To-XPM run sends what changed here and was not sent yet (an edit goes at once). */
function scheduleText(app: AppId, direction: SyncDirection): string {
  const { shortLabel, fromSchedule } = CAPABILITIES[app];
  return direction === 'to_app' ? `To ${shortLabel} ${fromSchedule}: clients changed here and not yet sent; a saved edit goes at once` : `From ${shortLabel} ${fromSchedule}`;
}

/**
 * An app's last sync (when, how it ended, a link to it) and its next scheduled one, as facts
 * in a definition list: on the app card and on the Dashboard alike. Only an admin approves or
 * discards a paused sync, so only an admin is asked to review one; an author may look.
 */
export function LastRunFacts({ overview, timezone, isAdmin, className }: { overview: AppRunOverview; timezone: string; isAdmin: boolean; className?: string }) {
  const pausedLinkText = isAdmin ? 'Review the paused sync' : 'View the paused sync';
  const { app, lastRun, nextRun, pausedRunId } = overview;
  // An app that never synced in and is not a source has no runs to speak of: its reason says why.
  if (!lastRun && !nextRun && !pausedRunId) return null;
  return (
    <dl className={className ?? 'grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2'} data-testid={`${app}-last-run`}>
      <div>
        <dt className="text-slate-600">Last sync</dt>
        <dd>
          {lastRun ? (
            <>
              <PracticeDateTime value={lastRun.startedAt ?? lastRun.queuedAt} timezone={timezone} />{' '}
              {/* Seen at a glance; not read out: the sentence below starts with the same word ("Succeeded Succeeded: …"). */}
              <Badge tone={runStatusBadge(lastRun).tone} aria-hidden>
                {runStatusBadge(lastRun).label}
              </Badge>
              <span className="block text-slate-700">
                {lastRun.trigger === 'undo' ? (
                  // An undo read nothing from the app: it says what it changed back, not "records read".
                  undoOutcomeText(app, lastRun.direction, lastRun.status, lastRun.counts, lastRun.undoDepth)
                ) : (
                  <>
                    {/* Run before the direction was switched: a card headed "From XPM" must not pass off a To XPM run as its own. */}
                    {lastRun.direction !== overview.settings.direction ? `${runDirectionText(app, lastRun.direction)}, before the direction was switched. ` : null}
                    {endedRunText(app, lastRun)}
                  </>
                )}
              </span>
              <Link href={`/sync-history/${lastRun.id}`} className="font-medium text-brand-700 underline">
                {/* A paused run waits for a person: the link says it is the next step. */}
                {lastRun.status === 'needs_review' ? pausedLinkText : 'View run'}
                <span className="sr-only"> ({CAPABILITIES[app].shortLabel})</span>
              </Link>
            </>
          ) : (
            'No sync has run yet.'
          )}
        </dd>
      </div>
      {pausedRunId ? (
        <div>
          <dt className="text-slate-600">Next scheduled sync</dt>
          <dd data-testid={`${app}-next-run`}>
            Waits for the paused sync: scheduled syncs join it until an admin approves or discards it.{' '}
            {/* The last run may be a later edit's: the paused one is linked here too. */}
            {lastRun?.id === pausedRunId ? null : (
              <Link href={`/sync-history/${pausedRunId}`} className="font-medium text-brand-700 underline">
                {pausedLinkText}
                <span className="sr-only"> ({CAPABILITIES[app].shortLabel})</span>
              </Link>
            )}
          </dd>
        </div>
      ) : nextRun ? (
        <div>
          <dt className="text-slate-600">Next scheduled sync</dt>
          <dd data-testid={`${app}-next-run`}>
            {/* The full stop: without it a screen reader ran on into the schedule ("…a few minutes From XPM every 15 minutes"). */}
            {nextRun.due ? 'Due now: it starts within a few minutes.' : <PracticeDateTime value={nextRun.at} timezone={timezone} />}
            <span className="block text-slate-700">{scheduleText(app, overview.settings.direction)}</span>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
