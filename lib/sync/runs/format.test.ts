import { describe, expect, test } from 'vitest';
import {
  changedMoreThanRead,
  countsSummary,
  durationText,
  formatCount,
  notInboundReason,
  outcomeText,
  pausedCountsText,
  pausedRunCounts,
  progressText,
  runDirectionText,
  runDurationText,
  runStatusBadge,
  discardedOutcomeText,
  endedRunText,
  syncNowHint,
  triggerText,
  type RunCounts,
} from './format';

const ZERO: RunCounts = { fetched: 0, created: 0, linked: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 6, 0, 0) + seconds * 1000);

describe('runDurationText', () => {
  const hour = 3_600;
  test.each([
    ['a run that never paused', { startedAt: at(0), finishedAt: at(12), approvedAt: null }, '12 s'],
    ['approved after two hours of review: the wait is not the sync’s time', { startedAt: at(0), finishedAt: at(2 * hour + 4), approvedAt: at(2 * hour) }, '4 s after approval'],
    ['not finished', { startedAt: at(0), finishedAt: null, approvedAt: at(60) }, null],
    ['an approval before the start (approved while queued) counts from the start', { startedAt: at(60), finishedAt: at(90), approvedAt: at(0) }, '30 s'],
    ['discarded after review: start to end was mostly the wait, so none is given', { startedAt: at(0), finishedAt: at(97), approvedAt: null, discarded: true }, null],
    ['cancelled without a review keeps its duration', { startedAt: at(0), finishedAt: at(97), approvedAt: null, discarded: false }, '1 min 37 s'],
  ])('%s', (_, run, expected) => expect(runDurationText(run)).toBe(expected));
});

describe('a discarded run', () => {
  test('reads "Discarded", not "Cancelled"; any other run reads its status', () => {
    expect(runStatusBadge({ status: 'cancelled', discarded: true })).toEqual({ label: 'Discarded', tone: 'neutral' });
    expect(runStatusBadge({ status: 'cancelled', discarded: false }).label).toBe('Cancelled');
    expect(runStatusBadge({ status: 'needs_review' }).label).toBe('Needs review');
  });

  test('says it applied, or sent, nothing', () => {
    expect(discardedOutcomeText('xpm', 'from_app')).toBe('Discarded after it paused for review: nothing was applied.');
    expect(discardedOutcomeText('xpm', 'to_app')).toBe('Discarded after it paused for review: nothing was sent to XPM.');
  });

  // Last sync on an app's card and the onboarding wizard's summary say a run's end with this one sentence.
  test.each([
    [
      'discarded after review: never "Cancelled"',
      { status: 'cancelled', discarded: true, direction: 'from_app', counts: ZERO },
      'Discarded after it paused for review: nothing was applied.',
    ],
    ['discarded, To XPM', { status: 'cancelled', discarded: true, direction: 'to_app', counts: ZERO }, 'Discarded after it paused for review: nothing was sent to XPM.'],
    ['cancelled without a review', { status: 'cancelled', discarded: false, direction: 'from_app', counts: ZERO }, 'Cancelled: nothing to change.'],
    [
      'paused: named by what it selected, not by what it read',
      { status: 'needs_review', discarded: false, direction: 'from_app', counts: ZERO, total: 101 },
      'Paused for review: 101 records to apply; nothing applied yet.',
    ],
    ['succeeded', { status: 'succeeded', discarded: false, direction: 'from_app', counts: { ...ZERO, fetched: 1, created: 1 } }, 'Succeeded: 1 record read; 1 created.'],
  ] as const)('the sentence of an ended run: %s', (_, run, text) => {
    expect(endedRunText('xpm', run)).toBe(text);
  });
});

describe('a paused run’s counts', () => {
  test('what it read, what waits for review (its selected records) and what it leaves: not "Read 0" beside zeros it has not done yet', () => {
    const counts: RunCounts = { ...ZERO, unchanged: 4, skipped: 35, failed: 1 };
    expect(pausedRunCounts('from_app', counts, 101)).toEqual([
      { key: 'fetched', label: 'Read', value: 0 },
      { key: 'selected', label: 'To apply', value: 101 },
      { key: 'unchanged', label: 'Unchanged', value: 4 },
      { key: 'skipped', label: 'Skipped', value: 35 },
      { key: 'failed', label: 'Failed', value: 1 },
    ]);
    expect(pausedRunCounts('to_app', counts, 10).map((c) => c.label)).toEqual(['Read', 'To send', 'Unchanged', 'Skipped', 'Failed']);
  });

  test.each([
    ['from_app', { skipped: 35, failed: 0 }, 10, '10 records to apply, 35 skipped; nothing applied yet'],
    ['from_app', { skipped: 0, failed: 2 }, 1, '1 record to apply, 2 failed; nothing applied yet'],
    ['to_app', { skipped: 0, failed: 0 }, 12, '12 clients to send; nothing sent yet'],
  ] as const)('in words across a list’s count columns (%s): %s', (direction, counts, total, text) => {
    expect(pausedCountsText(direction, counts, total)).toBe(text);
  });
});

describe('trigger words', () => {
  test.each([
    [{ trigger: 'manual', requestedByName: 'Alex Admin', retryOfRunId: null }, 'Sync now by Alex Admin'],
    [{ trigger: 'manual', requestedByName: null, retryOfRunId: null }, 'Sync now'],
    [{ trigger: 'schedule', requestedByName: null, retryOfRunId: null }, 'Scheduled'],
    // Started at once by an admin's settings save (lib/jobs/due-work.ts settingsSaveThatStartedSync): not "Scheduled" alone.
    [{ trigger: 'schedule', requestedByName: 'Alex Admin', retryOfRunId: null }, 'Settings saved by Alex Admin'],
    [{ trigger: 'webhook', requestedByName: null, retryOfRunId: null }, 'Gusto webhook'],
    [{ trigger: 'manual', requestedByName: 'Alex Admin', retryOfRunId: 'r1' }, 'Retry by Alex Admin'],
    [{ trigger: 'manual', requestedByName: null, retryOfRunId: 'r1' }, 'Retry'],
    [{ trigger: 'workflow', requestedByName: null, retryOfRunId: null }, 'Proposal accepted'],
    [{ trigger: 'onboarding', requestedByName: 'Pat Owner', retryOfRunId: null }, 'Onboarding by Pat Owner'],
    [{ trigger: 'edit', requestedByName: 'Alex Admin', retryOfRunId: null }, 'Client edited by Alex Admin'],
  ] as const)('%o → %s', (facts, words) => {
    expect(triggerText({ app: 'gusto', ...facts })).toBe(words);
  });
  test('the webhook names its app', () => {
    expect(triggerText({ app: 'xpm', trigger: 'webhook', requestedByName: null, retryOfRunId: null })).toBe('XPM webhook');
  });
});

describe('durations', () => {
  test.each([
    [0, 'under a second'],
    [0.4, 'under a second'],
    [1, '1 s'],
    [42, '42 s'],
    [60, '1 min'],
    [185, '3 min 5 s'],
    [3600, '1 h'],
    [3720, '1 h 2 min'],
  ])('%s s → %s', (seconds, words) => {
    expect(durationText(at(0), at(seconds))).toBe(words);
  });
  test('a run that has not both started and finished has no duration', () => {
    expect(durationText(null, null)).toBeNull();
    expect(durationText(at(0), null)).toBeNull();
  });
  test('clock skew never reads as a negative duration', () => {
    expect(durationText(at(5), at(0))).toBe('under a second');
  });
});

describe('counts and progress', () => {
  test('numbers have thousands separators', () => {
    expect(formatCount(2360)).toBe('2,360');
    expect(progressText(120, 2360)).toBe('120 of 2,360 records');
    expect(progressText(0, 1)).toBe('0 of 1 record');
  });
  test('the summary names only what happened, in a fixed order', () => {
    expect(countsSummary({ ...ZERO, fetched: 9, unchanged: 20, updated: 3, linked: 1 })).toBe('1 linked, 3 updated, 20 unchanged');
    expect(countsSummary(ZERO)).toBe('nothing to change');
  });
  test.each([
    ['succeeded', { ...ZERO, fetched: 2360, updated: 3, unchanged: 2357 }, 'Succeeded: 2,360 records read; 3 updated, 2,357 unchanged.'],
    ['partial', { ...ZERO, fetched: 5, updated: 4, failed: 1 }, 'Finished with errors: 5 records read; 4 updated, 1 failed.'],
    ['failed', ZERO, 'Failed: nothing could be read.'],
    ['failed', { ...ZERO, fetched: 1, failed: 1 }, 'Failed after 1 record read; 1 failed.'],
    ['running', { ...ZERO, fetched: 12 }, 'Running: 12 records read so far.'],
    ['queued', ZERO, 'Waiting to start.'],
    ['cancelled', { ...ZERO, fetched: 2, unchanged: 2 }, 'Cancelled: 2 records read; 2 unchanged.'],
    // Nothing new read (the directory's refresh had): named by what it did alone.
    ['succeeded', { ...ZERO, created: 2360 }, 'Succeeded: 2,360 created.'],
    ['partial', { ...ZERO, updated: 86, failed: 1 }, 'Finished with errors: 86 updated, 1 failed.'],
    ['succeeded', ZERO, 'Succeeded: nothing to change.'],
    ['failed', { ...ZERO, updated: 12, failed: 1 }, 'Failed after 12 updated, 1 failed.'],
    // Changed more clients than it read: the others were already in the directory (a trial read "2 records read; 2,360 created").
    ['succeeded', { ...ZERO, fetched: 2, created: 2360 }, 'Succeeded: 2,360 created; 2 records read by this run, the others already in the directory.'],
    ['partial', { ...ZERO, fetched: 1, linked: 86, failed: 1 }, 'Finished with errors: 86 linked, 1 failed; 1 record read by this run, the others already in the directory.'],
    ['failed', { ...ZERO, fetched: 2, created: 2000 }, 'Failed after 2,000 created; 2 records read by this run, the others already in the directory.'],
    // Unchanged, skipped and failed records are not "changed": read first, as before.
    ['succeeded', { ...ZERO, fetched: 1, updated: 1, unchanged: 1999 }, 'Succeeded: 1 record read; 1 updated, 1,999 unchanged.'],
    ['succeeded', { ...ZERO, fetched: 4, unchanged: 2, skipped: 2 }, 'Succeeded: 4 records read; 2 unchanged, 2 skipped.'],
    ['partial', { ...ZERO, fetched: 1, updated: 1, failed: 2 }, 'Finished with errors: 1 record read; 1 updated, 2 failed.'],
  ] as const)('%s → %s', (status, counts, words) => {
    expect(outcomeText(status, counts)).toBe(words);
  });
  test('a To-XPM run names what it read first, whatever it sent: it read XPM to plan the sends', () => {
    expect(outcomeText('succeeded', { ...ZERO, fetched: 2, updated: 40 }, 'to_app')).toBe('Succeeded: 2 records read; 40 updated.');
    expect(changedMoreThanRead('to_app', { ...ZERO, fetched: 2, updated: 40 })).toBe(false);
    expect(changedMoreThanRead('from_app', { ...ZERO, fetched: 2, updated: 40 })).toBe(true);
  });
  test('a paused run says nothing was applied here, or — To XPM — nothing was sent', () => {
    expect(outcomeText('needs_review', { ...ZERO, fetched: 10 })).toBe('Paused for review: 10 records read; nothing applied yet.');
    expect(outcomeText('needs_review', { ...ZERO, fetched: 10 }, 'to_app')).toBe('Paused for review: 10 records read; nothing sent yet.');
    // Named by what it selected, when known: it may have read nothing new (the directory was refreshed before it).
    expect(outcomeText('needs_review', { ...ZERO, fetched: 0 }, 'from_app', 101)).toBe('Paused for review: 101 records to apply; nothing applied yet.');
    expect(outcomeText('needs_review', { ...ZERO, fetched: 3 }, 'to_app', 1)).toBe('Paused for review: 1 client to send; nothing sent yet.');
    expect(outcomeText('needs_review', { ...ZERO, fetched: 3 }, 'to_app', 2360)).toBe('Paused for review: 2,360 clients to send; nothing sent yet.');
  });
});

describe('why nothing flows in', () => {
  test('an app set to send data to itself says where changes go and how its directory keeps up', () => {
    expect(notInboundReason('xpm', { syncData: 'everything', direction: 'to_app' })).toBe(
      'XPM is set to To XPM: changes here go to XPM; its directory is refreshed every 15 minutes, so the client picker stays current.',
    );
  });
  test('an app whose Sync data is Nothing says so', () => {
    expect(notInboundReason('gusto', { syncData: 'nothing', direction: 'from_app' })).toBe(
      "Gusto's Sync data is Nothing: no client data flows in from Gusto; its directory is refreshed daily at 06:00, so the client picker stays current.",
    );
  });
  test('To XPM with Sync data Nothing sends nothing, and says so rather than "changes here go to XPM"', () => {
    expect(notInboundReason('xpm', { syncData: 'nothing', direction: 'to_app' })).toBe(
      "XPM's Sync data is Nothing: nothing is sent to XPM; its directory is refreshed every 15 minutes, so the client picker stays current.",
    );
  });
  test.each([
    ['gusto', 'everything'],
    ['gusto', 'client_name'],
    ['xpm', 'everything'],
  ] as const)('%s with %s from the app is an inbound source: no reason, it has the button', (app, syncData) => {
    expect(notInboundReason(app, { syncData, direction: 'from_app' })).toBeNull();
  });
  test.each([
    ['gusto', 'everything'],
    ['gusto', 'client_name'],
    ['xpm', 'everything'],
    ['xpm', 'client_name'],
  ] as const)('%s with %s from the app has the button: no hint for admins either', (app, syncData) => {
    expect(syncNowHint(app, { syncData, direction: 'from_app' })).toBeNull();
  });
  test.each(['everything', 'client_name'] as const)('To XPM with %s: admins read the same sentence as the Dashboard', (syncData) => {
    const settings = { syncData, direction: 'to_app' } as const;
    expect(syncNowHint('xpm', settings)).toBe(notInboundReason('xpm', settings));
  });
  test('Sync data Nothing, From the app: admins read what brings the button, not "no data flows" again', () => {
    expect(syncNowHint('gusto', { syncData: 'nothing', direction: 'from_app' })).toBe(
      "Sync now appears once Sync data is Everything or Client name. Gusto's directory is refreshed daily at 06:00, so the client picker stays current.",
    );
    expect(syncNowHint('xpm', { syncData: 'nothing', direction: 'from_app' })).toBe(
      "Sync now appears once Sync data is Everything or Client name. XPM's directory is refreshed every 15 minutes, so the client picker stays current.",
    );
  });
  test('Sync data Nothing, From the app, with another app the client source: its options are greyed out, so the source comes first', () => {
    expect(syncNowHint('gusto', { syncData: 'nothing', direction: 'from_app' }, 'xpm')).toBe(
      "Sync now is for the client source, which is XPM: make Gusto the source instead to bring its data in. Gusto's directory is refreshed daily at 06:00, so the client picker stays current.",
    );
    // The app itself as the source (it cannot be with Nothing, but a stale view must not say "which is Gusto").
    expect(syncNowHint('gusto', { syncData: 'nothing', direction: 'from_app' }, 'gusto')).toMatch(/^Sync now appears once/);
  });
  test('Sync data Nothing, To XPM: admins read that edits will go by themselves once data is chosen', () => {
    expect(syncNowHint('xpm', { syncData: 'nothing', direction: 'to_app' })).toBe(
      "With To XPM, changes here go to XPM by themselves once Sync data is Everything or Client name. XPM's directory is refreshed every 15 minutes, so the client picker stays current.",
    );
  });
  test('directions read as on the settings', () => {
    expect(runDirectionText('gusto', 'from_app')).toBe('From Gusto');
    expect(runDirectionText('xpm', 'to_app')).toBe('To XPM');
  });
});
