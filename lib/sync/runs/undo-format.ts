import type { AppId, SyncDirection } from '@/lib/sync/rules';
import { countOf } from '@/lib/format/count';
import { appShortName, runDirectionText, type RunCounts, type RunStatus, type RunTrigger } from './format';

/**
 * How an undo run reads in lists: Sync history, the run page's counts and an app's "Last sync".
 * A new user's trial read an undo as a sync "From XPM" whose removed links were "Updated": an
 * undo reads nothing from the app, and creates and links nothing. It only changes clients back
 * (lib/sync/undo/plan-undo.ts undoCounter: updated, unchanged, skipped) or fails to.
 */

/** "From XPM", or "Undo of a sync from XPM" for an undo run. */
export function runKindText(run: { app: AppId; direction: SyncDirection; trigger: RunTrigger }): string {
  if (run.trigger !== 'undo') return runDirectionText(run.app, run.direction);
  return `Undo of a sync ${run.direction === 'from_app' ? 'from' : 'to'} ${appShortName(run.app)}`;
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

/** "2,360 clients changed back, 3 left alone (changed since)"; "nothing to change back" when all are zero. */
export function undoCountsSummary(app: AppId, direction: SyncDirection, counts: Pick<RunCounts, UndoCountKey>): string {
  const changedBack = direction === 'to_app' ? `sent back to ${appShortName(app)}` : 'changed back';
  const parts = [
    counts.updated > 0 ? `${countOf(counts.updated, 'client')} ${changedBack}` : null,
    counts.unchanged > 0 ? `${countOf(counts.unchanged, 'client')} already as before` : null,
    counts.skipped > 0 ? `${countOf(counts.skipped, 'client')} left alone (changed since)` : null,
    counts.failed > 0 ? `${countOf(counts.failed, 'client')} failed` : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join(', ') : 'nothing to change back';
}

/** An undo's outcome in one sentence, for an app's "Last sync": "Undo of a sync from XPM succeeded: 2,360 clients changed back." */
export function undoOutcomeText(app: AppId, direction: SyncDirection, status: RunStatus, counts: Pick<RunCounts, UndoCountKey>): string {
  const kind = runKindText({ app, direction, trigger: 'undo' });
  const summary = undoCountsSummary(app, direction, counts);
  switch (status) {
    case 'succeeded':
      return `${kind} succeeded: ${summary}.`;
    case 'partial':
      return `${kind} finished with errors: ${summary}.`;
    case 'failed':
      return summary === 'nothing to change back' ? `${kind} failed: nothing was changed back.` : `${kind} failed after ${summary}.`;
    default:
      // An undo runs within its admin's request: it is not queued, paused or cancelled.
      return `${kind}: ${summary}.`;
  }
}
