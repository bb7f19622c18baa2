import { CAPABILITIES, directionLabel } from '@/lib/sync/rules';
import type { AppId, SyncData, SyncDirection } from '@/lib/sync/rules';
import { countOf } from '@/lib/format/count';

/**
 * How a sync run reads in words: on Sync history, the run page, the app card and the
 * Dashboard alike. Pure (no React, no database), so every page says the same thing and the
 * tests pin it.
 */

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'needs_review';
export type RunTrigger = 'schedule' | 'manual' | 'webhook' | 'workflow' | 'onboarding' | 'undo' | 'edit';

export interface RunCounts {
  fetched: number;
  created: number;
  linked: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** The counts in the order the history table shows them, with their column words. */
export const COUNT_COLUMNS: readonly { key: keyof RunCounts; label: string }[] = [
  // What the run read from the app: how it reads (read-scope.ts) is said under the counts (count-notes.ts readNote).
  { key: 'fetched', label: 'Read' },
  { key: 'created', label: 'Created' },
  { key: 'linked', label: 'Linked' },
  { key: 'updated', label: 'Updated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'skipped', label: 'Skipped' },
  { key: 'failed', label: 'Failed' },
];

/**
 * The counts a run paused for review shows on its page, with their words. It has created,
 * linked and updated nothing yet, and its read is incremental: "Read 0" beside "Skipped 35" and
 * zeros under Created, Linked and Updated read as a run that found nothing (a trial). It shows
 * what it read, what waits for review — the records it selected (`total`), named as its outcome
 * names them ("101 records to apply") — and what it leaves alone or could not read.
 */
export function pausedRunCounts(direction: SyncDirection, counts: RunCounts, total: number): { key: keyof RunCounts | 'selected'; label: string; value: number }[] {
  return [
    { key: 'fetched', label: 'Read', value: counts.fetched },
    { key: 'selected', label: direction === 'to_app' ? 'To send' : 'To apply', value: total },
    { key: 'unchanged', label: 'Unchanged', value: counts.unchanged },
    { key: 'skipped', label: 'Skipped', value: counts.skipped },
    { key: 'failed', label: 'Failed', value: counts.failed },
  ];
}

/**
 * A paused run's counts in words, where a list has one cell for them (Sync history, as an
 * undo's): "10 records to apply, 35 skipped; nothing applied yet" — its columns would read
 * "Read 0 … Skipped 35" beside zeros it has not done yet. A push names clients, as its outcome does.
 */
export function pausedCountsText(direction: SyncDirection, counts: Pick<RunCounts, 'skipped' | 'failed'>, total: number): string {
  const [verb, done] = direction === 'to_app' ? ['send', 'sent'] : ['apply', 'applied'];
  const what = direction === 'to_app' ? countOf(total, 'client') : recordsText(total);
  const left = [counts.skipped > 0 ? `${formatCount(counts.skipped)} skipped` : null, counts.failed > 0 ? `${formatCount(counts.failed)} failed` : null].filter(Boolean);
  return `${[`${what} to ${verb}`, ...left].join(', ')}; nothing ${done} yet`;
}

// On first use, not at module load: a page that loads this module but formats no count at
// hydration does not pay for the browser's first Intl format (lib/format/count.ts says why).
let number: Intl.NumberFormat | undefined;

/** "2,360". */
export function formatCount(value: number): string {
  number ??= new Intl.NumberFormat('en-AU');
  return number.format(value);
}

/** Whether the run may still change: progress is polled only for these. */
export function isActiveStatus(status: RunStatus): status is 'queued' | 'running' {
  return status === 'queued' || status === 'running';
}

export const STATUS_BADGE: Readonly<Record<RunStatus, { label: string; tone: 'neutral' | 'info' | 'success' | 'warning' | 'danger' }>> = {
  queued: { label: 'Waiting to start', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  partial: { label: 'Some records failed', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  needs_review: { label: 'Needs review', tone: 'warning' },
};

/**
 * A run's badge. A run discarded after it paused for review (status `cancelled`, never
 * approved) reads "Discarded", as its page says: a trial saw "Cancelled" in the history and on
 * the card beside "Discarded: the sync settings changed after this run paused…" on its page.
 */
export function runStatusBadge(run: { status: RunStatus; discarded?: boolean }): (typeof STATUS_BADGE)[RunStatus] {
  return run.discarded ? { label: 'Discarded', tone: 'neutral' } : STATUS_BADGE[run.status];
}

/** A discarded run's outcome in one sentence: it applied (or sent) nothing. */
export function discardedOutcomeText(app: AppId, direction: SyncDirection): string {
  return `Discarded after it paused for review: ${direction === 'to_app' ? `nothing was sent to ${appShortName(app)}` : 'nothing was applied'}.`;
}

/**
 * How an ended run went, in one sentence, wherever one is said of a run (an app's Last sync,
 * the onboarding wizard's summary): a run discarded after it paused for review says so, never
 * "Cancelled: … nothing to change" (a first sync discarded that way once read "Cancelled" in
 * the wizard alone). `total`: the records it selected (a paused run is named by them).
 */
export function endedRunText(app: AppId, run: { status: RunStatus; discarded: boolean; direction: SyncDirection; counts: RunCounts; total?: number }): string {
  return run.discarded ? discardedOutcomeText(app, run.direction) : outcomeText(run.status, run.counts, run.direction, run.total);
}

/** "From Gusto" / "To XPM". */
export function runDirectionText(app: AppId, direction: SyncDirection): string {
  return directionLabel(CAPABILITIES, app, direction);
}

export function appShortName(app: AppId): string {
  return CAPABILITIES[app].shortLabel;
}

export interface TriggerFacts {
  app: AppId;
  trigger: RunTrigger;
  /** The member who asked, if any (null for webhooks, periodic scheduled runs, or a member since removed); a scheduled run started at once by a member's settings save names them. */
  requestedByName: string | null;
  /** Set when the run retries another run's failed records. */
  retryOfRunId: string | null;
}

/** "Sync now by Alex Admin", "Scheduled", "Settings saved by Alex Admin", "Gusto webhook", "Retry by Alex Admin", "Client edited by Alex Admin". */
export function triggerText({ app, trigger, requestedByName, retryOfRunId }: TriggerFacts): string {
  const by = requestedByName ? ` by ${requestedByName}` : '';
  if (retryOfRunId) return `Retry${by}`;
  switch (trigger) {
    case 'manual':
      return `Sync now${by}`;
    case 'schedule':
      // A scheduled run names a member only when their settings save started it at once
      // (lib/jobs/due-work.ts settingsSaveThatStartedSync): "Scheduled" alone read as a
      // coincidence a minute after an admin turned sync on (a trial).
      return requestedByName ? `Settings saved by ${requestedByName}` : 'Scheduled';
    case 'webhook':
      return `${appShortName(app)} webhook`;
    case 'workflow':
      return 'Proposal accepted';
    case 'onboarding':
      return `Onboarding${by}`;
    case 'undo':
      return `Undo${by}`;
    case 'edit':
      return `Client edited${by}`;
  }
}

/**
 * How long a run took: "under a second", "42 s", "3 min 5 s", "1 h 2 min". Null (shown as
 * a dash) while it has not both started and finished.
 */
export function durationText(startedAt: Date | null, finishedAt: Date | null): string | null {
  if (!startedAt || !finishedAt) return null;
  const seconds = Math.max(0, Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000));
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/**
 * How long a run took. A run that paused for review and was approved counts from the approval:
 * the hours it waited for an admin are not the sync's time (a new user's trial read "2 h" for a
 * run of seconds), and the page says so.
 */
export function runDurationText(run: { startedAt: Date | null; finishedAt: Date | null; approvedAt: Date | null; discarded?: boolean }): string | null {
  const { startedAt, finishedAt, approvedAt } = run;
  // Discarded: it ended when an admin (or a settings change) discarded it, so start to end is
  // mostly its wait for review, and when it paused is not kept — no duration is better than a wrong one.
  if (run.discarded) return null;
  if (approvedAt && startedAt && finishedAt && approvedAt > startedAt) return `${durationText(approvedAt, finishedAt)} after approval`;
  return durationText(startedAt, finishedAt);
}

/** "1 record" / "2,360 records". */
export function recordsText(n: number): string {
  return `${formatCount(n)} record${n === 1 ? '' : 's'}`;
}

/** The progress bar's words: "120 of 2,360 records". */
export function progressText(processed: number, total: number): string {
  return `${formatCount(processed)} of ${recordsText(total)}`;
}

/** The non-zero outcome counts in words: "3 updated, 1 linked, 20 unchanged" ("nothing to change" when all are zero). */
export function countsSummary(counts: RunCounts): string {
  const parts = (['created', 'linked', 'updated', 'unchanged', 'skipped', 'failed'] as const).filter((key) => counts[key] > 0).map((key) => `${formatCount(counts[key])} ${key}`);
  return parts.length ? parts.join(', ') : 'nothing to change';
}

/**
 * One sentence for a run, as the card says it when a run ends and the Dashboard beside the
 * last run: "Succeeded: 2,360 records read; 3 updated, 2,357 unchanged."
 *
 * `selected`: the records the run selected to apply or send. A paused run is named by them —
 * "Paused for review: 101 records to apply" — not by what it read: a run reads only what changed
 * in the app since the directory's last refresh, so one that a settings change made plan every
 * record may have read none (a new user's trial saw "0 records read" beside 101 changes).
 */
export function outcomeText(status: RunStatus, counts: RunCounts, direction: SyncDirection = 'from_app', selected?: number): string {
  const read = `${recordsText(counts.fetched)} read`;
  const did = didText(counts, direction);
  switch (status) {
    case 'queued':
      return 'Waiting to start.';
    case 'running':
      return `Running: ${read} so far.`;
    case 'succeeded':
      return `Succeeded: ${did}.`;
    case 'partial':
      return `Finished with errors: ${did}.`;
    case 'failed':
      if (counts.fetched > 0) return `Failed after ${did}.`;
      // Read nothing new, yet applied or sent some before it stopped: say what stands.
      return countsSummary(counts) === 'nothing to change' ? 'Failed: nothing could be read.' : `Failed after ${countsSummary(counts)}.`;
    case 'cancelled':
      return `Cancelled: ${did}.`;
    case 'needs_review': {
      // A paused push has sent nothing to the app; a paused From run has applied nothing here.
      // A push selects clients here (the notes and the review say "clients"); a From run, the app's records.
      const [verb, done] = direction === 'to_app' ? ['send', 'sent'] : ['apply', 'applied'];
      const what = direction === 'to_app' ? (n: number) => countOf(n, 'client') : recordsText;
      return selected === undefined ? `Paused for review: ${read}; nothing ${done} yet.` : `Paused for review: ${what(selected)} to ${verb}; nothing ${done} yet.`;
    }
  }
}

/**
 * Whether a From run changed more clients than it read records. Its read is incremental (only
 * what is new or changed in the app), and it also works with what the directory already held:
 * records read by earlier refreshes and not yet linked, created or updated. "2 records read;
 * 2,360 created" and "Read 0" beside "Linked 87" are then true, yet read as contradictions
 * (trials). Unchanged, skipped and failed are left out: a linked record that has not changed is
 * counted unchanged whether or not this run read it, and a failed one may never have been read.
 */
export function changedMoreThanRead(direction: SyncDirection, counts: RunCounts): boolean {
  return direction === 'from_app' && counts.fetched < counts.created + counts.linked + counts.updated;
}

/** What a run did, with what it read: first what it read, unless it changed more than it read. */
function didText(counts: RunCounts, direction: SyncDirection): string {
  if (counts.fetched === 0) return countsSummary(counts);
  if (changedMoreThanRead(direction, counts)) return `${countsSummary(counts)}; ${recordsText(counts.fetched)} read by this run, the others already in the directory`;
  return `${recordsText(counts.fetched)} read; ${countsSummary(counts)}`;
}

/** "its directory is refreshed every 15 minutes, so the client picker stays current": whatever the settings. */
function directoryRefreshed(app: AppId): string {
  return `refreshed ${CAPABILITIES[app].fromSchedule}, so the client picker stays current`;
}

/**
 * Why nothing flows in from an app, in words, with what happens instead: "XPM is set to To
 * XPM: changes here go to XPM; its directory is refreshed every 15 minutes, so the client
 * picker stays current." Null when the app is an inbound source. The Dashboard's sync health
 * says this alone; the app's card says it to authors (see syncNowHint for admins).
 */
export function notInboundReason(app: AppId, settings: { syncData: SyncData; direction: SyncDirection }): string | null {
  const name = appShortName(app);
  const refreshed = `its directory is ${directoryRefreshed(app)}`;
  if (settings.syncData === 'nothing') {
    // Checked before the direction: To XPM with Sync data Nothing sends nothing.
    const none = settings.direction === 'to_app' ? `nothing is sent to ${name}` : `no client data flows in from ${name}`;
    return `${name}'s Sync data is Nothing: ${none}; ${refreshed}.`;
  }
  if (settings.direction === 'to_app') {
    return `${name} is set to ${runDirectionText(app, 'to_app')}: changes here go to ${name}; ${refreshed}.`;
  }
  return null;
}

/**
 * What an admin reads on an app's card in place of "Sync now". The card's facts, its Sync data
 * options and its "Now:" line already say that no client data flows while Sync data is
 * Nothing, so this says what would bring the data instead of saying it a fourth time: "Sync
 * now appears once Sync data is Everything or Client name." With another app the client source
 * (`source`), those options are greyed out here: it says the source comes first. Null when
 * the card has the button.
 */
export function syncNowHint(app: AppId, settings: { syncData: SyncData; direction: SyncDirection }, source: AppId | null = null): string | null {
  if (settings.syncData !== 'nothing') return notInboundReason(app, settings);
  const name = appShortName(app);
  const refreshed = `${name}'s directory is ${directoryRefreshed(app)}.`;
  if (source !== null && source !== app && settings.direction === 'from_app') {
    return `Sync now is for the client source, which is ${appShortName(source)}: make ${name} the source instead to bring its data in. ${refreshed}`;
  }
  if (settings.direction === 'to_app') {
    return `With ${runDirectionText(app, 'to_app')}, changes here go to ${name} by themselves once Sync data is Everything or Client name. ${refreshed}`;
  }
  return `Sync now appears once Sync data is Everything or Client name. ${refreshed}`;
}
