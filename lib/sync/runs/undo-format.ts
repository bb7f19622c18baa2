import type { AppId, SyncDirection } from '@/lib/sync/rules';
import { countOf } from '@/lib/format/count';
import { appShortName, isActiveStatus, runDirectionText, type RunCounts, type RunStatus, type RunTrigger } from './format';

/**
 * How an undo run reads in lists: Sync history, the run page's counts and an app's "Last sync".
 * A new user's trial read an undo as a sync "From XPM" whose removed links were "Updated": an
 * undo reads nothing from the app, and creates and links nothing. It only changes clients back
 * (lib/sync/undo/plan-undo.ts undoCounter: updated, unchanged, skipped) or fails to.
 */

/**
 * "From XPM", or for an undo run what it undid: "Undo of a sync from XPM", and for an undo of
 * that undo "Undo of an undo of a sync from XPM" (it puts back what the sync did; a trial read
 * it as a second undo of the sync). `undoDepth`: how many undos deep the run is, itself
 * included (lib/dal/sync-runs.ts undoDepthColumn): 1 for an undo of a sync.
 */
export function runKindText(run: { app: AppId; direction: SyncDirection; trigger: RunTrigger; undoDepth?: number }): string {
  if (run.trigger !== 'undo') return runDirectionText(run.app, run.direction);
  const undone = 'an undo of '.repeat(Math.max(1, run.undoDepth ?? 1) - 1);
  return `Undo of ${undone}a sync ${run.direction === 'from_app' ? 'from' : 'to'} ${appShortName(run.app)}`;
}

type UndoCountKey = 'updated' | 'unchanged' | 'skipped' | 'failed';

/**
 * The counts an undo keeps, with words of their own. Changed back: its values put back, or the
 * link the undone run made removed (the client is kept) — To XPM, XPM sent its earlier value.
 */
export function undoCountColumns(direction: SyncDirection): readonly { key: UndoCountKey; label: string }[] {
  return [
    { key: 'updated', label: direction === 'to_app' ? 'Sent back' : 'Changed back' },
    { key: 'unchanged', label: 'Already as before' },
    { key: 'skipped', label: 'Left alone' },
    { key: 'failed', label: 'Failed' },
  ];
}

/**
 * "2,360 clients changed back, 3 left alone (changed since)". Nothing counted: "nothing to change
 * back", or — failed — "nothing was changed back"; while it runs, "… so far".
 */
export function undoCountsSummary(app: AppId, direction: SyncDirection, status: RunStatus, counts: Pick<RunCounts, UndoCountKey>): string {
  const changedBack = direction === 'to_app' ? `sent back to ${appShortName(app)}` : 'changed back';
  const parts = [
    counts.updated > 0 ? `${countOf(counts.updated, 'client')} ${changedBack}` : null,
    counts.unchanged > 0 ? `${countOf(counts.unchanged, 'client')} already as before` : null,
    counts.skipped > 0 ? `${countOf(counts.skipped, 'client')} left alone (changed since)` : null,
    counts.failed > 0 ? `${countOf(counts.failed, 'client')} failed` : null,
  ].filter((part): part is string => part !== null);
  const active = isActiveStatus(status);
  if (parts.length === 0) return active ? 'nothing changed back yet' : status === 'failed' ? 'nothing was changed back' : 'nothing to change back';
  return active ? `${parts.join(', ')} so far` : parts.join(', ');
}

/**
 * An undo's outcome in one sentence, for an app's "Last sync" and its progress: "Undo of a sync
 * from XPM succeeded: 2,360 clients changed back." `undoDepth` as runKindText's.
 */
export function undoOutcomeText(app: AppId, direction: SyncDirection, status: RunStatus, counts: Pick<RunCounts, UndoCountKey>, undoDepth = 1): string {
  const kind = runKindText({ app, direction, trigger: 'undo', undoDepth });
  const summary = undoCountsSummary(app, direction, status, counts);
  switch (status) {
    case 'succeeded':
      return `${kind} succeeded: ${summary}.`;
    case 'partial':
      return `${kind} finished with errors: ${summary}.`;
    case 'failed':
      return summary === 'nothing was changed back' ? `${kind} failed: nothing was changed back.` : `${kind} failed after ${summary}.`;
    // An undo runs within its admin's request; one left queued or running by a process that
    // died is ended as failed by the next worker (lib/sync/engine/execute.ts).
    case 'queued':
      return `${kind} is waiting to start.`;
    case 'running':
      return `${kind} is running: ${summary}.`;
    default:
      // Never paused or cancelled: it has no review and no cancel.
      return `${kind}: ${summary}.`;
  }
}
